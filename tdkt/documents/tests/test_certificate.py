"""Certificates: one self-contained PDF each, full and print-on-blank, layouts as validated JSON."""
import copy
import io
import json

import pytest
from pypdf import PdfReader

from tdkt.documents.certificate import (
    DEFAULT_LAYOUTS,
    FIELDS,
    default_layout,
    layout_from_dict,
    layout_to_dict,
    render_certificates_pdf,
)
from tdkt.documents.text import pdf_text

from .samples import make_certificate


def flat(text):
    return " ".join(text.split())


@pytest.fixture(scope="module")
def full(certificates):
    return render_certificates_pdf(certificates, DEFAULT_LAYOUTS["bang_khen"])


@pytest.fixture(scope="module")
def blank(certificates):
    return render_certificates_pdf(certificates, DEFAULT_LAYOUTS["giay_khen"], print_on_blank=True)


def link_uris(data):
    page = PdfReader(io.BytesIO(data)).pages[0]
    return [annot.get_object()["/A"]["/URI"] for annot in page.get("/Annots", [])
            if annot.get_object().get("/Subtype") == "/Link"]


class TestFull:
    def test_one_single_page_pdf_per_certificate_with_its_own_recipient(self, certificates, full):
        assert len(full) == 3
        for cert, data in zip(certificates, full):
            reader = PdfReader(io.BytesIO(data))
            assert len(reader.pages) == 1
            text = flat(pdf_text(data))
            assert cert.recipient_name in text
            assert f"Quyết định số {cert.decision_number}, ngày 05/01/2026" in text
            assert f"Số sổ vàng: {cert.golden_book_number}" in text
            assert f"Mã số: {cert.serial}" in text
            others = [c.recipient_name for c in certificates if c is not cert]
            assert not any(name in text for name in others)

    def test_specimen_text_blocks_in_order(self, full):
        text = flat(pdf_text(full[0]))
        order = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "TẶNG", "BẰNG KHEN", "Nguyễn Thị Ánh",
                 "Trưởng phòng Ngân sách, Sở Tài chính", "Đã có thành tích xuất sắc trong công tác năm 2025"]
        positions = [text.index(piece) for piece in order]
        assert positions == sorted(positions)
        assert "Hà Nam, ngày 05 tháng 01 năm 2026" in text
        assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text

    def test_qr_code_links_to_the_verification_url(self, certificates, full):
        for cert, data in zip(certificates, full):
            assert link_uris(data) == [cert.verify_url]

    def test_qr_image_is_the_code_of_the_verification_url(self, certificates, full):
        import segno

        for cert, data in zip(certificates, full):
            images = PdfReader(io.BytesIO(data)).pages[0].images
            assert len(images) == 1
            pixels = images[0].image.convert("L")  # one pixel per module, no quiet zone
            width, height = pixels.size
            drawn = [[pixels.getpixel((x, y)) < 128 for x in range(width)] for y in range(height)]
            expected = [[bool(v) for v in row] for row in segno.make(cert.verify_url, error="m", micro=False).matrix]
            assert drawn == expected

    def test_page_size_follows_the_layout(self, full):
        box = PdfReader(io.BytesIO(full[0])).pages[0].mediabox
        assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (420, 297)

    def test_each_file_embeds_its_fonts(self, full):
        page = PdfReader(io.BytesIO(full[0])).pages[0]
        fonts = page["/Resources"]["/Font"]
        assert fonts
        for ref in fonts.values():
            descriptor = ref.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor

    def test_titles_are_told_apart_from_forms(self):
        data = render_certificates_pdf([make_certificate(9, "Trần Văn Đức", award_name="CHIẾN SĨ THI ĐUA CƠ SỞ")],
                                       DEFAULT_LAYOUTS["giay_khen"])[0]
        assert "TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ" in flat(pdf_text(data))

    def test_a_very_long_collective_name_still_fits_one_page(self):
        name = "Phòng Giáo dục và Đào tạo huyện Kim Bảng, Ủy ban nhân dân huyện Kim Bảng, tỉnh Hà Nam"
        data = render_certificates_pdf([make_certificate(4, name)], DEFAULT_LAYOUTS["giay_khen"])[0]
        assert len(PdfReader(io.BytesIO(data)).pages) == 1
        assert name in flat(pdf_text(data))


