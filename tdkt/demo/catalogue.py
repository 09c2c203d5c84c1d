"""The organisation chart of the generated province: departments, their divisions and public-service
units, mass organisations, enterprises. Data only; `tdkt.demo.plan` turns it into units.

A unit row's `weight` is its relative staff size; `profile` selects posts and shares of women and
direct workers (see `tdkt.demo.plan.people.PROFILES`).
"""
from __future__ import annotations

from .names import PROVINCE

MERGER_DATE_ISO = "2025-07-01"

# code, name, abbreviation used in decision numbers, head's post, signer's title, staff weight of the
# department office itself, extra divisions (suffix, name)
DEPARTMENTS = [
    ("VPUBND", "Văn phòng UBND tỉnh", "VP", "Chánh Văn phòng", "Chánh Văn phòng UBND tỉnh", 8,
     [("HCTC", "Phòng Hành chính – Tổ chức"), ("KT", "Phòng Kinh tế")]),
    ("SNV", "Sở Nội vụ", "SNV", "Giám đốc", "Giám đốc Sở Nội vụ", 6,
     [("TDKT", "Ban Thi đua – Khen thưởng"), ("CCVC", "Phòng Công chức, viên chức")]),
    ("STC", "Sở Tài chính", "STC", "Giám đốc", "Giám đốc Sở Tài chính", 6,
     [("QLNS", "Phòng Quản lý ngân sách"), ("QLGCS", "Phòng Quản lý giá và công sản")]),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", "SKHĐT", "Giám đốc", "Giám đốc Sở Kế hoạch và Đầu tư", 5,
     [("DKKD", "Phòng Đăng ký kinh doanh")]),
    ("STP", "Sở Tư pháp", "STP", "Giám đốc", "Giám đốc Sở Tư pháp", 5, [("HCTP", "Phòng Hành chính tư pháp")]),
    ("SCT", "Sở Công Thương", "SCT", "Giám đốc", "Giám đốc Sở Công Thương", 5,
     [("QLTM", "Phòng Quản lý thương mại")]),
    ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT", "Giám đốc",
     "Giám đốc Sở Nông nghiệp và Phát triển nông thôn", 6, [("TT", "Phòng Trồng trọt")]),
    ("STNMT", "Sở Tài nguyên và Môi trường", "STNMT", "Giám đốc", "Giám đốc Sở Tài nguyên và Môi trường", 6,
     [("QLDD", "Phòng Quản lý đất đai")]),
    ("SXD", "Sở Xây dựng", "SXD", "Giám đốc", "Giám đốc Sở Xây dựng", 5, [("QLXD", "Phòng Quản lý xây dựng")]),
    ("SGTVT", "Sở Giao thông vận tải", "SGTVT", "Giám đốc", "Giám đốc Sở Giao thông vận tải", 5,
     [("QLVT", "Phòng Quản lý vận tải")]),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "SGDĐT", "Giám đốc", "Giám đốc Sở Giáo dục và Đào tạo", 6,
     [("GDTRH", "Phòng Giáo dục trung học"), ("KTQLCL", "Phòng Khảo thí và Quản lý chất lượng")]),
    ("SYT", "Sở Y tế", "SYT", "Giám đốc", "Giám đốc Sở Y tế", 6,
     [("NVY", "Phòng Nghiệp vụ Y"), ("NVD", "Phòng Nghiệp vụ Dược")]),
    ("SLDTBXH", "Sở Lao động – Thương binh và Xã hội", "SLĐTBXH", "Giám đốc",
     "Giám đốc Sở Lao động – Thương binh và Xã hội", 5, [("NCC", "Phòng Người có công")]),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "Giám đốc",
     "Giám đốc Sở Văn hóa, Thể thao và Du lịch", 5, [("QLDL", "Phòng Quản lý du lịch")]),
    ("SKHCN", "Sở Khoa học và Công nghệ", "SKHCN", "Giám đốc", "Giám đốc Sở Khoa học và Công nghệ", 4, []),
    ("STTTT", "Sở Thông tin và Truyền thông", "STTTT", "Giám đốc", "Giám đốc Sở Thông tin và Truyền thông", 4, []),
    ("SNGV", "Sở Ngoại vụ", "SNgV", "Giám đốc", "Giám đốc Sở Ngoại vụ", 3, []),
    ("TTT", "Thanh tra tỉnh", "TTr", "Chánh Thanh tra", "Chánh Thanh tra tỉnh", 5,
     [("NV1", "Phòng Nghiệp vụ 1"), ("NV2", "Phòng Nghiệp vụ 2")]),
    ("BDT", "Ban Dân tộc", "BDT", "Trưởng ban", "Trưởng Ban Dân tộc", 4, []),
    ("BQLKCN", "Ban Quản lý các khu công nghiệp", "BQLKCN", "Trưởng ban", "Trưởng Ban Quản lý các khu công nghiệp",
     4, []),
    ("BHXH", "Bảo hiểm xã hội tỉnh", "BHXH", "Giám đốc", "Giám đốc Bảo hiểm xã hội tỉnh", 12,
     [("THU", "Phòng Quản lý thu"), ("CDBHXH", "Phòng Chế độ bảo hiểm xã hội")]),
    ("CTHUE", "Cục Thuế tỉnh", "CT", "Cục trưởng", "Cục trưởng Cục Thuế tỉnh", 15,
     [("KTT", "Phòng Kiểm tra thuế"), ("TTHT", "Phòng Tuyên truyền – Hỗ trợ người nộp thuế")]),
    ("KBNN", "Kho bạc Nhà nước tỉnh", "KBNN", "Giám đốc", "Giám đốc Kho bạc Nhà nước tỉnh", 10,
     [("KSC", "Phòng Kiểm soát chi")]),
    ("TAND", "Tòa án nhân dân tỉnh", "TA", "Chánh án", "Chánh án Tòa án nhân dân tỉnh", 10,
     [("TDS", "Tòa Dân sự"), ("THS", "Tòa Hình sự")]),
    ("VKSND", "Viện Kiểm sát nhân dân tỉnh", "VKS", "Viện trưởng", "Viện trưởng Viện Kiểm sát nhân dân tỉnh", 10,
     [("P1", "Phòng Thực hành quyền công tố và kiểm sát điều tra")]),
]
# Every department has these divisions besides its own.
COMMON_DIVISIONS = [("VP", "Văn phòng"), ("KHTC", "Phòng Kế hoạch – Tài chính"), ("TTR", "Thanh tra")]
NO_INSPECTORATE = {"VPUBND", "TTT", "TAND", "VKSND", "CTHUE", "KBNN", "BHXH", "BDT", "BQLKCN", "SNGV"}

