"""Emulation data for the demo, through the services of tdkt.emulation (as tdkt/demo/dossiers.py does
for dossiers), with tdkt.core.clock moved so that every deadline has really run.

The closed year (`year`, the plan's HISTORY_LAST_YEAR): three blocks of provincial departments and a
cluster of communes, each with its members, head and deputy, supervising vice-chair and a 100-point
scoring table; every member self-scored (one evidence PDF per criterion that asks for one), the head
(the deputy for the head) scored, scoring closed and the ranking published; the block vote (one block
decided in round 1, one in round 2) and the draft dossier for the Cờ thi đua and Bằng khen of one block.
The current year (`year + 1`): the same blocks copied (the rotation gives the next head) with scoring
open and deadlines ahead; about half the members have self-scored, Sở Y tế (vanthu.syt) has not.
Besides: a province–commune covenant of the closed year with mid-year and year-end values, a block
covenant of the current year, registrations of both years, three movements and Sở Y tế's key tasks.

Members act through their own clerk (vanthu.<unit code>, the demo password), made here for the units
that have none; the office (canbo.tinh) does what the office does.
"""
from __future__ import annotations

import copy
import datetime as dt
import random
import sys
import time
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from tdkt.core import clock
from tdkt.core.choices import Role
from tdkt.core.models import Profile
from tdkt.org.models import Person, Unit

from . import names
from .accounts import DEMO_PASSWORD
from .catalogue import DEPARTMENTS, PROVINCIAL_UNITS
from .uploads import pdf_upload

# name, kind, member codes in rotation order (the first heads the closed year and the second is its
# deputy; the rotation makes the second head and the third deputy of the current year), vote rounds.
BLOCKS = [
    ("Khối các cơ quan tổng hợp", "block", ["VPUBND", "SNV", "STC", "SKHDT", "STP", "TTT", "SNGV", "BDT"], 1),
    ("Khối các cơ quan kinh tế", "block", ["SNNMT", "SCT", "SXD", "SKHCN", "STTTT", "BQLKCN", "QDTPT"], 2),
    ("Khối Văn hóa – Xã hội", "block", ["SGDDT", "SVHTTDL", "SLDTBXH", "SYT", "PTTH", "BAO", "CDYT", "CDSP"], 1),
]
CLUSTER, CLUSTER_SHORT = "Cụm thi đua số 1 các xã, phường", "Cụm thi đua số 1"
CLUSTER_SIZE, CLUSTER_MIN = 8, 6
PROPOSING_BLOCK = BLOCKS[0][0]     # its vote result becomes the draft dossier (Cờ thi đua + 2 Bằng khen)
COVENANT_BLOCK = BLOCKS[2][0]      # the current year's block covenant (Sở Y tế signs it)
DEMO_COMMUNE_MET = 7               # the demo commune's year-end result: 7/10 chỉ tiêu đạt và vượt

HEAD_TITLES = {code: head for code, _, _, head, *_ in DEPARTMENTS} | {
    code: head for code, _, _, _, head, *_ in PROVINCIAL_UNITS} | {"SNNMT": "Giám đốc"}


def _criterion(code, name, points, guidance="", evidence="", kind="regular"):
    return {"code": code, "name": name, "max_points": points, "guidance": guidance, "kind": kind,
            "required_evidence": evidence, "evidence_required": bool(evidence)}


# Bonus and deduction criteria (HCMC adds points for flags received, blocks-and-scoring.md §3.3), in this
# order: a flag received, recognised initiatives; late reports, disciplined staff.
BONUS_AND_DEDUCTIONS = [
    ("Được tặng Cờ thi đua của Chính phủ hoặc Bằng khen của Thủ tướng Chính phủ trong năm", 5,
     "Tập thể đơn vị được tặng: cộng 5 điểm", "bonus"),
    ("Có mô hình, sáng kiến được cấp tỉnh công nhận và nhân rộng", 3,
     "Mỗi mô hình, sáng kiến: cộng 1 điểm, tối đa 3 điểm", "bonus"),
    ("Gửi báo cáo, hồ sơ thi đua chậm so với thời hạn", 3, "Mỗi lần chậm: trừ 1 điểm, tối đa 3 điểm", "deduction"),
    ("Có cán bộ, công chức, viên chức bị xử lý kỷ luật trong năm", 5,
     "Mỗi trường hợp: trừ 1 điểm (khiển trách), 2 điểm (cảnh cáo trở lên)", "deduction"),
]
BANDS = [{"name": "Xuất sắc", "min_score": 95}, {"name": "Tốt", "min_score": 85},
         {"name": "Khá", "min_score": 70}, {"name": "Trung bình", "min_score": 50}]
DISQUALIFIERS = [
    {"code": "K1", "text": "Tập thể lãnh đạo hoặc người đứng đầu đơn vị bị kỷ luật từ khiển trách trở lên trong năm"},
    {"code": "K2", "text": "Để xảy ra vụ việc tham nhũng, tiêu cực bị xử lý hình sự hoặc nội bộ mất đoàn kết"}]


def _table(note: str, groups: list) -> dict:
    """A 100-point table scored by the head (the deputy for the head): `groups` then the bonus and
    deduction group (numbered next, capped at 5 points each way), the bands and the bars."""
    number = len(groups) + 1
    extra = {"code": ["I", "II", "III", "IV", "V", "VI"][number - 1], "name": "Điểm thưởng, điểm trừ", "max_points": 0,
             "criteria": [_criterion(f"{number}.{i}", name, points, guidance, kind=kind)
                          for i, (name, points, guidance, kind) in enumerate(BONUS_AND_DEDUCTIONS, start=1)]}
    return {"scale": 100, "block_scorer": "head", "bonus_cap": 5, "deduction_cap": 5, "note": note,
            "tie_break": ["women", "fewer_deductions", "group:I"], "groups": groups + [extra], "bands": BANDS,
            "disqualifiers": DISQUALIFIERS}


