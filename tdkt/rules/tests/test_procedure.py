"""Procedure facts as dated, cited rule rows (legal-rules.md §2.5 votes, §3.6 disclosure, §2.3
blocks): each row of these tables names the article it exercises. NĐ 98/2023 rows are confirmed;
their NĐ 152/2025 equivalents are UNCONFIRMED, so they carry `unconfirmed` and cite NĐ 152 without
an article."""
import datetime as dt
from decimal import Decimal

import pytest

from tdkt.rules import procedure as P
from tdkt.rules.errors import ProcedureError

ND98_DAY, ND152_DAY, L2026_DAY = dt.date(2024, 11, 20), dt.date(2025, 12, 5), dt.date(2026, 11, 2)
ND98_VOTE = "NĐ 98/2023/NĐ-CP Điều 30 khoản 7"

VOTES = [
    # award, day, share, strict, label, basis contains, unconfirmed, the article of the row
    ("CSTD_TINH", ND98_DAY, "0.900", False, "≥ 90% tổng số thành viên Hội đồng", ND98_VOTE, False, ND98_VOTE),
    ("CSTD_TQ", ND98_DAY, "0.900", False, "≥ 90% tổng số thành viên Hội đồng", ND98_VOTE, False, ND98_VOTE),
    ("AHLD", ND98_DAY, "0.900", False, "≥ 90% tổng số thành viên Hội đồng", ND98_VOTE, False, ND98_VOTE),
    ("CSTD_CS", ND98_DAY, "0.800", False, "≥ 80% tổng số thành viên Hội đồng", ND98_VOTE, False, ND98_VOTE),
    ("CO_TD_TINH", ND98_DAY, "0.800", False, "≥ 80% tổng số thành viên Hội đồng", ND98_VOTE, False, ND98_VOTE),
    ("CO_TD_CP", ND98_DAY, "0.800", False, "≥ 80% tổng số thành viên Hội đồng", ND98_VOTE, False, ND98_VOTE),
    ("CSTD_TINH", ND152_DAY, "0.900", False, "≥ 90% tổng số thành viên Hội đồng", "NĐ 152/2025/NĐ-CP (điều khoản",
     True, "NĐ 152/2025/NĐ-CP (tương ứng NĐ 98 Điều 30 khoản 7: UNCONFIRMED)"),
    ("CSTD_CS", ND152_DAY, "0.800", False, "≥ 80% tổng số thành viên Hội đồng", "NĐ 152/2025/NĐ-CP (điều khoản",
     True, "NĐ 152/2025/NĐ-CP (UNCONFIRMED)"),
    ("CO_TD_CP", L2026_DAY, "0.800", False, "≥ 80% tổng số thành viên Hội đồng", "NĐ 152/2025/NĐ-CP", True,
     "NĐ 152/2025/NĐ-CP (Luật 06/2026/QH16 không đổi nghị định)"),
    ("BK_TINH", ND98_DAY, "0.500", True, "quá bán tổng số thành viên Hội đồng", "Quy chế hoạt động", False,
     "Quy chế của Hội đồng (QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 8 khoản 4: theo đa số)"),
    ("HCLD_3", ND152_DAY, "0.500", True, "quá bán tổng số thành viên Hội đồng", "Quy chế hoạt động", False,
     "Quy chế của Hội đồng (theo đa số)"),
]


@pytest.mark.parametrize("award,day,share,strict,label,basis,unconfirmed,article", VOTES,
                         ids=[f"{v[0]}-{v[1]}" for v in VOTES])
def test_vote_threshold(award, day, share, strict, label, basis, unconfirmed, article):
    assert article
    t = P.vote_threshold(award, day)
    assert (t.share, t.strict, t.label, t.unconfirmed) == (Decimal(share), strict, label, unconfirmed)
    assert basis in t.basis
    if day < dt.date(2025, 7, 1):
        assert "NĐ 152" not in t.basis


@pytest.mark.parametrize("share,strict,label", [
    ("0.900", False, "≥ 90% tổng số thành viên Hội đồng"),
    ("0.8", False, "≥ 80% tổng số thành viên Hội đồng"),
    ("0.500", True, "quá bán tổng số thành viên Hội đồng"),
    ("0.750", False, "≥ 75% tổng số thành viên Hội đồng"),
    ("0.600", True, "trên 60% tổng số thành viên Hội đồng"),
])
def test_vote_threshold_label_of_a_stored_pair(share, strict, label):
    assert P.vote_threshold_label(Decimal(share), strict, ND152_DAY) == label


DISCLOSURES = [
    # awards, day, state, working days, basis contains, unconfirmed, the article of the row
    (["HCLD_3"], ND98_DAY, True, 10, "NĐ 98/2023/NĐ-CP Điều 46 khoản 2", False, "NĐ 98/2023 Điều 46 khoản 2"),
    (["BK_TINH", "AHLD"], ND98_DAY, True, 10, "NĐ 98/2023/NĐ-CP Điều 46 khoản 2", False,
     "NĐ 98/2023 Điều 46 khoản 2 (danh hiệu vinh dự nhà nước)"),
    (["HC_DUNG_CAM"], ND152_DAY, True, 10, "NĐ 152/2025/NĐ-CP (điều khoản tương ứng cần xác minh", True,
     "NĐ 152/2025 (tương ứng Điều 46 khoản 2: UNCONFIRMED)"),
    (["HCLD_3", "GK"], L2026_DAY, True, 10, "NĐ 152/2025/NĐ-CP", True, "NĐ 152/2025"),
    (["BK_TINH", "CSTD_TINH"], ND152_DAY, False, None, "thời hạn do tỉnh quy định", False, "Luật TĐKT 2022 Điều 5"),
    (["BK_TTG"], ND98_DAY, False, None, "Luật TĐKT 2022 Điều 5", False,
     "Luật TĐKT 2022 Điều 5 (Bằng khen Thủ tướng không thuộc Điều 46 khoản 2)"),
    (["HC_MOI"], ND152_DAY, True, 10, "NĐ 152/2025/NĐ-CP", True, "mã ngoài danh mục: đọc theo tiền tố HC"),
]