# The 1/7/2025 reorganisation: (sources, successor code, successor name, abbreviation, signer title).
# A successor that is not among DEPARTMENTS is a new unit created on that day.
MERGERS = [
    (["STNMT", "SNNPTNT"], "SNNMT", "Sở Nông nghiệp và Môi trường", "SNNMT", "Giám đốc Sở Nông nghiệp và Môi trường"),
    (["SGTVT"], "SXD", "Sở Xây dựng", "SXD", "Giám đốc Sở Xây dựng"),
]

# parent code, suffix, kind, profile, name, head's post, weight
PUBLIC_SERVICE = [
    ("SYT", "BVDK", "hospital", "hospital", "Bệnh viện Đa khoa tỉnh", "Giám đốc", 600),
    ("SYT", "BVSN", "hospital", "hospital", "Bệnh viện Sản – Nhi", "Giám đốc", 250),
    ("SYT", "BVYHCT", "hospital", "hospital", "Bệnh viện Y học cổ truyền", "Giám đốc", 120),
    ("SYT", "BVPHCN", "hospital", "hospital", "Bệnh viện Phục hồi chức năng", "Giám đốc", 80),
    ("SYT", "BVTT", "hospital", "hospital", "Bệnh viện Tâm thần", "Giám đốc", 70),
    ("SYT", "BVLP", "hospital", "hospital", "Bệnh viện Lao và Bệnh phổi", "Giám đốc", 80),
    ("SYT", "CDC", "public_service", "hospital", "Trung tâm Kiểm soát bệnh tật", "Giám đốc", 120),
    ("SYT", "GDYK", "public_service", "ps", "Trung tâm Giám định y khoa", "Giám đốc", 20),
    ("SYT", "KN", "public_service", "ps", "Trung tâm Kiểm nghiệm thuốc, mỹ phẩm, thực phẩm", "Giám đốc", 25),
    ("SNNPTNT", "KL", "public_service", "ps", "Chi cục Kiểm lâm", "Chi cục trưởng", 60),
    ("SNNPTNT", "KN", "public_service", "ps", "Trung tâm Khuyến nông", "Giám đốc", 30),
    ("SNNPTNT", "NSVS", "public_service", "ps", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", "Giám đốc", 30),
    ("STNMT", "VPDK", "public_service", "ps", "Văn phòng Đăng ký đất đai", "Giám đốc", 80),
    ("STNMT", "QT", "public_service", "ps", "Trung tâm Quan trắc tài nguyên và môi trường", "Giám đốc", 25),
    ("STNMT", "PTQD", "public_service", "ps", "Trung tâm Phát triển quỹ đất", "Giám đốc", 30),
    ("SGTVT", "DK", "public_service", "ps", "Trung tâm Đăng kiểm xe cơ giới", "Giám đốc", 30),
    ("SGTVT", "BTDB", "public_service", "ps", "Ban Quản lý bảo trì đường bộ", "Trưởng ban", 25),
    ("SXD", "QHKD", "public_service", "ps", "Trung tâm Quy hoạch và Kiểm định xây dựng", "Giám đốc", 30),
    ("SLDTBXH", "BTXH", "public_service", "ps", "Trung tâm Bảo trợ xã hội", "Giám đốc", 40),
    ("SLDTBXH", "DVVL", "public_service", "ps", "Trung tâm Dịch vụ việc làm", "Giám đốc", 30),
    ("SLDTBXH", "CDN", "school", "school", "Trường Cao đẳng Nghề", "Hiệu trưởng", 80),
    ("SVHTTDL", "BT", "public_service", "ps", "Bảo tàng tỉnh", "Giám đốc", 25),
    ("SVHTTDL", "TV", "public_service", "ps", "Thư viện tỉnh", "Giám đốc", 25),
    ("SVHTTDL", "VHDA", "public_service", "ps", "Trung tâm Văn hóa – Điện ảnh", "Giám đốc", 30),
    ("SVHTTDL", "TDTT", "public_service", "ps", "Trung tâm Huấn luyện và Thi đấu thể dục thể thao", "Giám đốc", 40),
    ("SVHTTDL", "NHNT", "public_service", "ps", "Nhà hát Nghệ thuật truyền thống", "Giám đốc", 50),
    ("SKHCN", "UDKH", "public_service", "ps", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", "Giám đốc", 25),
    ("STTTT", "CNTT", "public_service", "ps", "Trung tâm Công nghệ thông tin và Truyền thông", "Giám đốc", 25),
    ("STP", "TGPL", "public_service", "ps", "Trung tâm Trợ giúp pháp lý nhà nước", "Giám đốc", 20),
    ("STP", "CC1", "public_service", "ps", "Phòng Công chứng số 1", "Trưởng phòng", 10),
    ("SNV", "LTLS", "public_service", "ps", "Trung tâm Lưu trữ lịch sử", "Giám đốc", 15),
    ("SCT", "KCXT", "public_service", "ps", "Trung tâm Khuyến công và Xúc tiến thương mại", "Giám đốc", 20),
    ("SKHDT", "XTDT", "public_service", "ps", "Trung tâm Xúc tiến đầu tư", "Giám đốc", 15),
    ("VPUBND", "HCC", "public_service", "ps", "Trung tâm Phục vụ hành chính công", "Giám đốc", 30),
]
# Units directly under the provincial People's Committee: code, kind, profile, name, head, abbr, weight
PROVINCIAL_UNITS = [
    ("PTTH", "public_service", "ps", "Đài Phát thanh và Truyền hình tỉnh", "Giám đốc", "PTTH", 120),
    ("CDYT", "school", "school", "Trường Cao đẳng Y tế", "Hiệu trưởng", "CĐYT", 80),
    ("CDSP", "school", "school", "Trường Cao đẳng Sư phạm", "Hiệu trưởng", "CĐSP", 80),
    ("BAO", "public_service", "ps", f"Báo {PROVINCE}", "Tổng Biên tập", "BHS", 60),
    ("BQLDD", "public_service", "ps", "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp",
     "Giám đốc", "BQLDA", 50),
    ("BQLGT", "public_service", "ps", "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông", "Giám đốc",
     "BQLGT", 50),
    ("QDTPT", "public_service", "ps", "Quỹ Đầu tư phát triển tỉnh", "Giám đốc", "QĐTPT", 20),
]
# Mass organisations: code, name, head's post, signer title, abbreviation, weight
ASSOCIATIONS = [
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Chủ tịch", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "MTTQ", 20),
    ("LDLD", "Liên đoàn Lao động tỉnh", "Chủ tịch", "Chủ tịch Liên đoàn Lao động tỉnh", "LĐLĐ", 20),
    ("HND", "Hội Nông dân tỉnh", "Chủ tịch", "Chủ tịch Hội Nông dân tỉnh", "HND", 15),
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", "Chủ tịch", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", "HLHPN", 15),
    ("TDTN", "Tỉnh đoàn", "Bí thư", "Bí thư Tỉnh đoàn", "TĐTN", 15),
    ("CCB", "Hội Cựu chiến binh tỉnh", "Chủ tịch", "Chủ tịch Hội Cựu chiến binh tỉnh", "CCB", 10),
    ("LMHTX", "Liên minh Hợp tác xã tỉnh", "Chủ tịch", "Chủ tịch Liên minh Hợp tác xã tỉnh", "LMHTX", 12),
    ("CTD", "Hội Chữ thập đỏ tỉnh", "Chủ tịch", "Chủ tịch Hội Chữ thập đỏ tỉnh", "CTĐ", 10),
]
# Enterprises of the province (besides generated private companies): code, name, head, abbreviation, weight
STATE_ENTERPRISES = [
    ("XSKT", f"Công ty TNHH MTV Xổ số kiến thiết {PROVINCE}", "Giám đốc", "XSKT", 60),
    ("CAPNUOC", f"Công ty Cổ phần Cấp nước {PROVINCE}", "Tổng Giám đốc", "CNHS", 250),
    ("THUYLOI", f"Công ty TNHH MTV Khai thác công trình thủy lợi {PROVINCE}", "Giám đốc", "KTTL", 200),
    ("MTDT", f"Công ty Cổ phần Môi trường và Công trình đô thị {PROVINCE}", "Tổng Giám đốc", "MTĐT", 300),
    ("DUOC", f"Công ty Cổ phần Dược – Vật tư y tế {PROVINCE}", "Tổng Giám đốc", "DVTYT", 150),
    ("DIENLUC", f"Công ty Điện lực {PROVINCE}", "Giám đốc", "PCHS", 400),
    ("XEKHACH", f"Công ty Cổ phần Xe khách {PROVINCE}", "Giám đốc", "XKHS", 80),
]
PRIVATE_ENTERPRISES = 33
COMMUNES = 100
WARD_SHARE = 0.25
UPPER_SECONDARY = 30
CONTINUING_EDUCATION = 6
REGIONAL_HEALTH_CENTRES = 8
HOUSEHOLDS_PER_COMMUNE = 5