# The province's common scoring table for its blocks of departments (Hà Nam issues one for all blocks;
# the 60-point first group follows Bắc Kạn CV 553/SNV-TĐKT; blocks-and-scoring.md §3).
DEPARTMENT_TABLE = _table(
    "Theo Hướng dẫn chấm điểm, xếp loại các khối thi đua thuộc tỉnh do Hội đồng Thi đua – Khen thưởng tỉnh ban "
    "hành; khối thông qua tại hội nghị phát động, ký kết giao ước thi đua.", [
        {"code": "I", "name": "Thực hiện nhiệm vụ chính trị, chuyên môn", "max_points": 60, "criteria": [
            _criterion("1.1", "Hoàn thành các chỉ tiêu, nhiệm vụ kế hoạch năm được UBND tỉnh giao", 30,
                       "Hoàn thành 100% chỉ tiêu: 30 điểm; mỗi chỉ tiêu không hoàn thành trừ 3 điểm",
                       "Báo cáo kết quả thực hiện nhiệm vụ năm có số liệu từng chỉ tiêu"),
            _criterion("1.2", "Thực hiện nhiệm vụ đột xuất, nhiệm vụ được Tỉnh ủy, UBND tỉnh giao", 10,
                       "Đúng hạn, có chất lượng: 10 điểm; mỗi nhiệm vụ chậm trừ 2 điểm"),
            _criterion("1.3", "Cải cách hành chính, chuyển đổi số", 10,
                       "Theo Chỉ số cải cách hành chính của tỉnh: nhóm đầu 10 điểm, nhóm giữa 8 điểm, nhóm cuối 6 điểm",
                       "Quyết định công bố Chỉ số cải cách hành chính năm"),
            _criterion("1.4", "Giải quyết thủ tục hành chính, tiếp công dân, giải quyết khiếu nại, tố cáo", 10,
                       "Không có hồ sơ quá hạn, không có đơn thư vượt cấp: 10 điểm")]},
        {"code": "II", "name": "Công tác thi đua, khen thưởng", "max_points": 20, "criteria": [
            _criterion("2.1", "Ban hành kế hoạch, phát động phong trào thi đua; đăng ký thi đua đúng hạn", 5,
                       "Có kế hoạch, văn bản phát động và bản đăng ký gửi đúng hạn: 5 điểm",
                       "Kế hoạch, văn bản phát động, bản đăng ký thi đua"),
            _criterion("2.2", "Sơ kết, tổng kết; phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến", 5),
            _criterion("2.3", "Thực hiện giao ước thi đua, tham gia đầy đủ hoạt động của khối", 5),
            _criterion("2.4", "Khen thưởng đúng quy định, kịp thời; chú trọng người trực tiếp lao động, công tác", 5)]},
        {"code": "III", "name": "Xây dựng Đảng, đoàn thể; văn hóa công sở", "max_points": 20, "criteria": [
            _criterion("3.1", "Tổ chức đảng được xếp loại “Hoàn thành tốt nhiệm vụ” trở lên", 5,
                       "Hoàn thành xuất sắc: 5 điểm; hoàn thành tốt: 4 điểm",
                       "Quyết định xếp loại chất lượng tổ chức đảng"),
            _criterion("3.2", "Công đoàn, Đoàn Thanh niên, Hội Cựu chiến binh hoàn thành tốt nhiệm vụ", 5),
            _criterion("3.3", "Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực", 5),
            _criterion("3.4", "Thực hiện quy chế dân chủ ở cơ sở, văn hóa công sở; chăm lo đời sống cán bộ", 5)]}])

# Communes are scored on the socio-economic targets of the year (Kon Tum: 22 criteria in 4 groups).
CLUSTER_TABLE = _table(
    "Bảng điểm thi đua các cụm xã, phường theo các lĩnh vực kinh tế, văn hóa – xã hội, quốc phòng – an ninh và xây "
    "dựng chính quyền.", [
        {"code": "I", "name": "Phát triển kinh tế", "max_points": 35, "criteria": [
            _criterion("1.1", "Thu ngân sách nhà nước trên địa bàn đạt và vượt dự toán", 10,
                       "Đạt dự toán: 8 điểm; vượt mỗi 5%: cộng 1 điểm", "Báo cáo quyết toán thu ngân sách năm"),
            _criterion("1.2", "Tốc độ tăng giá trị sản xuất; chuyển dịch cơ cấu kinh tế", 10),
            _criterion("1.3", "Xây dựng nông thôn mới, đô thị văn minh", 15,
                       "Theo số tiêu chí đạt được so với kế hoạch năm",
                       "Báo cáo kết quả thực hiện các tiêu chí nông thôn mới")]},
        {"code": "II", "name": "Văn hóa – xã hội", "max_points": 25, "criteria": [
            _criterion("2.1", "Giảm nghèo bền vững, bảo đảm an sinh xã hội", 10),
            _criterion("2.2", "Giáo dục, y tế, bảo hiểm y tế toàn dân", 10),
            _criterion("2.3", "Xây dựng đời sống văn hóa ở khu dân cư", 5)]},
        {"code": "III", "name": "Quốc phòng, an ninh", "max_points": 10, "criteria": [
            _criterion("3.1", "Hoàn thành chỉ tiêu giao quân, xây dựng lực lượng dân quân", 5),
            _criterion("3.2", "Giữ vững an ninh chính trị, trật tự an toàn xã hội", 5)]},
        {"code": "IV", "name": "Xây dựng chính quyền, cải cách hành chính, thi đua – khen thưởng", "max_points": 30,
         "criteria": [
            _criterion("4.1", "Cải cách hành chính, chuyển đổi số, giải quyết thủ tục hành chính đúng hạn", 10,
                       "Theo tỷ lệ hồ sơ đúng hạn và hồ sơ trực tuyến toàn trình", "Báo cáo cải cách hành chính năm"),
            _criterion("4.2", "Tổ chức phong trào thi đua, thực hiện giao ước thi đua với tỉnh", 10,
                       "Có kế hoạch, sơ kết, tổng kết và kết quả giao ước", "Báo cáo tổng kết phong trào thi đua"),
            _criterion("4.3", "Xây dựng Đảng, chính quyền, Mặt trận và các đoàn thể", 10)]}])