@pytest.mark.parametrize("awards,day,state,days,basis,unconfirmed,article", DISCLOSURES,
                         ids=[f"{'+'.join(d[0])}-{d[1]}" for d in DISCLOSURES])
def test_disclosure_period(awards, day, state, days, basis, unconfirmed, article):
    assert article
    period = P.disclosure_period(awards, day)
    assert (period.state, period.working_days, period.unconfirmed) == (state, days, unconfirmed)
    assert basis in period.basis


CERTIFICATES = [
    ("BK_TINH", "Bằng khen", "bang_khen", "Luật TĐKT 2022 Điều 74"),
    ("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", "bang_khen", "Luật TĐKT 2022 Điều 22"),
    ("TTLDXS", "Tập thể lao động xuất sắc", "bang_khen", "Luật TĐKT 2022 Điều 27"),
    ("CO_TD_TINH", "Cờ thi đua", "bang_khen", "Luật TĐKT 2022 Điều 26"),
    ("GK", "Giấy khen", "giay_khen", "Luật TĐKT 2022 Điều 75"),
    ("CSTD_CS", "Chiến sĩ thi đua cơ sở", "giay_khen", "Luật TĐKT 2022 Điều 23"),
]


@pytest.mark.parametrize("award,title,layout,article", CERTIFICATES, ids=[c[0] for c in CERTIFICATES])
def test_certificate_spec(award, title, layout, article):
    spec = P.certificate_spec(award, ND152_DAY)
    assert (spec.title, spec.layout) == (title, layout)
    assert spec.basis.startswith(article)
    assert layout in P.CERTIFICATE_LAYOUT_NAMES


@pytest.mark.parametrize("award", ["LDTT", "BK_TTG", "HCLD_3", "CSTD_TQ"])
def test_no_certificate_for_awards_the_province_does_not_print(award):
    assert P.certificate_spec(award, ND152_DAY) is None


def test_layout_names_are_the_two_blanks():
    assert dict(P.CERTIFICATE_LAYOUT_NAMES) == {"bang_khen": "Bằng khen, bằng chứng nhận cấp tỉnh (A3)",
                                                "giay_khen": "Giấy khen, CSTĐ cơ sở (A4)"}


@pytest.mark.parametrize("award,phrase", [
    ("BK_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),  # Luật TĐKT 2022 Điều 74
    ("CO_TD_TINH", "Cờ thi đua của Ủy ban nhân dân tỉnh"),        # Luật TĐKT 2022 Điều 26
    ("CSTD_TINH", "danh hiệu Chiến sĩ thi đua cấp tỉnh"),          # Luật TĐKT 2022 Điều 22
    ("LDTT", None), ("BK_TTG", None),
])
def test_decision_phrase(award, phrase):
    assert P.decision_phrase(award, ND98_DAY) == phrase


def test_block_awards():
    """Luật TĐKT 2022 Điều 26 khoản 1: the flag for the unit leading a block; Bằng khen for the next."""
    awards = P.block_awards(ND152_DAY)
    assert (awards.flag, awards.merit) == ("CO_TD_TINH", "BK_TINH")
    assert "Điều 26 khoản 1" in awards.basis


def test_batch_awards():
    assert P.batch_awards("individual", ND98_DAY) == ("LDTT", "CSTD_CS", "CSTD_TINH", "CSTD_TQ", "GK", "BK_TINH",
                                                      "BK_TTG", "HCLD_3")
    assert P.batch_awards("collective", L2026_DAY) == ("TTLDTT", "TTLDXS", "CO_TD_TINH", "CO_TD_CP", "GK", "BK_TINH",
                                                       "BK_TTG")
    with pytest.raises(ProcedureError, match="Loại đối tượng không hợp lệ"):
        P.batch_awards("household", ND98_DAY)


def test_no_row_before_the_2022_law():
    with pytest.raises(ProcedureError, match="01/01/2024"):
        P.vote_threshold("CSTD_CS", dt.date(2023, 12, 31))
    with pytest.raises(ProcedureError):
        P.block_awards(dt.date(2023, 6, 1))


def test_every_row_cites_a_text_in_force_in_its_period():
    for row in (*P.VOTE_ROWS, *P.DISCLOSURE_ROWS, *P.CERTIFICATE_ROWS, *P.PHRASE_ROWS, *P.BLOCK_ROWS,
                *P.BATCH_ROWS):
        assert row.basis.strip()
        if row.valid_to and row.valid_to < dt.date(2025, 7, 1):
            assert "NĐ 152" not in row.basis, row
        assert "Luật 06/2026" not in row.basis or row.valid_from >= dt.date(2026, 10, 1), row


def test_procedure_never_imports_django():
    import subprocess
    import sys

    code = ("import sys; import tdkt.rules.procedure; "
            "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
