"""The award catalogue as data: codes from shared/domain/award-codes.md, reward multipliers from
legal-rules.md §7.3 (ND 152/2025/NĐ-CP Điều 50–54), authorities from §5.

Loaded by a data migration (and re-applied by `load_catalogue`) so every database has it.
Aliases are the ways clerks write the names in their spreadsheets; they are matched after folding
(no diacritics, lower case, đ → d), so "Chiến sỹ thi đua cơ sở" and "CSTĐCS" both find CSTD_CS.
"""
from dataclasses import dataclass
from decimal import Decimal as D

I, C, H = "I", "C", "H"

# code, name, short name, category, subjects, authority, × individual, × collective, note, basis, rank, aliases
CATALOGUE = [
    ("LDTT", "Lao động tiên tiến", "LĐTT", "title", I, "unit_head", D("0.3"), None, "",
     "Luật TĐKT 2022 Điều 24; NĐ 152/2025 Điều 50", 10, ["ldtt", "lao dong tien tien", "danh hieu lao dong tien tien"]),
    ("CSTT", "Chiến sĩ tiên tiến", "CSTT", "title", I, "unit_head", D("0.3"), None, "",
     "Luật TĐKT 2022 Điều 24; NĐ 152/2025 Điều 50", 10, ["cstt", "chien si tien tien", "chien sy tien tien"]),
    ("CSTD_CS", "Chiến sĩ thi đua cơ sở", "CSTĐCS", "title", I, "unit_head", D("1.0"), None, "",
     "Luật TĐKT 2022 Điều 23; NĐ 152/2025 Điều 50", 20,
     ["cstdcs", "cstd cs", "cstd co so", "chien si thi dua co so", "chien sy thi dua co so",
      "chien si thi dua cap co so", "chien sy thi dua cap co so"]),
    ("CSTD_TINH", "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", "CSTĐ tỉnh", "title", I, "province_chair", D("3.0"), None, "",
     "Luật TĐKT 2022 Điều 22; NĐ 152/2025 Điều 50", 40,
     ["cstd tinh", "cstd cap tinh", "chien si thi dua cap tinh", "chien sy thi dua cap tinh",
      "chien si thi dua tinh", "chien sy thi dua tinh", "chien si thi dua cap bo, ban, nganh, tinh",
      "chien si thi dua cap bo", "chien sy thi dua cap bo, nganh, tinh"]),
    ("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", "CSTĐTQ", "title", I, "prime_minister", D("4.5"), None, "",
     "Luật TĐKT 2022 Điều 21; NĐ 152/2025 Điều 50", 70,
     ["cstdtq", "cstd tq", "cstd toan quoc", "chien si thi dua toan quoc", "chien sy thi dua toan quoc"]),
    ("TTLDTT", "Tập thể lao động tiên tiến", "TTLĐTT", "title", C, "unit_head", None, D("0.8"), "",
     "Luật TĐKT 2022 Điều 28; NĐ 152/2025 Điều 50", 12,
     ["ttldtt", "tap the lao dong tien tien", "don vi tien tien"]),
    ("TTLDXS", "Tập thể lao động xuất sắc", "TTLĐXS", "title", C, "province_chair", None, D("1.5"), "",
     "Luật TĐKT 2022 Điều 27; NĐ 152/2025 Điều 50", 30,
     ["ttldxs", "tap the lao dong xuat sac", "don vi quyet thang"]),
    ("CO_TD_TINH", "Cờ thi đua của bộ, ban, ngành, tỉnh", "Cờ TĐ tỉnh", "title", C, "province_chair", None, D("8.0"), "",
     "Luật TĐKT 2022 Điều 26; NĐ 152/2025 Điều 50", 50,
     ["co thi dua tinh", "co thi dua cua tinh", "co thi dua ubnd tinh", "co thi dua cua ubnd tinh",
      "co thi dua cap tinh", "co thi dua cua bo, ban, nganh, tinh"]),
    ("CO_TD_CP", "Cờ thi đua của Chính phủ", "Cờ TĐ CP", "title", C, "prime_minister", None, D("12.0"), "",
     "Luật TĐKT 2022 Điều 25; NĐ 152/2025 Điều 50", 75,
     ["co thi dua chinh phu", "co thi dua cua chinh phu", "co thi dua cp"]),
    ("XA_TIEU_BIEU", "Xã, phường, đặc khu tiêu biểu", "Xã tiêu biểu", "title", C, "province_chair", None, D("2.0"),
     "Thẩm quyền sau 01/7/2025 cần xác minh", "NĐ 86/2023/NĐ-CP; NĐ 152/2025 Điều 50", 25,
     ["xa tieu bieu", "phuong tieu bieu", "xa, phuong tieu bieu", "xa, phuong, dac khu tieu bieu"]),
    ("THON_VAN_HOA", "Thôn, tổ dân phố văn hóa", "Thôn văn hóa", "title", C, "commune_chair", None, D("1.5"), "",
     "NĐ 86/2023/NĐ-CP; NĐ 129/2025 Điều 59; NĐ 152/2025 Điều 50", 8,
     ["thon van hoa", "to dan pho van hoa", "thon, to dan pho van hoa"]),
    ("GD_VAN_HOA", "Gia đình văn hóa", "GĐVH", "title", H, "commune_chair", None, None,
     "Mức thưởng cần xác minh (NĐ 91/2017 là 0,1)", "NĐ 86/2023/NĐ-CP; NĐ 129/2025 Điều 59", 5,
     ["gdvh", "gia dinh van hoa"]),
    ("GK", "Giấy khen", "GK", "commendation", I + C + H, "unit_head", D("0.3"), D("0.6"), "Hộ gia đình: 1,5 lần mức cá nhân",
     "Luật TĐKT 2022 Điều 75; NĐ 152/2025 Điều 54", 15,
     ["giay khen", "gk", "giay khen cua giam doc so", "giay khen cua chu tich ubnd xa"]),
    ("BK_TINH", "Bằng khen của bộ, ban, ngành, tỉnh", "BK tỉnh", "commendation", I + C + H, "province_chair",
     D("1.5"), D("3.0"), "Hộ gia đình: 1,5 lần mức cá nhân", "Luật TĐKT 2022 Điều 74; NĐ 152/2025 Điều 54", 35,
     ["bang khen tinh", "bang khen ubnd tinh", "bang khen cua ubnd tinh", "bang khen cua chu tich ubnd tinh",
      "bang khen chu tich ubnd tinh", "bk ubnd tinh", "bk tinh", "bang khen cap tinh",
      "bang khen cua bo, ban, nganh, tinh", "bang khen cua uy ban nhan dan tinh"]),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "BK TTg", "commendation", I + C + H, "prime_minister",
     D("3.5"), D("7.0"), "Hộ gia đình: 1,5 lần mức cá nhân", "Luật TĐKT 2022 Điều 73; NĐ 152/2025 Điều 54", 60,
     ["bang khen thu tuong", "bang khen thu tuong chinh phu", "bang khen cua thu tuong", "bk ttg", "bkttg",
      "bang khen cua thu tuong chinh phu", "bang khen chinh phu"]),
    ("HCLD_1", "Huân chương Lao động hạng Nhất", "HCLĐ hạng Nhất", "commendation", I + C, "president",
     D("9.0"), D("18.0"), "", "Luật TĐKT 2022 Điều 42; NĐ 152/2025 Điều 51", 95,
     ["huan chuong lao dong hang nhat", "hcld hang nhat", "hcld hang 1", "hcld1"]),
    ("HCLD_2", "Huân chương Lao động hạng Nhì", "HCLĐ hạng Nhì", "commendation", I + C, "president",
     D("7.5"), D("15.0"), "", "Luật TĐKT 2022 Điều 43; NĐ 152/2025 Điều 51", 90,
     ["huan chuong lao dong hang nhi", "hcld hang nhi", "hcld hang 2", "hcld2"]),
    ("HCLD_3", "Huân chương Lao động hạng Ba", "HCLĐ hạng Ba", "commendation", I + C, "president",
     D("4.5"), D("9.0"), "", "Luật TĐKT 2022 Điều 44; NĐ 152/2025 Điều 51", 85,
     ["huan chuong lao dong hang ba", "hcld hang ba", "hcld hang 3", "hcld3"]),
    ("HCDL_1", "Huân chương Độc lập hạng Nhất", "HCĐL hạng Nhất", "commendation", I + C, "president",
     D("15.0"), D("30.0"), "", "Luật TĐKT 2022 Điều 36; NĐ 152/2025 Điều 51", 110,
     ["huan chuong doc lap hang nhat", "hcdl hang nhat"]),
    ("HCDL_2", "Huân chương Độc lập hạng Nhì", "HCĐL hạng Nhì", "commendation", I + C, "president",
     D("12.5"), D("25.0"), "", "Luật TĐKT 2022 Điều 37; NĐ 152/2025 Điều 51", 105,
     ["huan chuong doc lap hang nhi", "hcdl hang nhi"]),
    ("HCDL_3", "Huân chương Độc lập hạng Ba", "HCĐL hạng Ba", "commendation", I + C, "president",
     D("10.5"), D("21.0"), "Mức tập thể suy ra: gấp 2 lần cá nhân (NĐ 152 Điều 51 khoản 2)",
     "Luật TĐKT 2022 Điều 38; NĐ 152/2025 Điều 51", 100,
     ["huan chuong doc lap hang ba", "hcdl hang ba"]),
    ("HC_HCM", "Huân chương Hồ Chí Minh", "HC Hồ Chí Minh", "commendation", I + C, "president",
     D("30.5"), D("61.0"), "", "Luật TĐKT 2022 Điều 35; NĐ 152/2025 Điều 51", 120,
     ["huan chuong ho chi minh"]),
    ("HC_SAO_VANG", "Huân chương Sao vàng", "HC Sao vàng", "commendation", I + C, "president",
     D("46.0"), D("92.0"), "", "Luật TĐKT 2022 Điều 34; NĐ 152/2025 Điều 51", 130,
     ["huan chuong sao vang"]),
    ("HCBVTQ_1", "Huân chương Bảo vệ Tổ quốc hạng Nhất", "HCBVTQ hạng Nhất", "commendation", I + C, "president",
     D("9.0"), D("18.0"), "", "Luật TĐKT 2022 Điều 45; NĐ 152/2025 Điều 51", 95,
     ["huan chuong bao ve to quoc hang nhat"]),
    ("HCBVTQ_2", "Huân chương Bảo vệ Tổ quốc hạng Nhì", "HCBVTQ hạng Nhì", "commendation", I + C, "president",
     D("7.5"), D("15.0"), "", "Luật TĐKT 2022 Điều 46; NĐ 152/2025 Điều 51", 90,
     ["huan chuong bao ve to quoc hang nhi"]),
    ("HCBVTQ_3", "Huân chương Bảo vệ Tổ quốc hạng Ba", "HCBVTQ hạng Ba", "commendation", I + C, "president",
     D("4.5"), D("9.0"), "", "Luật TĐKT 2022 Điều 47; NĐ 152/2025 Điều 51", 85,
     ["huan chuong bao ve to quoc hang ba"]),
    ("HCCC_1", "Huân chương Chiến công hạng Nhất", "HCCC hạng Nhất", "commendation", I + C, "president",
     D("9.0"), D("18.0"), "", "Luật TĐKT 2022 Điều 48; NĐ 152/2025 Điều 51", 95,
     ["huan chuong chien cong hang nhat"]),
    ("HCCC_2", "Huân chương Chiến công hạng Nhì", "HCCC hạng Nhì", "commendation", I + C, "president",
     D("7.5"), D("15.0"), "", "Luật TĐKT 2022 Điều 49; NĐ 152/2025 Điều 51", 90,
     ["huan chuong chien cong hang nhi"]),
    ("HCCC_3", "Huân chương Chiến công hạng Ba", "HCCC hạng Ba", "commendation", I + C, "president",
     D("4.5"), D("9.0"), "", "Luật TĐKT 2022 Điều 50; NĐ 152/2025 Điều 51", 85,
     ["huan chuong chien cong hang ba"]),
    ("HC_DDKDT", "Huân chương Đại đoàn kết dân tộc", "HC ĐĐKDT", "commendation", I, "president",
     D("7.5"), None, "", "Luật TĐKT 2022 Điều 51; NĐ 152/2025 Điều 51", 88,
     ["huan chuong dai doan ket dan toc"]),
    ("HC_DUNG_CAM", "Huân chương Dũng cảm", "HC Dũng cảm", "commendation", I, "president",
     D("4.5"), None, "Số điều luật cần xác minh", "Luật TĐKT 2022 Điều 52; NĐ 152/2025 Điều 51", 84,
     ["huan chuong dung cam"]),
    ("HC_HUU_NGHI", "Huân chương Hữu nghị", "HC Hữu nghị", "commendation", I + C, "president",
     None, None, "Mức thưởng cần xác minh", "Luật TĐKT 2022 Điều 53", 80,
     ["huan chuong huu nghi"]),
    ("KNC", "Kỷ niệm chương", "KNC", "commendation", I, "province_chair", D("0.6"), None,
     "Mức tối đa của bộ, ngành, tỉnh, đoàn thể", "Luật TĐKT 2022 Điều 71; NĐ 152/2025 Điều 54", 6,
     ["ky niem chuong", "knc"]),
    ("AHLD", "Anh hùng Lao động", "AHLĐ", "honorary", I + C, "president", D("15.5"), D("31.0"),
     "Mức cá nhân theo NĐ 98/2023, cần xác minh theo NĐ 152/2025", "Luật TĐKT 2022 Điều 59, 61; NĐ 152/2025 Điều 52", 140,
     ["anh hung lao dong", "ahld"]),
]