BLOCK_REGULATION = ("Khối hoạt động theo nguyên tắc tự nguyện, đoàn kết, hợp tác, công khai; trưởng khối, phó khối "
                    "luân phiên theo năm; các đơn vị tự chấm điểm, trưởng khối chấm điểm (phó khối chấm đơn vị trưởng "
                    "khối); bình xét, bỏ phiếu kín suy tôn đơn vị dẫn đầu, tối đa 2 vòng.")


def _programme(year: int) -> str:
    return (f"Tháng 3/{year}: hội nghị phát động, ký kết giao ước thi đua; tháng 7/{year}: sơ kết 6 tháng; "
            f"tháng 10–11/{year}: kiểm tra chéo; tháng 12/{year}: tự chấm điểm, trưởng khối chấm điểm, hội nghị "
            "tổng kết, bình xét, bỏ phiếu suy tôn đơn vị dẫn đầu và bầu trưởng khối, phó khối năm sau.")


# Province–commune covenant: name, unit of measure, target, direction, cumulative over the year, whole numbers.
COMMUNE_INDICATORS = [
    ("Tốc độ tăng giá trị sản xuất trên địa bàn", "%", "8", "higher", False, False),
    ("Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "18.5", "higher", True, False),
    ("Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", "%", "2.5", "lower", False, False),
    ("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "95", "higher", False, False),
    ("Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", "%", "98", "higher", False, False),
    ("Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến toàn trình", "%", "55", "higher", False, False),
    ("Số tiêu chí xã nông thôn mới nâng cao đạt được", "tiêu chí", "19", "higher", False, True),
    ("Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý", "%", "92", "higher", False, False),
    ("Số hộ nghèo, hộ cận nghèo được hỗ trợ xây mới, sửa chữa nhà ở", "hộ", "12", "higher", True, True),
    ("Số vụ phạm pháp hình sự trên địa bàn", "vụ", "6", "lower", True, True),
]
BLOCK_INDICATORS = [
    ("Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", "%", "98", "higher", False, False),
    ("Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến toàn trình", "%", "50", "higher", False, False),
    ("Tỷ lệ văn bản đi được ký số, gửi trên môi trường điện tử", "%", "95", "higher", False, False),
    ("Tỷ lệ cán bộ, công chức, viên chức hoàn thành tốt nhiệm vụ trở lên", "%", "90", "higher", False, False),
    ("Tỷ lệ giải ngân vốn đầu tư công được giao", "%", "95", "higher", True, False),
    ("Số phản ánh, kiến nghị của người dân, doanh nghiệp quá hạn xử lý", "việc", "0", "lower", True, True),
]

THEME = "Đoàn kết, kỷ cương, sáng tạo, thi đua thực hiện thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế – xã hội"
MOTTO = "Đoàn kết, kỷ cương, đổi mới, sáng tạo, khát vọng phát triển"
REGULAR_CONTENTS = [
    "Thi đua hoàn thành và hoàn thành vượt mức các chỉ tiêu phát triển kinh tế – xã hội, bảo đảm quốc phòng, an ninh",
    "Thi đua đẩy mạnh cải cách hành chính, chuyển đổi số, cải thiện môi trường đầu tư kinh doanh",
    "Thi đua gắn với đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực; nâng cao đạo đức công vụ",
    "Phát hiện, bồi dưỡng, tổng kết và nhân rộng các điển hình tiên tiến, người tốt, việc tốt",
]
POVERTY_MOVEMENT = "Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau"
POVERTY_CONTENTS = [
    "Tuyên truyền, nâng cao nhận thức về giảm nghèo bền vững; khơi dậy ý chí tự lực vươn lên của người nghèo",
    "Huy động nguồn lực xã hội hỗ trợ hộ nghèo, hộ cận nghèo về nhà ở, sinh kế, y tế, giáo dục",
    "Thực hiện hiệu quả Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021–2025",
    "Xóa nhà tạm, nhà dột nát cho hộ nghèo, hộ cận nghèo, gia đình chính sách",
    "Phát hiện, biểu dương, nhân rộng các mô hình giảm nghèo hiệu quả, điển hình tiên tiến",
]
POVERTY_COVERED = ["SLDTBXH", "MTTQ", "HLHPN", "HND", "TDTN", "LDLD"]

# Sở Y tế's ten key tasks of the year; the one marked True is its flagship (Hà Nam's "10 nhiệm vụ trọng tâm").
HEALTH_TASKS = [
    ("Triển khai bệnh án điện tử tại 100% bệnh viện công lập tuyến tỉnh", True),
    ("Nâng cao chất lượng khám, chữa bệnh; phấn đấu sự hài lòng của người bệnh đạt trên 90%", False),
    ("Duy trì tỷ lệ bao phủ bảo hiểm y tế trên 95% dân số", False),
    ("Tiêm chủng mở rộng đạt trên 95% trẻ em dưới 1 tuổi được tiêm đủ liều", False),
    ("Kiểm soát dịch bệnh truyền nhiễm, không để dịch lớn xảy ra trên địa bàn", False),
    ("Củng cố mạng lưới y tế cơ sở, trạm y tế xã, phường đạt Bộ tiêu chí quốc gia", False),
    ("Bảo đảm an toàn thực phẩm, không để xảy ra ngộ độc thực phẩm đông người", False),
    ("Đẩy mạnh cải cách hành chính; 100% thủ tục hành chính đủ điều kiện cung cấp trực tuyến toàn trình", False),
    ("Phát triển nguồn nhân lực y tế, thu hút bác sĩ về công tác tại tuyến cơ sở", False),
    ("Thực hành tiết kiệm, chống lãng phí trong mua sắm thuốc, trang thiết bị y tế", False),
]


def demo_commune() -> Unit | None:
    """The commune of the demo accounts' commune clerk (the first commune clerk made)."""
    profile = (Profile.objects.filter(role=Role.CLERK, unit__kind="commune", user__username__startswith="vanthu.")
               .select_related("unit").order_by("user_id").first())
    return profile.unit if profile else None


def _round(value: float, step: Decimal) -> Decimal:
    return (Decimal(str(value)) / step).quantize(Decimal(1)) * step


class Seeder:
    def __init__(self, year: int, seed: int, password: str):
        self.year, self.current = year, year + 1
        self.rng = random.Random(seed)
        self.password = password
        self.officer = User.objects.get(username="canbo.tinh")
        self.syt_clerk = User.objects.get(username="vanthu.syt")
        self.province = Unit.objects.filter(kind="province").order_by("id").first()
        units = Unit.objects.filter(parent=self.province).active()
        self.by_code = {u.code: u for u in units}
        communes = sorted((u for u in units if u.kind == "commune"), key=lambda u: u.code)
        self.demo_commune = demo_commune() or (communes[0] if communes else None)
        self.communes = communes
        self.clerks = {p.unit_id: p.user for p in Profile.objects.filter(role=Role.CLERK, unit__isnull=False)
                       .select_related("user")}
        vice_chairs = list(Person.objects.filter(unit=self.province, position="Phó Chủ tịch UBND tỉnh")
                           .order_by("id").values_list("full_name", flat=True))
        self.vice_chairs = vice_chairs or ["Nguyễn Văn An"]
        self.heads: dict[int, tuple[str, str, bool]] = {}
        today = clock.today()
        self.today = today
        self.self_deadline = max(dt.date(self.current, 12, 10), today + dt.timedelta(days=14))
        self.made_clerks = 0

    # -- helpers ------------------------------------------------------------------------------------

    def at(self, day: dt.date) -> None:
        """Move the clock to `day` (never past yesterday: the current year's steps have happened)."""
        day = min(day, self.today - dt.timedelta(days=1))
        clock.reset()
        clock.travel((day - clock.today()).days)

    def clerk(self, unit: Unit) -> User:
        """The unit's clerk, made with the demo password when the unit has none."""
        if unit.pk not in self.clerks:
            gender = self.rng.choice(["female", "female", "male"])
            user = User.objects.create(username=f"vanthu.{unit.code.lower()}", password=self.password,
                                       first_name=names.full_name(self.rng, gender))
            role_title = ("Công chức Văn phòng – Thống kê" if unit.kind == "commune"
                          else "Cán bộ phụ trách thi đua – khen thưởng")
            Profile.objects.create(user=user, role=Role.CLERK, unit=unit, title=f"{role_title} {unit.name}")
            self.clerks[unit.pk] = user
            self.made_clerks += 1
        return self.clerks[unit.pk]

    def acting(self, unit: Unit) -> User:
        """Who files for a unit: its clerk, or the office entering what the unit sent on paper."""
        return self.clerks.get(unit.pk) or self.officer

    def head_of(self, unit: Unit) -> tuple[str, str, bool]:
        """(name, title, is a woman) of the unit's head, from its people when the generator placed one."""
        if unit.pk not in self.heads:
            title = HEAD_TITLES.get(unit.code, "Thủ trưởng")
            person = (Person.objects.filter(unit=unit, is_leader=True).exclude(position__startswith="Phó")
                      .order_by("id").first())
            if person is not None:
                self.heads[unit.pk] = (person.full_name, person.position, person.gender == "female")
            else:
                gender = "male" if self.rng.random() < 0.7 else "female"
                self.heads[unit.pk] = (names.full_name(self.rng, gender), title, gender == "female")
        return self.heads[unit.pk]

    def signatory(self, unit: Unit) -> str:
        name, title, _ = self.head_of(unit)
        if unit.kind == "province":
            return f"{name}, Chủ tịch UBND tỉnh"
        if unit.kind == "commune":
            return f"{name}, Chủ tịch {unit.name}"
        return f"{name}, {title} {unit.name}"

    # -- blocks of the closed year --------------------------------------------------------------------

    def block_specs(self) -> list[tuple[str, str, list[Unit], int, dict]]:
        specs = []
        for name, kind, codes, rounds in BLOCKS:
            units = [self.by_code[c] for c in codes if c in self.by_code]
            if len(units) >= 4:
                specs.append((name, kind, units, rounds, DEPARTMENT_TABLE))
        if len(self.communes) >= CLUSTER_MIN and self.demo_commune is not None:
            others = [c for c in self.communes if c != self.demo_commune]
            picked = sorted(self.rng.sample(others, min(CLUSTER_SIZE - 1, len(others))), key=lambda u: u.sort_key)
            units = picked[:3] + [self.demo_commune] + picked[3:]
            specs.append((CLUSTER, "cluster", units, 1, CLUSTER_TABLE))
        return specs

    def create_blocks(self, specs) -> list:
        from tdkt.emulation import services
        from tdkt.emulation.services import scoring

        blocks = []
        for i, (name, kind, units, _, table) in enumerate(specs):
            women = [u for u in units if self.head_of(u)[2]]
            block = services.create_block(
                self.officer, name=name, kind=kind, year=self.year, units=units, head=units[0], deputy=units[1],
                women_led=women, merit_quota=2,
                decision_ref=f"Quyết định số 312/QĐ-UBND ngày 10/02/{self.year} của UBND tỉnh về việc phân chia các "
                             "cụm, khối thi đua thuộc tỉnh",
                supervising_leader=f"{self.vice_chairs[i % len(self.vice_chairs)]}, Phó Chủ tịch UBND tỉnh",
                programme=_programme(self.year), regulation=BLOCK_REGULATION)
            scoring.set_template(self.officer, block, **copy.deepcopy(table))
            services.add_block_document(self.officer, block, upload=pdf_upload("quy-che-hoat-dong.pdf"),
                                        kind="regulation",
                                        title=f"Quy chế hoạt động {name} năm {self.year}")
            services.add_block_document(self.officer, block, upload=pdf_upload("bang-diem.pdf"), kind="scoring_table",
                                        title=f"Bảng điểm và hướng dẫn chấm điểm thi đua năm {self.year}")
            blocks.append(block)
        return blocks

    def sheet(self, criteria, quality: float) -> dict:
        """A member's own scores: near the maximum, rounded to half points; a few bonuses and deductions."""
        rng, entries = self.rng, {}
        extras = [c for c in criteria if c.kind != "regular"]   # in BONUS_AND_DEDUCTIONS order
        for c in criteria:
            if c.kind == "regular":
                points = _round(float(c.max_points) * rng.uniform(quality, 1.0), Decimal("0.5"))
            else:
                points = Decimal([rng.choice([0, 0, 0, 0, 5]), rng.choice([0, 0, 1, 1, 2, 3]),
                                  rng.choice([0, 0, 0, 1, 2]), rng.choice([0] * 9 + [1])][extras.index(c)])
            entries[c.pk] = (min(points, c.max_points), "")
        return entries

    def head_sheet(self, criteria, own: dict) -> dict:
        """The head's scores: the self-score, lowered here and there with the reason."""
        from tdkt.emulation.workflow import fmt

        reasons = ["minh chứng chưa đầy đủ", "một số chỉ tiêu hoàn thành chậm so với kế hoạch",
                   "báo cáo chưa có số liệu so sánh cùng kỳ", "chưa có văn bản triển khai cụ thể"]
        entries = {}
        for c in criteria:
            points, _ = own[c.pk]
            cut = Decimal(str(self.rng.choice([0, 0, 0, 0, 0.5, 1, 1.5]))) if c.kind == "regular" else Decimal(0)
            cut = min(cut, points)
            entries[c.pk] = (points - cut, f"Trừ {fmt(cut)} điểm: {self.rng.choice(reasons)}" if cut else "")
        return entries

    def self_score(self, block, unit, criteria, quality: float) -> dict:
        from tdkt.emulation.services import scoring

        entries = self.sheet(criteria, quality)
        evidence = {c.pk: pdf_upload(f"minh-chung-{c.code.replace('.', '-')}.pdf")
                    for c in criteria if c.evidence_required}
        scoring.self_score(self.clerk(unit), block, unit, entries, evidence)
        return entries

    def score_closed_year(self, blocks) -> None:
        """Open in mid-November; self-scores, then the head's (the deputy's for the head); closed."""
        from tdkt.emulation.services import scoring

        self.at(dt.date(self.year, 11, 14))
        for block in blocks:
            scoring.open_scoring(self.officer, block, self_score_deadline=dt.date(self.year, 12, 5),
                                 block_score_deadline=dt.date(self.year, 12, 12))
        self.at(dt.date(self.year, 12, 2))
        sheets = {}
        for block in blocks:
            criteria = list(block.template.criteria.all())
            for member in block.members.select_related("unit"):
                quality = self.rng.uniform(0.82, 0.97)
                sheets[(block.pk, member.unit_id)] = (criteria, self.self_score(block, member.unit, criteria, quality))
        self.at(dt.date(self.year, 12, 10))
        for block in blocks:
            members = list(block.members.select_related("unit"))
            head = next(m.unit for m in members if m.role == "head")
            deputy = next(m.unit for m in members if m.role == "deputy")
            for member in members:
                criteria, own = sheets[(block.pk, member.unit_id)]
                scorer = deputy if member.unit == head else head
                scoring.block_score(self.clerk(scorer), block, member.unit, self.head_sheet(criteria, own))
        self.at(dt.date(self.year, 12, 16))
        for block in blocks:
            scoring.close_scoring(self.officer, block)

    def vote(self, block, rounds: int):
        """The year-end vote run by the head's clerk: decided in round 1, or a tie then round 2."""
        from tdkt.emulation.models import Result
        from tdkt.emulation.services import vote

        members = list(block.members.select_related("unit"))
        units = {m.unit_id: m.unit for m in members}
        head = next(m.unit for m in members if m.role == "head")
        ranked = list(Result.objects.filter(block=block, rank__isnull=False).order_by("rank", "id")
                      .values_list("unit_id", flat=True))
        n = len(members)
        plans = []
        if rounds == 2:
            plans.append([ranked[0]] * (n // 2) + [ranked[1]] * (n // 2) + [ranked[2]] * (n % 2))
            plans.append([ranked[0]] * (n - 2) + [ranked[1]] * 2)
        else:
            winner = n // 2 + 1 + (n >= 6)
            plans.append([ranked[0]] * winner + [ranked[1 + i % 2] for i in range(n - winner)])
        for choices in plans:
            vote_round = vote.open_round(self.clerk(head), block)
            self.rng.shuffle(choices)
            for member, choice in zip(members, choices):
                vote.cast_vote(self.clerk(member.unit), vote_round, units[choice])
            vote.close_round(self.clerk(head), vote_round)

    def closed_year(self, specs) -> tuple[list, object]:
        from tdkt.emulation import services
        from tdkt.emulation.services import vote

        self.at(dt.date(self.year, 2, 15))
        blocks = self.create_blocks(specs)
        self.score_closed_year(blocks)
        self.at(dt.date(self.year, 12, 18))
        dossier = None
        for block, (name, _, _, rounds, _) in zip(blocks, specs):
            self.vote(block, rounds)
            services.add_block_document(self.officer, block, upload=pdf_upload("bien-ban-binh-xet.pdf"), kind="minutes",
                                        title=f"Biên bản hội nghị tổng kết, bình xét thi đua {name} năm {self.year}")
            if name == PROPOSING_BLOCK:
                dossier = vote.propose_awards(self.officer, block)
        return blocks, dossier

    # -- the current year -----------------------------------------------------------------------------

    def current_year(self, blocks) -> list:
        """Copied at the year-end review (the rotation names the head), opened a week ago; about half the
        members have self-scored, never Sở Y tế nor the demo commune (their clerks try it themselves)."""
        from tdkt.emulation import services
        from tdkt.emulation.services import scoring

        self.at(dt.date(self.year, 12, 19))
        copies = [services.update_block(self.officer, services.copy_to_next_year(self.officer, block),
                                        programme=_programme(self.current)) for block in blocks]
        self.at(self.today - dt.timedelta(days=7))
        for block in copies:
            scoring.open_scoring(self.officer, block, self_score_deadline=self.self_deadline,
                                 block_score_deadline=self.self_deadline + dt.timedelta(days=10))
            services.add_block_document(self.officer, block, upload=pdf_upload("chuong-trinh-cong-tac.pdf"),
                                        kind="programme", title=f"Chương trình công tác năm {self.current}")
        self.at(self.today - dt.timedelta(days=3))
        keep_for_demo = {self.by_code.get("SYT"), self.demo_commune}
        for block in copies:
            criteria = list(block.template.criteria.all())
            for i, member in enumerate(block.members.select_related("unit")):
                if i % 2 == 0 and member.unit not in keep_for_demo:
                    self.self_score(block, member.unit, criteria, self.rng.uniform(0.85, 0.97))
        return copies

    # -- covenants ------------------------------------------------------------------------------------

    def value(self, target: str, measure: str, direction: str, met: bool, whole: bool, partial: bool) -> Decimal:
        """An actual value on the right side of the target; `partial`: a cumulative figure at mid-year."""
        from tdkt.emulation.models import CovenantIndicator
        from tdkt.emulation.services.covenants import judge

        rng, goal = self.rng, Decimal(target)
        step = Decimal(1) if whole else Decimal("0.01")
        if partial:
            factor = rng.uniform(0.42, 0.62)
        elif met:
            factor = rng.uniform(1.0, 1.12) if direction == "higher" else rng.uniform(0.7, 1.0)
        else:
            factor = rng.uniform(0.86, 0.985) if direction == "higher" else rng.uniform(1.1, 1.4)
        value = _round(float(goal) * factor, step)
        if measure == "%":
            value = min(value, Decimal(100))
        if not partial and (judge(CovenantIndicator(target=goal, direction=direction), value) != "not_met") != met:
            # Rounding (or the 100 % cap) landed on the wrong side: just on the target, or one step short of it.
            value = goal if met else goal + (-step if direction == "higher" else step)
        return max(value, Decimal(0))

    def record(self, covenant, parties, spec, period: str, met_counts: dict | None = None, evidence_for=None) -> None:
        """Each party's values of a period; at the year end `met_counts[unit id]` targets are met."""
        from tdkt.emulation.services import covenants

        rows = list(covenant.indicators.order_by("order"))
        mid_year = period == "mid_year"
        for unit in parties:
            if met_counts is None:
                met = {k for k in range(len(rows)) if self.rng.random() < 0.75}
            else:
                met = set(self.rng.sample(range(len(rows)), met_counts[unit.pk]))
            values = {}
            for k, (indicator, (_, measure, target, direction, cumulative, whole)) in enumerate(zip(rows, spec)):
                actual = self.value(target, measure, direction, k in met, whole, mid_year and cumulative)
                values[indicator.pk] = (actual, "Số liệu của Thống kê khu vực" if k == 0 else "")
            evidence = {rows[1].pk: pdf_upload("bao-cao-ket-qua.pdf")} if unit == evidence_for else None
            covenants.record_results(self.acting(unit), covenant, unit, period=period, values=values, evidence=evidence)

    def province_covenant(self, communes, in_cluster: bool) -> object:
        from tdkt.emulation.services import covenants

        self.at(dt.date(self.year, 2, 20))
        covenant = covenants.create_covenant(
            self.officer, kind="province_commune", year=self.year, chair_unit=self.province, parties=communes,
            title=f"Giao ước thi đua năm {self.year} giữa Chủ tịch UBND tỉnh và Chủ tịch UBND các xã, phường"
                  + (f" thuộc {CLUSTER_SHORT}" if in_cluster else ""),
            theme=f"{THEME} năm {self.year}",
            indicators=[{"name": n, "unit_of_measure": m, "target": t, "direction": d}
                        for n, m, t, d, _, _ in COMMUNE_INDICATORS])
        self.at(dt.date(self.year, 2, 25))
        covenants.sign(self.officer, covenant, self.province, self.signatory(self.province))
        for unit in communes:
            covenants.sign(self.acting(unit), covenant, unit, self.signatory(unit))
        covenant.refresh_from_db()
        self.at(dt.date(self.year, 7, 10))
        self.record(covenant, communes, COMMUNE_INDICATORS, "mid_year")
        self.at(dt.date(self.year, 12, 15))
        met = {u.pk: DEMO_COMMUNE_MET if u == self.demo_commune else self.rng.choice([6, 7, 8, 8, 9, 10])
               for u in communes}
        self.record(covenant, communes, COMMUNE_INDICATORS, "year_end", met, evidence_for=self.demo_commune)
        return covenant

    def block_covenant(self, block) -> object:
        from tdkt.emulation.services import covenants

        members = list(block.members.select_related("unit"))
        head = next(m.unit for m in members if m.role == "head")
        self.at(dt.date(self.current, 3, 5))
        covenant = covenants.create_covenant(
            self.clerk(head), kind="block", year=self.current, block=block,
            title=f"Giao ước thi đua {block.name} năm {self.current}", theme=f"{THEME} năm {self.current}",
            indicators=[{"name": n, "unit_of_measure": m, "target": t, "direction": d}
                        for n, m, t, d, _, _ in BLOCK_INDICATORS])
        self.at(dt.date(self.current, 3, 10))
        for member in members:
            covenants.sign(self.clerk(member.unit), covenant, member.unit, self.signatory(member.unit))
        covenant.refresh_from_db()
        self.at(dt.date(self.current, 7, 10))
        self.record(covenant, [m.unit for m in members[:-2]], BLOCK_INDICATORS, "mid_year")
        return covenant

    # -- registrations ----------------------------------------------------------------------------------

    def registrations(self, year: int, block_units: set, submit_share: float) -> int:
        """Most units (each public-service unit and school on its own; divisions through their department)
        register their title and their people's (Lao động tiên tiến for everyone, Chiến sĩ thi đua cơ sở
        for some) by the deadline; most send it."""
        from tdkt.awards.models import AwardRecord, AwardType
        from tdkt.emulation.services import registrations

        awards = {a.code: a for a in AwardType.objects.filter(code__in=["TTLDTT", "TTLDXS", "CO_TD_TINH", "LDTT",
                                                                       "CSTD_CS"])}
        self.at(dt.date(year, 1, 20))
        registrations.set_period(self.officer, year=year, deadline=dt.date(year, 3, 31),
                                 note=f"Công văn số {self.rng.randint(40, 90)}/SNV-TĐKT ngày 20/01/{year} của Sở Nội vụ")
        cs = set(AwardRecord.objects.filter(award_type__code="CSTD_CS", year__in=(year - 1, year), status="valid")
                 .values_list("person_id", flat=True))
        units = {u.pk: u for u in Unit.objects.filter(path__startswith=self.province.path).active()
                 .exclude(kind__in=["division", "province"])}
        people: dict[int, list] = {}
        for person in Person.objects.select_related("unit").only("id", "full_name", "unit_id", "unit__path") \
                .order_by("id"):
            ids = [int(i) for i in person.unit.path.strip("/").split("/")]
            owner = next((i for i in reversed(ids) if i in units), None)
            if owner is not None:
                people.setdefault(owner, []).append(person)
        self.at(dt.date(year, 3, 16))
        count = 0
        for unit in sorted(units.values(), key=lambda u: u.code):
            if unit.pk not in people or (unit.pk not in block_units and self.rng.random() < 0.08):
                continue
            if unit.pk in block_units:
                titles = [awards["TTLDXS"], awards["CO_TD_TINH"]]
            else:
                titles = [awards["TTLDXS" if self.rng.random() < 0.6 else "TTLDTT"]]
            individuals = [(p, awards["LDTT"]) for p in people[unit.pk]]
            individuals += [(p, awards["CSTD_CS"]) for p in people[unit.pk]
                            if (p.pk in cs and self.rng.random() < 0.8) or self.rng.random() < 0.06]
            actor = self.acting(unit)
            registration = registrations.save_registration(
                actor, unit, year, unit_titles=titles, individuals=individuals,
                commitments=f"Phấn đấu hoàn thành xuất sắc các chỉ tiêu, nhiệm vụ năm {year}; 100% cán bộ, công chức, "
                            "viên chức, người lao động đăng ký thi đua; không có cá nhân vi phạm kỷ luật; thực hiện "
                            "tốt giao ước thi đua.")
            if self.rng.random() < submit_share:
                registrations.submit_registration(actor, registration)
            count += 1
        return count

    # -- movements and key tasks --------------------------------------------------------------------

    def movements(self) -> list:
        from tdkt.emulation.services import movements

        covered = sorted(self.by_code.values(), key=lambda u: u.code)
        made = []
        # The thematic movement of the period 2021–2025, closed at the year end with its dossier.
        poverty_units = [self.by_code[c] for c in POVERTY_COVERED if c in self.by_code] + self.communes
        self.at(dt.date(2021, 4, 20))
        thematic = movements.create_movement(
            self.officer, launching_unit=self.province, covered_units=poverty_units, kind="thematic",
            title=POVERTY_MOVEMENT,
            theme="Chung tay vì người nghèo, giảm nghèo bền vững", motto="Không để ai bị bỏ lại phía sau",
            contents=POVERTY_CONTENTS, period_kind="multi_year", start_year=2021, end_year=self.year,
            targets="Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giảm bình quân 1–1,5%/năm; 100% hộ nghèo, hộ cận "
                    f"nghèo khó khăn về nhà ở được hỗ trợ trước 31/12/{self.year}.")
        movements.launch_movement(self.officer, thematic)
        movements.add_movement_document(self.officer, thematic, upload=pdf_upload("ke-hoach-phat-dong.pdf"),
                                        title="Kế hoạch số 58/KH-UBND ngày 20/4/2021 của UBND tỉnh tổ chức phong trào "
                                              f"thi đua “{POVERTY_MOVEMENT}”")
        movements.record_review(self.officer, thematic, kind="interim", held_on=dt.date(2023, 6, 28),
                                results="Sơ kết giữa kỳ: tỷ lệ hộ nghèo giảm từ 4,8% xuống 3,1%; hỗ trợ xây mới, sửa "
                                        "chữa 412 nhà cho hộ nghèo, hộ cận nghèo; huy động 38,6 tỷ đồng xã hội hóa.")
        self.at(dt.date(self.year, 11, 28))
        review = movements.record_review(
            self.officer, thematic, kind="final", held_on=dt.date(self.year, 11, 28),
            results=f"Tổng kết giai đoạn 2021–{self.year}: tỷ lệ hộ nghèo còn 1,9% (giảm bình quân 1,2%/năm); "
                    "xóa 100% nhà tạm, nhà dột nát (1.036 nhà); huy động 96,4 tỷ đồng; đề nghị khen thưởng các tập "
                    "thể tiêu biểu.")
        proposer = self.by_code.get("SLDTBXH") or self.province
        dossier = movements.start_thematic_dossier(self.officer, review, proposing_unit=proposer)
        self.thematic_nominees(dossier)
        made.append(thematic)

        self.at(dt.date(self.year, 2, 18))
        regular = self.regular_movement(self.year, covered, dt.date(self.year, 2, 18))
        self.at(dt.date(self.year, 7, 15))
        movements.record_review(self.officer, regular, kind="interim", held_on=dt.date(self.year, 7, 15),
                                results="Sơ kết 6 tháng: 100% cơ quan, đơn vị, địa phương xây dựng kế hoạch và đăng ký "
                                        "thi đua; các chỉ tiêu chủ yếu đạt trên 50% kế hoạch năm.")
        self.at(dt.date(self.current, 1, 16))
        movements.record_review(self.officer, regular, kind="final", held_on=dt.date(self.current, 1, 16),
                                results=f"Tổng kết năm {self.year}: 27/32 chỉ tiêu phát triển kinh tế – xã hội đạt và "
                                        "vượt kế hoạch; khen thưởng các tập thể, cá nhân tiêu biểu.")
        made.append(regular)

        self.at(dt.date(self.current, 2, 24))
        current = self.regular_movement(self.current, covered, dt.date(self.current, 2, 24))
        self.at(dt.date(self.current, 7, 17))
        movements.record_review(self.officer, current, kind="interim", held_on=clock.today(),
                                results="Sơ kết 6 tháng: các cơ quan, đơn vị, địa phương đã phát động và ký kết giao "
                                        "ước thi đua; tốc độ tăng trưởng 6 tháng đạt 7,8%.")
        made.append(current)
        return made

    def regular_movement(self, year: int, covered, launched_on: dt.date):
        from tdkt.emulation.services import movements

        movement = movements.create_movement(
            self.officer, launching_unit=self.province, covered_units=covered, kind="regular",
            title=f"Phong trào thi đua yêu nước năm {year}", theme=f"{THEME} năm {year}", motto=MOTTO,
            contents=REGULAR_CONTENTS, period_kind="calendar_year", start_year=year, end_year=year,
            targets=f"Hoàn thành và hoàn thành vượt mức các chỉ tiêu phát triển kinh tế – xã hội năm {year} được "
                    "HĐND tỉnh thông qua.")
        movements.launch_movement(self.officer, movement, launched_on=launched_on)
        movements.add_movement_document(
            self.officer, movement, upload=pdf_upload("ke-hoach-thi-dua.pdf"),
            title=f"Kế hoạch số {self.rng.randint(20, 45)}/KH-UBND ngày {launched_on:%d/%m/%Y} của UBND tỉnh phát "
                  f"động phong trào thi đua yêu nước năm {year}")
        return movement

    def thematic_nominees(self, dossier) -> None:
        from tdkt.awards.models import AwardType
        from tdkt.demo.dossiers import state_ground
        from tdkt.dossiers import services

        merit = AwardType.objects.get(code="BK_TINH")
        for unit in sorted(self.rng.sample(self.communes, min(3, len(self.communes))), key=lambda u: u.sort_key):
            nominee = services.add_nominee(
                self.officer, dossier, award_type=merit, subject_kind="collective", recipient_unit=unit,
                achievement=f"Thành tích xuất sắc trong phong trào “{POVERTY_MOVEMENT}” giai đoạn 2021–{self.year}: "
                            f"tỷ lệ hộ nghèo giảm còn {self.rng.uniform(0.8, 2.2):.1f}%".replace(".", ",")
                            + f", hỗ trợ xây mới {self.rng.randint(8, 30)} nhà cho hộ nghèo")
            if nominee.verdict_eligible is False:
                state_ground(self.officer, nominee, f"Báo cáo sơ kết phong trào “{POVERTY_MOVEMENT}” của {unit.name}; "
                                                    "xác nhận kết quả giảm nghèo của UBND huyện")

    def key_tasks(self) -> int:
        from tdkt.emulation.services import movements

        unit = self.syt_clerk.profile.unit
        for year, statuses in ((self.year, ["done"] * 8 + ["not_done", "done"]),
                               (self.current, ["in_progress", "done", "in_progress", "done", "done", "in_progress",
                                               "in_progress", "done", "planned", "in_progress"])):
            self.at(dt.date(year, 3, 10))
            saved = movements.save_key_tasks(self.syt_clerk, unit, year, [
                {"title": title, "is_flagship": flagship} for title, flagship in HEALTH_TASKS])
            self.at(dt.date(year, 12, 20) if year == self.year else self.today - dt.timedelta(days=2))
            for task, status in zip(saved, statuses):
                if status != "planned":
                    movements.set_key_task_status(self.syt_clerk, task, status=status,
                                                  note="Đã hoàn thành theo kế hoạch" if status == "done" else "")
        return len(HEALTH_TASKS)


def seed(year: int, seed: int = 2026, password: str = "", out=sys.stdout) -> dict:
    """Seed the demo's emulation data (idempotent: nothing is done when blocks exist)."""
    from tdkt.emulation.models import Block
    from tdkt.emulation.services.covenants import fulfilment

    if Block.objects.exists():
        return {"blocks": Block.objects.count(), "created": 0}
    started = time.perf_counter()
    if not password:
        password = make_password(DEMO_PASSWORD)
    s = Seeder(year, seed, password)
    specs = s.block_specs()
    try:
        with transaction.atomic():
            for _name, _, units, _, _ in specs:
                for unit in units:
                    s.clerk(unit)
            blocks, dossier = s.closed_year(specs)
            copies = s.current_year(blocks)
            cluster = next((units for name, _, units, _, _ in specs if name == CLUSTER), None)
            communes = cluster or ([s.demo_commune] if s.demo_commune else []) + [
                c for c in s.communes if c != s.demo_commune][:CLUSTER_SIZE - 1]
            covenant = s.province_covenant(communes, bool(cluster)) if communes else None
            vh_xh = next((b for b in copies if b.name == COVENANT_BLOCK), None)
            block_covenant = s.block_covenant(vh_xh) if vh_xh is not None else None
            members = {u.pk for _, _, units, _, _ in specs for u in units}
            registered = (s.registrations(year, members, 0.9), s.registrations(year + 1, members, 0.75))
            made = s.movements()
            s.key_tasks()
    finally:
        clock.reset()
    demo = ""
    if covenant is not None and s.demo_commune in communes:
        tally = next(t for p, t in fulfilment(covenant)["parties"] if p.unit_id == s.demo_commune.pk)
        demo = f" ({s.demo_commune.name}: {tally.label})"
    print(f"  Thi đua năm {year}: {len(blocks)} khối, cụm đã chấm điểm, xếp hạng, bỏ phiếu"
          + (f"; hồ sơ {dossier.code} đề nghị Cờ thi đua và Bằng khen" if dossier else "")
          + f". Năm {year + 1}: {len(copies)} khối, cụm đang chấm điểm (hạn tự chấm {s.self_deadline:%d/%m/%Y}).",
          file=out)
    covenants = sum(c is not None for c in (covenant, block_covenant))
    print(f"  Giao ước, đăng ký, phong trào: {covenants} giao ước{demo}; {registered[0]} + {registered[1]} "
          f"bản đăng ký thi đua; {len(made)} phong trào; {s.made_clerks} tài khoản văn thư đơn vị thành viên "
          f"(vanthu.<mã đơn vị>) ({time.perf_counter() - started:.1f} giây).", file=out)
    return {"blocks": len(blocks) + len(copies), "created": len(blocks) + len(copies),
            "dossier": dossier.code if dossier else ""}
