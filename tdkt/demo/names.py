"""Vietnamese names and place names for the generated province, with realistic frequencies.

Everything here is data plus small pure functions that draw from a `random.Random` passed in, so
the generator stays deterministic. Weights are rough shares (per cent or relative), not census
figures: they only need to look right in a list of a few thousand people.
"""
from __future__ import annotations

import itertools
import random

# Family names of the Kinh majority and their approximate shares of the population (per cent).
KINH_FAMILY = [
    ("Nguyễn", 38.4), ("Trần", 12.1), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 3.0), ("Huỳnh", 2.1),
    ("Phan", 4.5), ("Vũ", 2.0), ("Võ", 1.9), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.7), ("Trương", 0.7), ("Lương", 0.4),
    ("Đoàn", 0.5), ("Lâm", 0.3), ("Mai", 0.4), ("Trịnh", 0.5), ("Đào", 0.4), ("Cao", 0.4), ("Hà", 0.4),
    ("Tạ", 0.2), ("Chu", 0.2), ("Lưu", 0.2), ("Kiều", 0.1), ("Quách", 0.1), ("Tô", 0.15), ("Thái", 0.1),
    ("Châu", 0.1), ("La", 0.05), ("Triệu", 0.1), ("Khúc", 0.05), ("Mạc", 0.05), ("Phùng", 0.2),
    ("Vương", 0.1), ("Tăng", 0.05), ("Đồng", 0.1), ("Nghiêm", 0.05), ("Lại", 0.1), ("Từ", 0.05),
    ("Giáp", 0.05), ("Khổng", 0.03), ("Thân", 0.05), ("Doãn", 0.05), ("Bạch", 0.03), ("Kim", 0.05),
    ("Tôn", 0.03), ("Ông", 0.02), ("Âu", 0.03),
]

# Ethnicities of the staff of a northern-central province (shares in per cent) and the family
# names usual in each; ethnic-minority staff otherwise carry Vietnamese middle and given names.
ETHNICITIES = [
    ("Kinh", 85.0), ("Tày", 3.0), ("Mường", 2.6), ("Thái", 2.6), ("Nùng", 1.5), ("Khmer", 1.6),
    ("Hoa", 1.0), ("H'Mông", 1.0), ("Dao", 0.9),
]
MINORITY_FAMILY = {
    "Tày": ["Nông", "Hoàng", "Lục", "Ma", "Lương", "Triệu", "Hà", "Nguyễn"],
    "Mường": ["Bùi", "Đinh", "Quách", "Hà", "Xa", "Bạch"],
    "Thái": ["Lò", "Lường", "Cầm", "Vi", "Quàng", "Hà", "Lộc"],
    "Nùng": ["Nông", "Hoàng", "Lăng", "Vi", "Mông", "Chu"],
    "Khmer": ["Thạch", "Sơn", "Danh", "Kim", "Lâm", "Chau"],
    "Hoa": ["Lý", "Trương", "Lâm", "Quách", "Mã", "Hứa", "Tăng", "Diệp"],
    "H'Mông": ["Giàng", "Thào", "Vàng", "Lý", "Sùng", "Mùa", "Hầu"],
    "Dao": ["Triệu", "Bàn", "Đặng", "Lý", "Chảo"],
}
# H'Mông and Khmer names follow their own patterns ("Giàng A Páo", "Thạch Sô Phanh").
HMONG_GIVEN = {"male": ["Páo", "Dế", "Chứ", "Sính", "Lử", "Tủa", "Dính", "Pó", "Sua", "Chúa", "Vảng", "Nhà"],
               "female": ["Mỷ", "Dợ", "Súa", "Mai", "Sông", "Dua", "Chở", "Pằng", "Ly"]}
KHMER_GIVEN = {"male": ["Sô Phanh", "Sa Rinh", "Phol", "Sóc", "Sa Ri", "Vanh", "Út", "Rết", "Sang", "Thươl"],
               "female": ["Sa Ly", "Sà Rươl", "Sô Phi", "Mây", "Sa Vuône", "Chanh Thu", "Sóc Khiêng", "Thi"]}