class TestPrintOnBlank:
    def test_prints_the_variable_text_only(self, certificates, blank):
        for cert, data in zip(certificates, blank):
            text = flat(pdf_text(data))
            assert cert.recipient_name in text
            assert cert.decision_number in text
            assert "Lê Văn Hùng" in text
            for preprinted in ("BẰNG KHEN", "CỘNG HÒA", "Độc lập", "TẶNG", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"):
                assert preprinted not in text

    def test_page_size_is_the_blank(self, blank):
        box = PdfReader(io.BytesIO(blank[0])).pages[0].mediabox
        assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (297, 210)

    def test_the_layout_chooses_what_is_printed(self, certificates):
        layout = default_layout("giay_khen")
        layout.blank_fields = ["recipient_name", "issuer_title"]
        text = flat(pdf_text(render_certificates_pdf(certificates[:1], layout, print_on_blank=True)[0]))
        assert "Nguyễn Thị Ánh" in text and "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM" in text
        assert "Lê Văn Hùng" not in text


class TestLayouts:
    @pytest.mark.parametrize("name", ["bang_khen", "giay_khen"])
    def test_defaults_round_trip_through_json(self, name):
        layout = DEFAULT_LAYOUTS[name]
        assert layout_from_dict(json.loads(json.dumps(layout_to_dict(layout)))) == layout

    def test_default_sizes(self):
        assert (DEFAULT_LAYOUTS["bang_khen"].page_width_mm, DEFAULT_LAYOUTS["bang_khen"].page_height_mm) == (420, 297)
        assert (DEFAULT_LAYOUTS["giay_khen"].page_width_mm, DEFAULT_LAYOUTS["giay_khen"].page_height_mm) == (297, 210)
        for layout in DEFAULT_LAYOUTS.values():
            assert set(layout.fields) == set(FIELDS)

    def _dict(self):
        return copy.deepcopy(layout_to_dict(DEFAULT_LAYOUTS["giay_khen"]))

    def test_negative_coordinate_is_refused_naming_the_field(self):
        data = self._dict()
        data["fields"]["recipient_name"]["x_mm"] = -5
        with pytest.raises(ValueError) as error:
            layout_from_dict(data)
        message = str(error.value)
        assert "recipient_name" in message and "Họ và tên" in message and "không được âm" in message

    def test_missing_coordinate_is_refused_naming_the_field(self):
        data = self._dict()
        del data["fields"]["signer_name"]["y_mm"]
        with pytest.raises(ValueError, match="signer_name.*thiếu tọa độ “y_mm”"):
            layout_from_dict(data)

    def test_missing_field_is_refused(self):
        data = self._dict()
        del data["fields"]["qr"]
        with pytest.raises(ValueError, match="thiếu trường “qr” \\(Mã QR tra cứu\\)"):
            layout_from_dict(data)

    @pytest.mark.parametrize("change, fragment", [
        (("achievement", "width_mm", 0), "achievement"),
        (("achievement", "x_mm", 250), "vượt ra ngoài khổ giấy"),
        (("place", "color", "red; background: url(x)"), "màu"),
        (("place", "color", "#000\n"), "màu"),
        (("place", "align", "justify"), "căn lề"),
        (("place", "bold", "yes"), "true hoặc false"),
        (("place", "font_size_pt", "12"), "phải là một số"),
    ])
    def test_bad_values_are_refused_with_a_vietnamese_message(self, change, fragment):
        data = self._dict()
        key, attribute, value = change
        data["fields"][key][attribute] = value
        with pytest.raises(ValueError, match=fragment):
            layout_from_dict(data)

    def test_unknown_field_and_bad_page_are_refused(self):
        data = self._dict()
        data["fields"]["emblem"] = data["fields"]["qr"]
        with pytest.raises(ValueError, match="không có trường “emblem”"):
            layout_from_dict(data)
        data = self._dict()
        data["page_width_mm"] = -297
        with pytest.raises(ValueError, match="page_width_mm"):
            layout_from_dict(data)

    def test_a_layout_built_in_code_is_checked_before_it_reaches_the_css(self, certificates):
        layout = default_layout("giay_khen")
        layout.fields["place"].color = "red;background:url(http://example.com/x)"
        with pytest.raises(ValueError, match="màu"):
            render_certificates_pdf(certificates[:1], layout)
