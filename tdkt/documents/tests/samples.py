"""Sample documents for the document tests (plain data, no database)."""
import datetime as dt

from tdkt.documents.certificate import CertificateDoc
from tdkt.documents.decision import AwardGroup, DecisionDoc, Recipient

SIGNED_ON = dt.date(2026, 1, 5)


def make_decision(**overrides) -> DecisionDoc:
    recipients = [
        Recipient(1, "Phòng Ngân sách", "", "collective", 2_980_000, "1"),
        Recipient(2, "Nguyễn Thị Ánh", "Trưởng phòng Ngân sách, Sở Tài chính", "individual", 1_490_000, "2"),
        Recipient(3, "Trần Văn Đức", "Chuyên viên Phòng Tổ chức cán bộ, Sở Nội vụ", "individual", 1_490_000, "3"),
    ]
    values = dict(
        number="125/QĐ-UBND", signed_on=SIGNED_ON, place="Hà Nam", upper_body="ỦY BAN NHÂN DÂN",
        issuer="TỈNH HÀ NAM", authority_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM",
        summary="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        bases=["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
               "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
               "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 310/TTr-SNV ngày 30 tháng 12 năm 2025,"],
        groups=[AwardGroup("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                           "đã có thành tích xuất sắc trong công tác năm 2025", recipients)],
        money_article="Kèm theo Bằng khen được thưởng theo quy định hiện hành từ nguồn kinh phí thi đua, "
                      "khen thưởng của tỉnh năm 2026.",
        execution_article="Quyết định này có hiệu lực kể từ ngày ký.\nChánh Văn phòng Ủy ban nhân dân tỉnh, "
                          "Giám đốc Sở Nội vụ và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm "
                          "thi hành Quyết định này./.",
        copies_to=["Như Điều 3;", "Chủ tịch, các PCT UBND tỉnh;", "Lưu: VT, NV."],
        sign_prefix="KT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH", signer_name="Lê Văn Hùng",
    )
    values.update(overrides)
    return DecisionDoc(**values)


def make_certificate(i: int, name: str, **overrides) -> CertificateDoc:
    values = dict(
        serial=f"BK-2026-{i:06d}", award_name="BẰNG KHEN",
        issuer_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM", recipient_name=name,
        recipient_line="Trưởng phòng Ngân sách, Sở Tài chính",
        achievement="đã có thành tích xuất sắc trong công tác năm 2025",
        decision_number=f"{120 + i}/QĐ-UBND", decision_date=SIGNED_ON, golden_book_number=str(i),
        place="Hà Nam", signed_on=SIGNED_ON, sign_prefix="KT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH",
        signer_name="Lê Văn Hùng", verify_url=f"https://tdkt.example.vn/tra-cuu/xac-thuc/BK-2026-{i:06d}",
    )
    values.update(overrides)
    return CertificateDoc(**values)