MIDDLE = {
    "male": [
        ("Văn", 30), ("Đức", 8), ("Minh", 8), ("Quang", 6), ("Hữu", 6), ("Công", 5), ("Thanh", 5),
        ("Xuân", 4), ("Ngọc", 4), ("Mạnh", 3), ("Tiến", 3), ("Đình", 4), ("Trung", 3), ("Quốc", 4),
        ("Hoàng", 3), ("Anh", 3), ("Tuấn", 2), ("Duy", 3), ("Thành", 3), ("Gia", 2), ("Hải", 2), ("Bá", 2),
        ("Trọng", 3), ("Thế", 3), ("Việt", 2), ("Hồng", 2), ("Kim", 1), ("Phú", 1), ("Khắc", 1), ("Viết", 1),
    ],
    "female": [
        ("Thị", 45), ("Thu", 6), ("Ngọc", 6), ("Thanh", 5), ("Minh", 4), ("Thúy", 3), ("Hồng", 4),
        ("Kim", 3), ("Phương", 3), ("Mai", 2), ("Bích", 2), ("Diệu", 1), ("Hải", 2), ("Khánh", 2),
        ("Thùy", 3), ("Mỹ", 2), ("Lan", 1), ("Hoài", 2), ("Quỳnh", 1), ("Bảo", 2), ("Hà", 1), ("Như", 1),
        ("Tuyết", 1), ("Xuân", 1), ("Thị Thu", 3), ("Thị Thanh", 2), ("Thị Ngọc", 2), ("Thị Minh", 1),
        ("Thị Hồng", 2), ("Thị Kim", 1), ("Thị Phương", 1), ("Thị Bích", 1), ("Thị Thúy", 1),
    ],
}

# Given names, most frequent first; the weight of the n-th name falls off like 1 / n^0.7.
GIVEN = {
    "male": [
        "Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Nam", "Sơn", "Thắng", "Long", "Cường", "Hoàng", "Quang",
        "Trung", "Đức", "Anh", "Huy", "Bình", "Thành", "Hiếu", "Tùng", "Phong", "Việt", "Khánh", "Hưng",
        "Vinh", "Lâm", "Tâm", "Toàn", "Quân", "Thịnh", "Kiên", "Tiến", "Đạt", "Hiệp", "Lộc", "Phúc",
        "Nghĩa", "Tài", "Khoa", "Chiến", "Công", "Duy", "Giang", "Hậu", "Hào", "Khang", "Lực", "Mạnh",
        "Nhân", "Quyết", "Sang", "Thái", "Thiện", "Thông", "Tín", "Trí", "Tú", "Tường", "Vũ", "Dương",
        "Bảo", "Đông", "Hòa", "Luân", "Ninh", "Phát", "Quý", "Thuận", "Trọng", "Vương",
    ],
    "female": [
        "Hương", "Lan", "Hà", "Linh", "Trang", "Thủy", "Hằng", "Huyền", "Nga", "Phương", "Mai", "Thảo",
        "Hoa", "Yến", "Ngọc", "Hạnh", "Hiền", "Loan", "Dung", "Vân", "Anh", "Thu", "Nhung", "Oanh",
        "Liên", "Giang", "Thanh", "Tuyết", "Quỳnh", "Hồng", "Ly", "Ngân", "Chi", "Trinh", "Uyên", "Xuân",
        "Thúy", "Bích", "Duyên", "Hường", "Huế", "Ánh", "Tâm", "Nhi", "Phượng", "Thơm", "Hậu", "Lệ",
        "Mỹ", "Nguyệt", "Nhàn", "Quyên", "Tuyền", "Vy", "Diệp", "Đào", "Hảo", "Lương", "Thoa", "Vui",
        "Thắm", "Lụa", "Sen", "Lài", "Huệ", "Gấm",
    ],
}


def _cum(pairs):
    return [p[0] for p in pairs], list(itertools.accumulate(p[1] for p in pairs))


_FAMILY_NAMES, _FAMILY_CUM = _cum(KINH_FAMILY)
_ETHNIC_NAMES, _ETHNIC_CUM = _cum(ETHNICITIES)

_MIDDLE = {g: _cum(MIDDLE[g]) for g in MIDDLE}
_GIVEN = {g: (names, list(itertools.accumulate(1.0 / (i + 1) ** 0.7 for i in range(len(names)))))
          for g, names in GIVEN.items()}


def pick(rng: random.Random, values, cum_weights):
    return rng.choices(values, cum_weights=cum_weights)[0]


def ethnicity(rng: random.Random) -> str:
    return pick(rng, _ETHNIC_NAMES, _ETHNIC_CUM)