def rows():
    """The catalogue as dicts of AwardType fields."""
    for (code, name, short, category, subjects, authority, mi, mc, note, basis, rank, aliases) in CATALOGUE:
        yield {
            "code": code, "name": name, "short_name": short, "category": category,
            "for_individual": I in subjects, "for_collective": C in subjects, "for_household": H in subjects,
            "authority": authority, "multiplier_individual": mi, "multiplier_collective": mc,
            "multiplier_note": note, "legal_basis": basis, "rank": rank, "aliases": "\n".join(aliases),
        }


def load(AwardType) -> int:
    """Create or update every catalogue row; returns how many rows there are."""
    n = 0
    for row in rows():
        code = row.pop("code")
        AwardType.objects.update_or_create(code=code, defaults=row)
        n += 1
    return n


@dataclass(frozen=True)
class AwardInfo:
    """What the rule engine needs to know of an award type (no database involved)."""
    code: str
    name: str
    short_name: str
    category: str
    subjects: tuple[str, ...]
    multiplier_individual: D | None
    multiplier_collective: D | None
    multiplier_note: str
    rank: int


_SUBJECT_NAMES = {I: "individual", C: "collective", H: "household"}

AWARDS: dict[str, AwardInfo] = {
    code: AwardInfo(code, name, short, category, tuple(_SUBJECT_NAMES[c] for c in subjects), mi, mc, note, rank)
    for (code, name, short, category, subjects, _authority, mi, mc, note, _basis, rank, _aliases) in CATALOGUE
}