def full_name(rng: random.Random, gender: str, ethnic: str = "Kinh") -> str:
    """A Vietnamese full name, family name first: "Nguyễn Thị Thu Hà", "Giàng A Páo"."""
    if ethnic == "Kinh":
        family = pick(rng, _FAMILY_NAMES, _FAMILY_CUM)
    else:
        family = rng.choice(MINORITY_FAMILY[ethnic])
    if ethnic == "H'Mông":
        middle = "A" if gender == "male" else "Thị"
        return f"{family} {middle} {rng.choice(HMONG_GIVEN[gender])}"
    if ethnic == "Khmer" and rng.random() < 0.6:
        given = rng.choice(KHMER_GIVEN[gender])
        return f"{family} Thị {given}" if gender == "female" and rng.random() < 0.5 else f"{family} {given}"
    middle = pick(rng, *_MIDDLE[gender])
    given = pick(rng, *_GIVEN[gender])
    if middle.split()[-1] == given:
        middle = "Văn" if gender == "male" else "Thị"
    return f"{family} {middle} {given}"


# --- Places --------------------------------------------------------------------------------------

PROVINCE = "Hà Sơn"  # fictional: no real province carries this name
PROVINCE_ID_CODE = "044"  # first three digits of the CCCD of people born in the province
OTHER_ID_CODES = ["001", "019", "022", "025", "030", "031", "035", "036", "037", "038", "040", "042", "079"]

# Syllables that Vietnamese communes are commonly named with ("Tân Phú", "An Lạc", "Vĩnh Hòa").
PLACE_FIRST = ["An", "Bình", "Phú", "Tân", "Hòa", "Thanh", "Đông", "Tây", "Nam", "Bắc", "Vĩnh", "Long",
               "Phước", "Hưng", "Quang", "Minh", "Hiệp", "Thuận", "Xuân", "Đức", "Trung", "Hải", "Sơn",
               "Mỹ", "Hồng", "Kim", "Ngọc", "Cẩm", "Yên", "Nghĩa", "Thái", "Đại", "Gia", "Kiến", "Quảng",
               "Lạc", "Hợp", "Tiên", "Hoằng", "Liên"]
PLACE_SECOND = ["Phú", "Lạc", "Hòa", "Bình", "Thành", "Lợi", "Hưng", "Thịnh", "Phong", "Sơn", "An", "Long",
                "Hải", "Lộc", "Tiến", "Thọ", "Xuyên", "Yên", "Khánh", "Trạch", "Giang", "Hà", "Lâm", "Đồng",
                "Điền", "Mỹ", "Tân", "Phước", "Quý", "Thắng", "Vinh", "Hiệp", "Định", "Nhuận", "Châu",
                "Cường", "Trung", "Dương", "Hội", "Kỳ"]

STREETS = ["Trần Hưng Đạo", "Lê Lợi", "Nguyễn Trãi", "Hùng Vương", "Quang Trung", "Lý Thường Kiệt",
           "Phan Bội Châu", "Nguyễn Du", "Lê Hồng Phong", "Hai Bà Trưng", "Nguyễn Huệ", "Trần Phú",
           "Ngô Quyền", "Đinh Tiên Hoàng", "Lê Duẩn", "Phan Đình Phùng", "Bà Triệu", "Lê Quý Đôn",
           "Nguyễn Thị Minh Khai", "Võ Thị Sáu", "Hoàng Văn Thụ", "Chu Văn An", "Tô Hiến Thành"]

# Namesakes of upper-secondary schools ("Trường THPT Lê Quý Đôn").
SCHOOL_NAMESAKES = ["Lê Quý Đôn", "Nguyễn Trãi", "Chu Văn An", "Trần Phú", "Lê Lợi", "Quang Trung",
                    "Nguyễn Du", "Phan Bội Châu", "Hùng Vương", "Lý Thường Kiệt", "Nguyễn Huệ",
                    "Trần Hưng Đạo", "Lê Hồng Phong", "Nguyễn Thị Minh Khai", "Hoàng Văn Thụ", "Ngô Quyền",
                    "Đinh Tiên Hoàng", "Lương Thế Vinh", "Hàm Nghi", "Phan Chu Trinh", "Nguyễn Bỉnh Khiêm",
                    "Trần Quốc Tuấn", "Lê Văn Hưu", "Nguyễn Khuyến", "Tô Hiến Thành", "Mạc Đĩnh Chi",
                    "Bà Triệu", "Trần Nhân Tông", "Lê Thánh Tông", "Nguyễn Văn Cừ"]

ENTERPRISE_TRADES = ["May", "Xây dựng", "Thực phẩm", "Chế biến nông sản", "Cơ khí", "Vận tải", "Gạch men",
                     "Dệt may", "Thương mại và Dịch vụ", "Đầu tư và Phát triển", "Chè", "Chế biến gỗ",
                     "Giày da", "Linh kiện điện tử", "Vật liệu xây dựng", "Bao bì", "Thủy sản", "Dược liệu"]
ENTERPRISE_BRANDS = ["Thành Công", "Hưng Thịnh", "An Phát", "Minh Long", "Phú Gia", "Đại Việt", "Hoàng Long",
                     "Tân Thành", "Việt Thắng", "Trường An", "Nam Việt", "Kim Ngân", "Phúc Lộc", "Sao Mai",
                     "Hồng Hà", "Thiên Phú", "Bình Minh", "Quang Minh", "Hải Đăng", "Tiến Đạt", "Đông Á",
                     "Thịnh Phát", "Vạn Xuân", "Lam Sơn", "Hòa Bình", "Gia Bảo", "An Khang", "Toàn Thắng"]

INITIATIVE_TOPICS = {
    "school": ["nâng cao chất lượng dạy học môn Toán lớp 9", "rèn kỹ năng đọc hiểu cho học sinh lớp 3",
               "đổi mới phương pháp dạy học môn Lịch sử", "giáo dục kỹ năng sống cho học sinh",
               "bồi dưỡng học sinh giỏi môn Ngữ văn", "xây dựng môi trường học tập thân thiện",
               "phát triển ngôn ngữ cho trẻ mẫu giáo 5 tuổi", "tổ chức dạy học STEM ở cấp trung học cơ sở"],
    "hospital": ["giảm thời gian chờ khám bệnh", "chăm sóc người bệnh sau phẫu thuật tim mạch",
                 "tăng cường kiểm soát nhiễm khuẩn trong bệnh viện",
                 "quản lý người bệnh tăng huyết áp tại cộng đồng", "triển khai bệnh án điện tử",
                 "mở rộng sàng lọc sơ sinh", "bảo đảm sử dụng kháng sinh hợp lý"],
    "commune": ["cải cách thủ tục hành chính theo cơ chế một cửa", "số hóa hồ sơ hộ tịch",
                "vận động nhân dân hiến đất làm đường giao thông nông thôn", "tăng thu ngân sách trên địa bàn",
                "nâng cao hiệu quả quản lý đất đai trên địa bàn", "xây dựng xã đạt chuẩn nông thôn mới nâng cao"],
    "enterprise": ["tiết kiệm nguyên vật liệu trong sản xuất", "cải tiến dây chuyền đóng gói",
                   "giảm tỷ lệ sản phẩm lỗi", "tiết kiệm điện năng tại phân xưởng",
                   "bảo đảm an toàn lao động tại phân xưởng"],
    "office": ["số hóa hồ sơ lưu trữ", "triển khai chữ ký số trong xử lý văn bản",
               "nâng cao chất lượng tham mưu tổng hợp", "nâng cao hiệu quả quản lý tài sản công",
               "thẩm định hồ sơ trên môi trường mạng", "đẩy mạnh cải cách hành chính tại cơ quan",
               "theo dõi, đôn đốc nhiệm vụ do UBND tỉnh giao"],
}
INITIATIVE_FORMS = ["Giải pháp {t}", "Một số giải pháp {t}", "Một số biện pháp {t}",
                    "Ứng dụng công nghệ thông tin để {t}"]

DISCIPLINE_REASONS = ["Vi phạm quy định về quản lý tài chính", "Vi phạm quy chế chuyên môn",
                      "Vi phạm kỷ luật lao động", "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao",
                      "Vi phạm quy định về quản lý đất đai", "Vi phạm quy định về phòng, chống tham nhũng"]


def place_names(rng: random.Random, n: int, taken: set[str] | None = None) -> list[str]:
    """n distinct two-syllable place names."""
    pairs = [f"{a} {b}" for a in PLACE_FIRST for b in PLACE_SECOND if a != b]
    rng.shuffle(pairs)
    taken = taken if taken is not None else set()
    out = []
    for name in pairs:
        if name not in taken:
            taken.add(name)
            out.append(name)
            if len(out) == n:
                break
    return out
