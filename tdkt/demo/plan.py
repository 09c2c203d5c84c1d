"""The generation plan: every unit, person, rating, award and decision of the demo province, as plain
Python data with no database ids.

`make_plan(people, seed)` draws everything from one `random.Random(seed)` in a fixed order, so the
same arguments give the same plan on any machine and database; `tdkt.demo.generator` only writes it.
Units, people, households and decisions are referred to by their index in the plan's lists.

How the history is drawn (years 2016–2025):
* each person has a hidden performance tier; a rating per year they worked (hired by 30 June);
  LĐTT when rated "good" or better and not under discipline; CSTĐ cơ sở for part of the
  "excellent" ones, each with an initiative recognised at unit scope;
* 3 consecutive CSTĐ cơ sở lead (often) to CSTĐ cấp tỉnh with a province-scope initiative; 2
  consecutive CSTĐ cơ sở with 2 initiatives lead (sometimes) to a provincial Bằng khen; a provincial
  Bằng khen then 5 good years with 3 CSTĐ cơ sở lead (sometimes) to a Prime Minister's Bằng khen;
  two CSTĐ cấp tỉnh three years apart lead (rarely) to CSTĐ toàn quốc;
* a few people are placed on purpose at the end of a chain with the award not yet given (CSTĐ cơ sở
  2023–2025 without CSTĐ cấp tỉnh; CSTĐ cơ sở 2024–2025 with 2 initiatives and no Bằng khen),
  so that eligibility screens have someone to find;
* units get a rating per year, TTLĐTT / TTLĐXS / Cờ thi đua / Bằng khen along the same lines;
* every award belongs to a decision batch: one decision per issuing authority and batch (a title
  and year, or a proposing unit's Bằng khen list), signed in December or January–March after the
  achievement year, numbered in signing order per issuer and year.
"""
from __future__ import annotations

import bisect
import datetime
import hashlib
import itertools
import random
from dataclasses import dataclass, field

from tdkt.core.text import fold

from . import catalogue as cat
from . import names

FIRST_YEAR, LAST_YEAR = 2016, 2025
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
MERGER_DATE = datetime.date.fromisoformat(cat.MERGER_DATE_ISO)
BEFORE_MERGER = MERGER_DATE - datetime.timedelta(days=1)
D = datetime.date

# Targets for the shares of the whole staff.
LEADER_SHARE, DIRECT_SHARE, FEMALE_SHARE = 0.12, 0.35, 0.55
NATIONAL_ID_SHARE = 0.92
DISCIPLINE_SHARE = 0.005

EXCELLENT, GOOD, COMPLETED, NOT_COMPLETED = "excellent", "good", "completed", "not_completed"
INDIVIDUAL, COLLECTIVE, HOUSEHOLD = "individual", "collective", "household"

# profile: (share of women, share of direct workers, employment kind, middle-manager posts,
#           other posts, direct workers' posts) — shares are scaled to the targets above.
PROFILES = {
    "province": (0.2, 0.0, "cadre", [], ["Ủy viên UBND tỉnh"], ["Ủy viên UBND tỉnh"]),
    "office": (0.45, 0.05, "civil_servant", ["Trưởng bộ phận", "Phó Trưởng phòng"],
               ["Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Kế toán", "Văn thư", "Cán sự"],
               ["Lái xe", "Thanh tra viên", "Kiểm soát viên"]),
    "commune": (0.4, 0.12, "civil_servant",
                ["Chánh Văn phòng HĐND và UBND", "Trưởng phòng Kinh tế", "Trưởng phòng Văn hóa – Xã hội",
                 "Chỉ huy trưởng Quân sự"],
                ["Công chức Văn phòng – Thống kê", "Công chức Tư pháp – Hộ tịch", "Công chức Tài chính – Kế toán",
                 "Công chức Văn hóa – Xã hội", "Công chức Địa chính – Xây dựng"],
                ["Công chức Địa chính – Nông nghiệp", "Cán bộ khuyến nông"]),
    "school": (0.75, 0.8, "public_employee", ["Tổ trưởng chuyên môn", "Tổ phó chuyên môn"],
               ["Nhân viên kế toán", "Nhân viên văn thư", "Nhân viên thư viện", "Nhân viên y tế học đường",
                "Nhân viên thiết bị"],
               ["Giáo viên"]),
    "hospital": (0.62, 0.7, "public_employee", ["Trưởng khoa", "Phó Trưởng khoa", "Điều dưỡng trưởng",
                                                "Trưởng phòng"],
                 ["Nhân viên hành chính", "Kế toán", "Chuyên viên", "Dược sĩ"],
                 ["Bác sĩ", "Bác sĩ", "Điều dưỡng", "Điều dưỡng", "Điều dưỡng", "Kỹ thuật viên", "Hộ sinh",
                  "Y sĩ"]),
    "ps": (0.45, 0.3, "public_employee", ["Trưởng phòng", "Phó Trưởng phòng"],
           ["Viên chức", "Chuyên viên", "Kế toán", "Kỹ sư"],
           ["Kỹ thuật viên", "Nhân viên kỹ thuật", "Viên chức chuyên môn"]),
    "enterprise": (0.55, 0.8, "worker", ["Quản đốc", "Trưởng phòng", "Tổ trưởng sản xuất"],
                   ["Nhân viên kinh doanh", "Kế toán", "Thủ kho", "Nhân viên văn phòng"],
                   ["Công nhân", "Công nhân", "Công nhân", "Công nhân kỹ thuật", "Kỹ sư", "Lái xe"]),
    "association": (0.5, 0.0, "civil_servant", ["Trưởng ban", "Phó Trưởng ban"],
                    ["Chuyên viên", "Cán sự", "Kế toán"], ["Cán sự"]),
}
LEADER_KIND = {"province": "cadre", "commune": "cadre", "association": "cadre"}


@dataclass(slots=True)
class UnitSpec:
    name: str
    code: str
    kind: str
    profile: str
    parent: int | None
    head: str = ""                    # the head's post ("Giám đốc", "Hiệu trưởng")
    short_name: str = ""
    address: str = ""
    weight: float = 0.0               # relative staff size
    issuer: int | None = None         # the issuer whose head decides this unit's grassroots awards
    former_parent: int | None = None  # the parent before the 1/7/2025 reorganisation
    merged_into: int | None = None
    merged_on: datetime.date | None = None
    first_year: int = FIRST_YEAR
    last_year: int = LAST_YEAR
    suffix: str = ""                  # division suffix ("VP"), to pair old and new divisions

    def deputy(self) -> str:
        return "Phó " + self.head if self.head else ""


@dataclass(slots=True)
class Issuer:
    name: str
    unit: int | None
    authority: str
    suffix: str               # "QĐ-UBND", "QĐ-SYT"
    rate: float               # decisions per day, for plausible numbers
    title: str                # the head's title as signer
    deputy_title: str
    deputy_share: float
    first: datetime.date = D(2016, 1, 1)
    last: datetime.date = D(2026, 12, 31)
    terms: list = field(default_factory=list)      # [(from date, name)]
    deputies: list = field(default_factory=list)   # names


@dataclass(slots=True)
class PersonSpec:
    full_name: str
    gender: str
    ethnicity: str
    birth_date: datetime.date
    hired_on: datetime.date
    national_id: str
    unit: int
    rank: int = 0                 # 3 head, 2 deputy, 1 middle manager, 0 staff
    position: str = ""
    is_leader: bool = False
    is_direct_worker: bool = False
    employment_kind: str = ""
    periods: list = field(default_factory=list)    # [unit, post, start, end]
    year_units: list = field(default_factory=list)  # unit at 31/12 of each year rated, else None


@dataclass(slots=True)
class Batch:
    issuer: int
    year: int
    name: str
    proposer: int | None
    signed_on: datetime.date | None = None
    number: str = ""
    signer_name: str = ""
    signer_title: str = ""
    summary: str = ""
    achievement: str = ""
    kind: str = "regular"


@dataclass
class Plan:
    people_target: int
    seed: int
    province: int = 0
    units: list = field(default_factory=list)
    issuers: list = field(default_factory=list)
    people: list = field(default_factory=list)
    households: list = field(default_factory=list)     # (head name, address, commune)
    batches: list = field(default_factory=list)
    ratings: list = field(default_factory=list)        # (person, rated unit, unit, year, level)
    # (code, subject kind, person, recipient unit, household, unit, year, batch)
    awards: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)    # (title, unit, scope, year, batch or None, authors)
    disciplines: list = field(default_factory=list)    # (person, level, start, end, decision number, reason)

    def counts(self) -> dict:
        return {
            "units": len(self.units), "people": len(self.people),
            "employments": sum(len(p.periods) for p in self.people), "households": len(self.households),
            "decisions": len(self.batches), "ratings": len(self.ratings), "award_records": len(self.awards),
            "initiatives": len(self.initiatives), "disciplines": len(self.disciplines),
        }

    def digest(self) -> str:
        """A fingerprint of the plan: names, units, award codes and years, decision numbers."""
        h = hashlib.sha256()
        for u in self.units:
            h.update(f"{u.code}|{u.name}|{u.parent}|{u.merged_into}\n".encode())
        for p in self.people:
            h.update(f"{p.full_name}|{p.unit}|{p.national_id}|{p.periods}\n".encode())
        for a in self.awards:
            h.update(f"{a}\n".encode())
        for b in self.batches:
            h.update(f"{b.number}|{b.signed_on}|{b.signer_name}\n".encode())
        for r in self.ratings:
            h.update(f"{r}\n".encode())
        return h.hexdigest()


# --- Decision batches ------------------------------------------------------------------------------

GRASSROOTS = ((12, 10, 0), (1, 31, 1))
PROVINCIAL = ((1, 5, 1), (3, 31, 1))
CENTRAL = ((1, 10, 1), (3, 31, 1))
DECEMBER = ((12, 1, 0), (12, 31, 0))
HCM = "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
NTM = f"phong trào thi đua “{names.PROVINCE} chung sức xây dựng nông thôn mới”"
YEAR_WORK = "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {y}"
FIVE_YEARS = ("Đã có thành tích xuất sắc trong công tác từ năm {y4} đến năm {y}, góp phần vào sự nghiệp "
              "xây dựng chủ nghĩa xã hội và bảo vệ Tổ quốc")
# batch name: (kind, signing window, summary, achievement)
BATCHES = {
    "DHTD": ("regular", GRASSROOTS, "Về việc công nhận danh hiệu “Lao động tiên tiến”, “Chiến sĩ thi đua cơ sở”, "
             "“Tập thể lao động tiên tiến” năm {y}", ""),
    "GK": ("regular", GRASSROOTS, "Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc "
           "trong thực hiện nhiệm vụ năm {y}", YEAR_WORK),
    "GK_HCM": ("thematic", GRASSROOTS, "Về việc tặng Giấy khen cho các cá nhân có thành tích xuất sắc trong "
               + HCM + " năm {y}", "Có thành tích xuất sắc trong " + HCM + " năm {y}"),
    "GK_GDVH": ("regular", DECEMBER, "Về việc tặng Giấy khen cho các hộ gia đình đạt danh hiệu “Gia đình văn hóa” "
                "3 năm liên tục ({y2}–{y})", "Đạt danh hiệu “Gia đình văn hóa” 3 năm liên tục ({y2}–{y})"),
    "GD_VAN_HOA": ("regular", DECEMBER, "Về việc công nhận danh hiệu “Gia đình văn hóa” năm {y}", ""),
    "SK": ("regular", ((10, 15, 0), (12, 5, 0)), "Về việc công nhận sáng kiến cấp cơ sở năm {y}", ""),
    "SK_TINH": ("regular", ((11, 15, 0), (12, 20, 0)),
                "Về việc công nhận phạm vi ảnh hưởng cấp tỉnh của sáng kiến năm {y}", ""),
    "BK_TINH": ("regular", PROVINCIAL, "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân "
                "thuộc {proposer} đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {y}", YEAR_WORK),
    "BK_COVID": ("thematic", DECEMBER, "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân có "
                 "thành tích xuất sắc trong công tác phòng, chống dịch COVID-19 năm {y}",
                 "Đã có thành tích xuất sắc trong công tác phòng, chống dịch COVID-19 năm {y}"),
    "BK_NTM": ("thematic", DECEMBER, "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân, "
               "hộ gia đình có thành tích xuất sắc trong " + NTM + " giai đoạn {y4}–{y}",
               "Có thành tích xuất sắc trong " + NTM + " giai đoạn {y4}–{y}"),
    "TTLDXS": ("regular", PROVINCIAL, "Về việc tặng danh hiệu “Tập thể lao động xuất sắc” năm {y}", ""),
    "CSTD_TINH": ("regular", PROVINCIAL, "Về việc tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh” năm {y}",
                  "Đạt danh hiệu “Chiến sĩ thi đua cơ sở” 3 năm liên tục ({y2}–{y}), có sáng kiến được công nhận "
                  "phạm vi ảnh hưởng cấp tỉnh"),
    "CO_TD_TINH": ("regular", PROVINCIAL, "Về việc tặng Cờ thi đua của UBND tỉnh năm {y}",
                   "Đơn vị dẫn đầu phong trào thi đua của khối thi đua năm {y}"),
    "XA_TIEU_BIEU": ("regular", PROVINCIAL, "Về việc công nhận danh hiệu “Xã, phường tiêu biểu” năm {y}", ""),
    "BK_TTG": ("regular", CENTRAL, "Về việc tặng Bằng khen của Thủ tướng Chính phủ", FIVE_YEARS),
    "CSTD_TQ": ("regular", CENTRAL, "Về việc tặng danh hiệu “Chiến sĩ thi đua toàn quốc”", ""),
    "CO_TD_CP": ("regular", CENTRAL, "Về việc tặng Cờ thi đua của Chính phủ",
                 "Đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác năm {y}, dẫn đầu phong trào thi đua"),
    "HCLD_3": ("regular", CENTRAL, "Về việc tặng thưởng Huân chương Lao động", FIVE_YEARS),
    "HCLD_3_CAREER": ("career", CENTRAL, "Về việc tặng thưởng Huân chương Lao động",
                      "Đã có quá trình cống hiến trong sự nghiệp xây dựng chủ nghĩa xã hội và bảo vệ Tổ quốc"),
}


def _date_between(rng: random.Random, a: datetime.date, b: datetime.date) -> datetime.date:
    return a + datetime.timedelta(days=rng.randint(0, max(0, (b - a).days)))


def _working_day(day: datetime.date, start: datetime.date, end: datetime.date) -> datetime.date:
    """The nearest working day within [start, end] (offices do not sign on weekends or 1 January)."""
    def off(d):
        return d.weekday() >= 5 or (d.month, d.day) == (1, 1)

    for step in ((-1, 1) if day.weekday() == 5 else (1, -1)):  # Saturday back to Friday, Sunday on to Monday
        d = day
        while off(d) and start <= d + datetime.timedelta(days=step) <= end:
            d += datetime.timedelta(days=step)
        if not off(d):
            return d
    return day


def _initials(words: str) -> str:
    return "".join(w[0] for w in words.replace("–", " ").split() if w[0].isalpha()).upper()


class Planner:
    """Builds a Plan step by step; every step draws from the same random stream, in order."""

    def __init__(self, people: int, seed: int):
        self.n = max(10, int(people))
        self.rng = random.Random(seed)
        self.plan = Plan(people_target=self.n, seed=seed)
        # Below 5,000 people the province is scaled down (fewer communes and public-service units).
        self.scale = min(1.0, self.n / 5000)
        self._batch_index: dict = {}
        self._codes: dict[str, int] = {}

    # -- units ------------------------------------------------------------------------------------

    def _scaled(self, count: int, minimum: int = 1) -> int:
        return max(minimum, round(count * self.scale))

    def _add_unit(self, spec: UnitSpec) -> int:
        assert spec.code not in self._codes, spec.code
        self._codes[spec.code] = len(self.plan.units)
        self.plan.units.append(spec)
        return len(self.plan.units) - 1

    def _add_issuer(self, issuer: Issuer) -> int:
        self.plan.issuers.append(issuer)
        return len(self.plan.issuers) - 1

    def _unit_issuer(self, u: int, abbr: str, title: str, authority: str = "unit_head", rate: float = 0.3,
                     deputy_title: str | None = None, **kw) -> None:
        spec = self.plan.units[u]
        deputy_title = deputy_title or ("Phó " + title)
        spec.issuer = self._add_issuer(Issuer(spec.name, u, authority, f"QĐ-{abbr}", rate, title, deputy_title,
                                              0.25, **kw))

    def _address(self) -> str:
        rng = self.rng
        return f"Số {rng.randint(1, 350)} đường {rng.choice(names.STREETS)}, {rng.choice(self._wards)}, " \
               f"tỉnh {names.PROVINCE}"

    def build_units(self) -> None:
        rng, P = self.rng, names.PROVINCE
        place_pool: set[str] = set()
        communes = names.place_names(rng, self._scaled(cat.COMMUNES, 4), place_pool)
        n_wards = max(1, round(len(communes) * cat.WARD_SHARE))
        commune_places = [("phường" if i < n_wards else "xã", name) for i, name in enumerate(communes)]
        self._wards = [f"phường {name}" for kind, name in commune_places if kind == "phường"]

        province = self._add_unit(UnitSpec(f"UBND tỉnh {P}", "TINH", "province", "province", None,
                                           head="Chủ tịch UBND tỉnh", short_name="UBND tỉnh",
                                           address=self._address()))
        self.province = province
        self.plan.units[province].issuer = self._add_issuer(Issuer(
            f"UBND tỉnh {P}", province, "province_chair", "QĐ-UBND", 8.0, "Chủ tịch UBND tỉnh",
            "Phó Chủ tịch UBND tỉnh", 0.6))
        self.prime_minister = self._add_issuer(Issuer("Thủ tướng Chính phủ", None, "prime_minister", "QĐ-TTg", 6.0,
                                                      "Thủ tướng Chính phủ", "Phó Thủ tướng Chính phủ", 0.9))
        self.president = self._add_issuer(Issuer("Chủ tịch nước", None, "president", "QĐ-CTN", 4.0,
                                                 "Chủ tịch nước", "Phó Chủ tịch nước", 0.3))

        # Departments and their divisions.
        merged_sources = {src for sources, *_ in cat.MERGERS for src in sources}
        dept_codes = {code for code, *_ in cat.DEPARTMENTS}
        for code, name, abbr, head, signer, weight, extra in cat.DEPARTMENTS:
            self._department(code, name, abbr, head, signer, weight, extra, first_year=FIRST_YEAR)
        for sources, code, name, abbr, signer in cat.MERGERS:
            if code not in dept_codes:
                extra = []
                for src in sources:
                    extra += next(row[6] for row in cat.DEPARTMENTS if row[0] == src)
                self._department(code, name, abbr, "Giám đốc", signer, 0, extra, first_year=LAST_YEAR)

        # Public-service units under the departments (scaled down for small plans).
        groups: dict[str, list] = {}
        for row in cat.PUBLIC_SERVICE:
            groups.setdefault(row[0], []).append(row)
        for parent_code, rows in groups.items():
            for parent_code, suffix, kind, profile, name, head, weight in rows[:self._scaled(len(rows))]:
                parent = self._codes[parent_code]
                self._add_unit(UnitSpec(name, f"{parent_code}-{suffix}", kind, profile, parent, head=head,
                                        weight=weight, address=self._address()))
        syt, sgd = self._codes["SYT"], self._codes["SGDDT"]
        regions = names.place_names(rng, self._scaled(cat.REGIONAL_HEALTH_CENTRES), place_pool)
        for i, region in enumerate(regions, 1):
            self._add_unit(UnitSpec(f"Trung tâm Y tế khu vực {region}", f"SYT-TTYT{i:02d}", "hospital", "hospital",
                                    syt, head="Giám đốc", weight=rng.randint(140, 260), address=self._address()))
        namesakes = list(names.SCHOOL_NAMESAKES)
        rng.shuffle(namesakes)
        for i in range(self._scaled(cat.UPPER_SECONDARY)):
            label = ("chuyên " if i == 0 else "") + namesakes[i % len(namesakes)]
            self._add_unit(UnitSpec(f"Trường THPT {label}", f"SGDDT-THPT{i + 1:02d}", "school", "school", sgd,
                                    head="Hiệu trưởng", weight=rng.randint(55, 90), address=self._address()))
        for i, region in enumerate(regions[:self._scaled(cat.CONTINUING_EDUCATION)], 1):
            self._add_unit(UnitSpec(f"Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên khu vực {region}",
                                    f"SGDDT-GDTX{i:02d}", "school", "school", sgd, head="Giám đốc",
                                    weight=rng.randint(20, 40), address=self._address()))

        # Units directly under the province, mass organisations, enterprises.
        provincial = cat.PROVINCIAL_UNITS[:self._scaled(len(cat.PROVINCIAL_UNITS))]
        for code, kind, profile, name, head, abbr, weight in provincial:
            u = self._add_unit(UnitSpec(name, code, kind, profile, province, head=head, weight=weight,
                                        address=self._address()))
            self._unit_issuer(u, abbr, f"{head} {name}")
        for code, name, head, signer, abbr, weight in cat.ASSOCIATIONS:
            u = self._add_unit(UnitSpec(name, code, "association", "association", province, head=head,
                                        weight=weight, address=self._address()))
            self._unit_issuer(u, abbr, signer, deputy_title="Phó " + signer)
        enterprises = list(cat.STATE_ENTERPRISES[:self._scaled(len(cat.STATE_ENTERPRISES))])
        brands = [(t, b) for t in names.ENTERPRISE_TRADES for b in names.ENTERPRISE_BRANDS]
        rng.shuffle(brands)
        for i, (trade, brand) in enumerate(brands[:self._scaled(cat.PRIVATE_ENTERPRISES)], 1):
            form = "Cổ phần" if rng.random() < 0.6 else "TNHH"
            head = "Tổng Giám đốc" if form == "Cổ phần" and rng.random() < 0.4 else "Giám đốc"
            enterprises.append((f"DN{i:03d}", f"Công ty {form} {trade} {brand}", head,
                                _initials(f"{trade} {brand}"), rng.randint(40, 300)))
        for code, name, head, abbr, weight in enterprises:
            u = self._add_unit(UnitSpec(name, code, "enterprise", "enterprise", province, head=head, weight=weight,
                                        address=self._address()))
            self._unit_issuer(u, abbr, f"{head} {name}")

        # Communes and the schools they run since 1/7/2025.
        for kind, name in commune_places:
            code = ("P-" if kind == "phường" else "X-") + fold(name).upper().replace(" ", "")
            u = self._add_unit(UnitSpec(f"UBND {kind} {name}", code, "commune", "commune", province,
                                        head=f"Chủ tịch UBND {kind}", weight=rng.randint(18, 32),
                                        address=f"{kind} {name}, tỉnh {P}"))
            self._unit_issuer(u, "UBND", f"Chủ tịch UBND {kind} {name}", authority="commune_chair", rate=0.45)
            for suffix, label, p, (lo, hi) in (("MN", "Mầm non", 0.3, (18, 30)), ("TH", "Tiểu học", 0.5, (25, 45)),
                                               ("THCS", "THCS", 0.6, (30, 50))):
                if rng.random() < p:
                    self._add_unit(UnitSpec(f"Trường {label} {name}", f"{code}-{suffix}", "school", "school", u,
                                            head="Hiệu trưởng", weight=rng.randint(lo, hi),
                                            address=f"{kind} {name}, tỉnh {P}"))
        self._apply_mergers()

    def _department(self, code, name, abbr, head, signer, weight, extra, first_year):
        rng = self.rng
        d = self._add_unit(UnitSpec(name, code, "department", "office", self.province, head=head, short_name=abbr,
                                    weight=weight, address=self._address(), first_year=first_year))
        divisions = list(cat.COMMON_DIVISIONS)
        if code in cat.NO_INSPECTORATE:
            divisions = [row for row in divisions if row[0] != "TTR"]
        for suffix, label in divisions + list(extra):
            div_head = {"VP": "Chánh Văn phòng", "TTR": "Chánh Thanh tra"}.get(suffix, "Trưởng phòng")
            if label.startswith("Ban "):
                div_head = "Trưởng ban"
            elif label.startswith("Tòa "):
                div_head = "Chánh tòa"
            self._add_unit(UnitSpec(label, f"{code}-{suffix}", "division", "office", d, head=div_head,
                                    weight=0 if not weight else rng.randint(6, 14) * (1.6 if weight >= 10 else 1),
                                    first_year=first_year, suffix=suffix))
        self._unit_issuer(d, abbr, signer, rate=0.7, deputy_title="Phó " + signer,
                          **({"first": MERGER_DATE} if first_year == LAST_YEAR else {}))

    def _apply_mergers(self) -> None:
        units = self.plan.units
        for sources, succ_code, *_ in cat.MERGERS:
            succ = self._codes[succ_code]
            for src_code in sources:
                src = self._codes[src_code]
                units[src].merged_into, units[src].merged_on, units[src].last_year = succ, MERGER_DATE, LAST_YEAR - 1
                self.plan.issuers[units[src].issuer].last = BEFORE_MERGER
                for i, child in enumerate(units):
                    if child.parent != src:
                        continue
                    if child.kind == "division":
                        target = self._codes.get(f"{succ_code}-{child.suffix}")
                        if target is None:
                            target = self._add_unit(UnitSpec(child.name, f"{succ_code}-{child.suffix}", "division",
                                                             "office", succ, head=child.head,
                                                             first_year=LAST_YEAR, suffix=child.suffix))
                        child.merged_into, child.merged_on, child.last_year = target, MERGER_DATE, LAST_YEAR - 1
                    else:  # a public-service unit follows its department into the successor
                        child.former_parent, child.parent = src, succ

    # -- people -----------------------------------------------------------------------------------

    def build_people(self) -> None:
        rng, units, n = self.rng, self.plan.units, self.n
        fixed = min(4, max(1, n // 500))
        alloc = [i for i, u in enumerate(units) if u.weight > 0]
        cum = list(itertools.accumulate(units[i].weight for i in alloc))
        chosen = [self.province] * fixed + rng.choices(alloc, cum_weights=cum, k=n - fixed)
        by_unit: dict[int, list[int]] = {}
        for i, u in enumerate(chosen):
            by_unit.setdefault(u, []).append(i)
        ranks = [0] * n
        for u, members in by_unit.items():
            size = len(members)
            if u == self.province or size >= 3:
                ranks[members[0]] = 3
            deputies = size if u == self.province else (size >= 8) + (size >= 25) + (size >= 60)
            for i in members[1:1 + deputies]:
                ranks[i] = 2
        top = sum(1 for r in ranks if r)
        p_mid = max(0.0, (LEADER_SHARE * n - top) / max(1, n - top))
        ranks = [r if r else (1 if rng.random() < p_mid else 0) for r in ranks]
        # Scale the profiles' shares so the whole staff lands on the targets.
        prof = [PROFILES[units[u].profile] for u in chosen]
        f_female = FEMALE_SHARE * n / sum(p[0] for p in prof)
        f_direct = DIRECT_SHARE * n / max(1e-9, sum(p[1] for p, r in zip(prof, ranks) if not r))
        national_ids: set[str] = set()
        people = self.plan.people
        for i, u in enumerate(chosen):
            p_female, p_direct, emp_kind, mid_posts, posts, direct_posts = prof[i]
            spec = units[u]
            rank = ranks[i]
            gender = "female" if rng.random() < min(0.95, p_female * f_female) else "male"
            if rank == 3 and rng.random() < 0.3:
                gender = "male"  # heads are still more often men
            ethnic = names.ethnicity(rng)
            full_name = names.full_name(rng, gender, ethnic)
            if rank >= 2:
                birth_year = round(rng.triangular(1964, 1982, 1971))
            else:
                birth_year = round(rng.triangular(1965, 2002, 1983))
            birth = D(birth_year, rng.randint(1, 12), rng.randint(1, 28))
            hired = birth + datetime.timedelta(days=365 * rng.randint(21, 29) + rng.randint(0, 364))
            hired = max(D(1986, 1, 1), min(hired, D(2025, 6, 15)))
            nid = ""
            if rng.random() < NATIONAL_ID_SHARE:
                while not nid or nid in national_ids:
                    region = names.PROVINCE_ID_CODE if rng.random() < 0.8 else rng.choice(names.OTHER_ID_CODES)
                    century = (0 if birth_year < 2000 else 2) + (gender == "female")
                    nid = f"{region}{century}{birth_year % 100:02d}{rng.randint(0, 999999):06d}"
                national_ids.add(nid)
            direct = rank == 0 and rng.random() < min(0.97, p_direct * f_direct)
            if rank == 3:
                position = spec.head
            elif rank == 2:
                position = spec.deputy() if u != self.province else "Phó Chủ tịch UBND tỉnh"
            elif rank == 1:
                position = rng.choice(mid_posts or posts)
            else:
                position = rng.choice(direct_posts if direct else posts)
            kind = LEADER_KIND.get(spec.profile, emp_kind) if rank >= 2 else emp_kind
            people.append(PersonSpec(full_name, gender, ethnic, birth, hired, nid, u, rank, position, rank > 0,
                                     direct, kind))
        self._employment_histories(alloc)

    def _employment_histories(self, alloc: list[int]) -> None:
        rng, units = self.rng, self.plan.units
        by_profile: dict[str, list[int]] = {}
        for u in alloc:
            by_profile.setdefault(units[u].profile, []).append(u)
        for p in self.plan.people:
            u = p.unit
            merged = units[u].merged_into is not None
            if p.hired_on.year <= 2020:
                count = rng.choices((1, 2, 3), weights=(55, 33, 12))[0]
            else:
                count = rng.choices((1, 2), weights=(80, 20))[0]
            count = min(count, 2) if merged else count
            earliest, latest = p.hired_on + datetime.timedelta(days=365), D(2025, 5, 31)
            if earliest >= latest:
                count = 1
            starts = sorted(_date_between(rng, earliest, latest) for _ in range(count - 1))
            starts = [p.hired_on] + [s for k, s in enumerate(starts) if k == 0 or s != starts[k - 1]]
            previous = []
            for _ in starts[:-1]:
                pool = by_profile.get(units[u].profile, alloc) if rng.random() < 0.6 else alloc
                other = rng.choice(pool)
                while other == u and len(pool) > 1:
                    other = rng.choice(pool)
                previous.append(other)
            _, _, _, _, posts, direct_posts = PROFILES[units[u].profile]
            periods = []
            for k, start in enumerate(starts):
                unit = previous[k] if k < len(previous) else u
                if unit == u:
                    post = p.position
                else:
                    _, _, _, _, other_posts, other_direct = PROFILES[units[unit].profile]
                    post = rng.choice(other_direct if p.is_direct_worker else other_posts)
                end = starts[k + 1] - datetime.timedelta(days=1) if k + 1 < len(starts) else None
                periods.append([unit, post, start, end])
            if merged:
                periods[-1][3] = BEFORE_MERGER
                periods.append([units[u].merged_into, p.position, MERGER_DATE, None])
                p.unit = units[u].merged_into
            p.periods = periods
        self._posts_after_mergers()
        for p in self.plan.people:
            p.year_units = [self._unit_on(p, y) for y in YEARS]

    def _posts_after_mergers(self) -> None:
        """Heads of merged units become the successor's head if it has none, deputies otherwise."""
        units = self.plan.units
        has_head = {p.unit for p in self.plan.people if p.rank == 3 and p.periods[-1][2] < MERGER_DATE}
        for p in self.plan.people:
            if p.periods[-1][2] != MERGER_DATE or p.rank < 2:
                continue
            succ = units[p.unit]
            if p.rank == 3 and p.unit not in has_head:
                has_head.add(p.unit)
                p.position = succ.head
            else:
                p.rank, p.position = 2, succ.deputy()
            p.periods[-1][1] = p.position

    @staticmethod
    def _unit_on(p: PersonSpec, year: int):
        if p.hired_on > D(year, 6, 30):
            return None
        day = D(year, 12, 31)
        for unit, _, start, end in p.periods:
            if start <= day and (end is None or end >= day):
                return unit
        return None

    # -- issuers' signers -------------------------------------------------------------------------

    def build_signers(self) -> None:
        rng = self.rng
        heads, deputies = {}, {}
        for p in self.plan.people:
            if p.rank == 3:
                heads.setdefault(p.unit, p.full_name)
            elif p.rank == 2:
                deputies.setdefault(p.unit, []).append(p.full_name)
        for issuer in self.plan.issuers:
            first = max(issuer.first, D(2016, 1, 1))
            terms = [first] + sorted(_date_between(rng, D(2018, 1, 1), D(2024, 12, 31))
                                     for _ in range(rng.randint(1, 2)))
            terms = [t for t in terms if first <= t <= issuer.last]
            issuer.terms = [(t, names.full_name(rng, rng.choice(("male", "male", "female")))) for t in terms]
            if issuer.unit is not None and issuer.unit in heads and issuer.last > D(2026, 1, 1):
                issuer.terms[-1] = (issuer.terms[-1][0], heads[issuer.unit])
            issuer.deputies = (deputies.get(issuer.unit, [])[:3]
                               or [names.full_name(rng, rng.choice(("male", "female"))) for _ in range(2)])

    # -- history of people ------------------------------------------------------------------------

    def batch(self, issuer: int, year: int, name: str, proposer: int | None = None) -> int:
        key = (issuer, year, name, proposer)
        index = self._batch_index.get(key)
        if index is None:
            index = self._batch_index[key] = len(self.plan.batches)
            self.plan.batches.append(Batch(issuer, year, name, proposer))
        return index

    def grassroots(self, u: int, year: int) -> int:
        """The issuer whose head confers this unit's grassroots titles in that year."""
        units = self.plan.units
        while units[u].issuer is None:
            spec = units[u]
            u = spec.former_parent if spec.former_parent is not None and year < LAST_YEAR else spec.parent
        return units[u].issuer

    def collective_issuer(self, u: int, year: int) -> int:
        spec = self.plan.units[u]
        parent = spec.former_parent if spec.former_parent is not None and year < LAST_YEAR else spec.parent
        if parent == self.province:
            return self.plan.units[self.province].issuer
        return self.grassroots(parent, year)

    def build_disciplines(self) -> dict[int, tuple]:
        rng, people = self.rng, self.plan.people
        candidates = [i for i, p in enumerate(people) if p.hired_on <= D(2024, 6, 30)]
        chosen = sorted(rng.sample(candidates, min(len(candidates), max(1, round(DISCIPLINE_SHARE * len(people))))))
        out = {}
        for i in chosen:
            p = people[i]
            year = rng.randint(max(FIRST_YEAR, p.hired_on.year + 1), LAST_YEAR)
            start = _date_between(rng, D(year, 1, 15), D(year, 11, 30))
            level = rng.choices(("reprimand", "warning", "demotion", "downgrade"), weights=(60, 30, 6, 4))[0]
            months = 12 if level == "reprimand" else 24
            end = start + datetime.timedelta(days=30 * months)
            unit = self._unit_on(p, year) or p.unit
            suffix = self.plan.issuers[self.grassroots(unit, year)].suffix
            number = f"{rng.randint(5, 400)}/{suffix}"
            self.plan.disciplines.append((i, level, start, end, number, rng.choice(names.DISCIPLINE_REASONS)))
            out[i] = (start, end)
        return out

    def _initiative_title(self, unit: int) -> str:
        profile = self.plan.units[unit].profile
        topics = names.INITIATIVE_TOPICS.get(profile if profile in names.INITIATIVE_TOPICS else "office")
        if profile == "ps":
            topics = names.INITIATIVE_TOPICS["office"]
        return self.rng.choice(names.INITIATIVE_FORMS).format(t=self.rng.choice(topics))

    def build_person_history(self) -> None:
        rng, plan = self.rng, self.plan
        people = plan.people
        disciplined = self.build_disciplines()
        eligible = [i for i, p in enumerate(people) if p.hired_on <= D(2021, 6, 30) and i not in disciplined]
        k = min(len(eligible) // 4, max(3, round(0.004 * len(people))))
        forced = rng.sample(eligible, 2 * k)
        due_tinh, due_bk = set(forced[:k]), set(forced[k:])
        stars = set(rng.sample(range(len(people)), max(1, round(0.0005 * len(people))))) - due_tinh - due_bk
        province_issuer = plan.units[self.province].issuer
        colleagues: dict[tuple, list[int]] = {}
        for i, p in enumerate(people):
            for y, u in zip(YEARS, p.year_units):
                if u is not None:
                    colleagues.setdefault((u, y), []).append(i)
        awards, ratings, initiatives = plan.awards, plan.ratings, plan.initiatives

        for i, p in enumerate(people):
            if i in stars:
                p_exc, p_cs = 0.97, 0.97
            else:
                tier = rng.random()
                p_exc, p_cs = (0.6, 0.7) if tier < 0.09 else (0.22, 0.5) if tier < 0.39 else (0.06, 0.35)
            if p.rank >= 1:
                p_exc = min(0.97, p_exc * 1.3)
            cs_run = 0
            cs_years, good_years, exc_years = set(), set(), set()
            tinh_years, bk_years, ttg_years = [], [], []
            bk_used = 0
            disc = disciplined.get(i)
            for y, u in zip(YEARS, p.year_units):
                if u is None:
                    cs_run = 0
                    continue
                under_discipline = disc is not None and disc[0] <= D(y, 12, 31) and disc[1] >= D(y, 1, 1)
                r = rng.random()
                if under_discipline:
                    level = COMPLETED if r < 0.7 else NOT_COMPLETED
                elif r < p_exc:
                    level = EXCELLENT
                else:
                    r = rng.random()
                    level = GOOD if r < 0.8 else COMPLETED if r < 0.985 else NOT_COMPLETED
                cs = level == EXCELLENT and rng.random() < p_cs
                if i in due_tinh and y >= 2022:
                    level, cs = (GOOD, False) if y == 2022 else (EXCELLENT, True)
                if i in due_bk and y >= 2023:
                    level, cs = (GOOD, False) if y == 2023 else (EXCELLENT, True)
                ratings.append((i, None, u, y, level))
                ldtt = level in (EXCELLENT, GOOD)
                if not ldtt:
                    cs_run = 0
                    continue
                good_years.add(y)
                if level == EXCELLENT:
                    exc_years.add(y)
                grassroots = self.grassroots(u, y)
                awards.append(("LDTT", INDIVIDUAL, i, None, None, u, y, self.batch(grassroots, y, "DHTD")))
                if cs:
                    cs_years.add(y)
                    cs_run += 1
                    awards.append(("CSTD_CS", INDIVIDUAL, i, None, None, u, y, self.batch(grassroots, y, "DHTD")))
                    authors = [i]
                    if rng.random() < 0.25:
                        pool = colleagues.get((u, y), [])
                        authors += [a for a in rng.sample(pool, min(len(pool), rng.randint(1, 2))) if a != i]
                    initiatives.append((self._initiative_title(u), u, "unit", y, self.batch(grassroots, y, "SK"),
                                        tuple(authors)))
                else:
                    cs_run = 0
                    if level == EXCELLENT and rng.random() < 0.05:
                        initiatives.append((self._initiative_title(u), u, "unit", y, self.batch(grassroots, y, "SK"),
                                            (i,)))
                bk = False
                # CSTĐ cấp tỉnh after 3 consecutive CSTĐ cơ sở (Luật TĐKT 2022 Điều 22).
                if cs and cs_run >= 3 and i not in due_tinh:
                    if rng.random() < (0.9 if i in stars else 0.55):
                        initiatives.append((self._initiative_title(u), u, "province", y,
                                            self.batch(province_issuer, y, "SK_TINH"), (i,)))
                        awards.append(("CSTD_TINH", INDIVIDUAL, i, None, None, u, y,
                                       self.batch(province_issuer, y, "CSTD_TINH")))
                        cs_run = 0
                        tinh_years.append(y)
                        if y - 3 in tinh_years and y < LAST_YEAR and rng.random() < 0.15:
                            initiatives.append((self._initiative_title(u), u, "national", y, None, (i,)))
                            awards.append(("CSTD_TQ", INDIVIDUAL, i, None, None, u, y,
                                           self.batch(self.prime_minister, y, "CSTD_TQ")))
                    elif rng.random() < 0.3:
                        initiatives.append((self._initiative_title(u), u, "province", y,
                                            self.batch(province_issuer, y, "SK_TINH"), (i,)))
                # Provincial Bằng khen: 2 consecutive CSTĐ cơ sở with 2 initiatives (Điều 74), or a leader's or
                # an outstanding year.
                two_cs = cs and (y - 1) in cs_years and y - 1 > bk_used
                if i not in due_bk or y < LAST_YEAR:
                    if two_cs and rng.random() < 0.3:
                        bk = True
                        bk_used = y
                    elif level == EXCELLENT and p.rank >= 1 and rng.random() < 0.03:
                        bk = True
                    elif rng.random() < 0.003:
                        bk = True
                if bk:
                    proposer = grassroots
                    awards.append(("BK_TINH", INDIVIDUAL, i, None, None, u, y,
                                   self.batch(province_issuer, y, "BK_TINH", proposer)))
                    bk_years.append(y)
                # Thematic campaigns: COVID-19 (health staff), new rural areas (commune staff).
                profile = plan.units[u].profile
                if y in (2020, 2021) and profile == "hospital" and rng.random() < 0.04:
                    awards.append(("BK_TINH", INDIVIDUAL, i, None, None, u, y,
                                   self.batch(province_issuer, y, "BK_COVID")))
                if y in (2020, 2025) and profile == "commune" and rng.random() < 0.05:
                    awards.append(("BK_TINH", INDIVIDUAL, i, None, None, u, y,
                                   self.batch(province_issuer, y, "BK_NTM")))
                # Giấy khen of the unit head: a share of the LĐTT that did not get a Bằng khen.
                if not bk and rng.random() < 0.14:
                    awards.append(("GK", INDIVIDUAL, i, None, None, u, y, self.batch(grassroots, y, "GK")))
                elif y in (2020, 2025) and rng.random() < 0.04:
                    awards.append(("GK", INDIVIDUAL, i, None, None, u, y, self.batch(grassroots, y, "GK_HCM")))
                # Prime Minister's Bằng khen: a provincial one, then 5 good years with 3 CSTĐ cơ sở (Điều 73).
                if y < LAST_YEAR and any(b <= y - 5 for b in bk_years) and not any(t > y - 5 for t in ttg_years):
                    window = range(y - 4, y + 1)
                    if (all(w in good_years for w in window) and sum(w in cs_years for w in window) >= 3
                            and rng.random() < 0.35):
                        awards.append(("BK_TTG", INDIVIDUAL, i, None, None, u, y,
                                       self.batch(self.prime_minister, y, "BK_TTG")))
                        ttg_years.append(y)
                # Labour Order 3rd class for a leader's career, at retirement age.
                if y == 2024 and p.rank >= 2 and p.birth_date.year <= 1965 and rng.random() < 0.25:
                    awards.append(("HCLD_3", INDIVIDUAL, i, None, None, u, y,
                                   self.batch(self.president, y, "HCLD_3_CAREER")))

    # -- history of units and households --------------------------------------------------------

    def build_unit_history(self) -> None:
        rng, plan = self.rng, self.plan
        province_issuer = plan.units[self.province].issuer
        awards, ratings = plan.awards, plan.ratings
        for u, spec in enumerate(plan.units):
            if u == self.province:
                continue
            p_exc = 0.5 if rng.random() < 0.25 else 0.22
            top = spec.parent == self.province
            xs_years, flag_years, ttg = set(), set(), False
            for y in YEARS:
                if not spec.first_year <= y <= spec.last_year:
                    continue
                r = rng.random()
                level = (EXCELLENT if r < p_exc else GOOD if r < p_exc + (1 - p_exc) * 0.85
                         else COMPLETED if r < 0.99 else NOT_COMPLETED)
                ratings.append((None, u, u, y, level))
                if level not in (EXCELLENT, GOOD):
                    continue
                issuer = self.collective_issuer(u, y)
                proposer = self.grassroots(u, y)
                if not top and rng.random() < 0.92:
                    awards.append(("TTLDTT", COLLECTIVE, None, u, None, u, y, self.batch(issuer, y, "DHTD")))
                if not top and rng.random() < 0.12:
                    awards.append(("GK", COLLECTIVE, None, u, None, u, y, self.batch(issuer, y, "GK")))
                if level == EXCELLENT and rng.random() < (0.75 if top else 0.45):
                    xs_years.add(y)
                    awards.append(("TTLDXS", COLLECTIVE, None, u, None, u, y,
                                   self.batch(province_issuer, y, "TTLDXS")))
                    if top and rng.random() < 0.22:
                        flag_years.add(y)
                        awards.append(("CO_TD_TINH", COLLECTIVE, None, u, None, u, y,
                                       self.batch(province_issuer, y, "CO_TD_TINH")))
                    if y - 1 in xs_years and rng.random() < 0.3:
                        awards.append(("BK_TINH", COLLECTIVE, None, u, None, u, y,
                                       self.batch(province_issuer, y, "BK_TINH", proposer)))
                if spec.kind == "commune" and level == EXCELLENT and rng.random() < 0.3:
                    awards.append(("XA_TIEU_BIEU", COLLECTIVE, None, u, None, u, y,
                                   self.batch(province_issuer, y, "XA_TIEU_BIEU")))
                if spec.profile == "hospital" and y in (2020, 2021) and rng.random() < 0.3:
                    awards.append(("BK_TINH", COLLECTIVE, None, u, None, u, y,
                                   self.batch(province_issuer, y, "BK_COVID")))
                if spec.kind == "commune" and y in (2020, 2025) and rng.random() < 0.2:
                    awards.append(("BK_TINH", COLLECTIVE, None, u, None, u, y,
                                   self.batch(province_issuer, y, "BK_NTM")))
                if y < LAST_YEAR and top:
                    if y in flag_years and y - 1 in flag_years and rng.random() < 0.4:
                        awards.append(("CO_TD_CP", COLLECTIVE, None, u, None, u, y,
                                       self.batch(self.prime_minister, y, "CO_TD_CP")))
                    if not ttg and all(w in xs_years for w in range(y - 4, y + 1)) and rng.random() < 0.25:
                        ttg = True
                        awards.append(("BK_TTG", COLLECTIVE, None, u, None, u, y,
                                       self.batch(self.prime_minister, y, "BK_TTG")))
                    elif ttg and sum(w in flag_years for w in range(y - 4, y + 1)) >= 2 and rng.random() < 0.3:
                        ttg = False
                        awards.append(("HCLD_3", COLLECTIVE, None, u, None, u, y,
                                       self.batch(self.president, y, "HCLD_3")))

    def build_households(self) -> None:
        rng, plan = self.rng, self.plan
        province_issuer = plan.units[self.province].issuer
        per_commune = cat.HOUSEHOLDS_PER_COMMUNE if self.scale >= 1 else max(2, round(cat.HOUSEHOLDS_PER_COMMUNE
                                                                                       * self.scale * 2))
        for u, spec in enumerate(plan.units):
            if spec.kind != "commune" or spec.merged_into is not None:
                continue
            place = spec.address.split(",")[0]
            hamlet = "Tổ dân phố" if place.startswith("phường") else "Thôn"
            for _ in range(per_commune):
                h = len(plan.households)
                gender = "male" if rng.random() < 0.75 else "female"
                plan.households.append((names.full_name(rng, gender), f"{hamlet} {rng.randint(1, 12)}, {place}", u))
                issuer = spec.issuer
                run, gk_used = 0, 0
                for y in YEARS:
                    if rng.random() < 0.88:
                        run += 1
                        plan.awards.append(("GD_VAN_HOA", HOUSEHOLD, None, None, h, u, y,
                                            self.batch(issuer, y, "GD_VAN_HOA")))
                        if run >= 3 and y - 3 >= gk_used and rng.random() < 0.15:
                            gk_used = y
                            plan.awards.append(("GK", HOUSEHOLD, None, None, h, u, y,
                                                self.batch(issuer, y, "GK_GDVH")))
                    else:
                        run = 0
                    if y in (2020, 2025) and rng.random() < 0.02:
                        plan.awards.append(("BK_TINH", HOUSEHOLD, None, None, h, u, y,
                                            self.batch(province_issuer, y, "BK_NTM")))

    # -- decisions ----------------------------------------------------------------------------------

    def finish_batches(self) -> None:
        """Dates, numbers, signers and texts of every decision."""
        rng, plan = self.rng, self.plan
        for b in plan.batches:
            kind, ((m1, d1, o1), (m2, d2, o2)), summary, achievement = BATCHES[b.name]
            issuer = plan.issuers[b.issuer]
            start, end = D(b.year + o1, m1, d1), D(b.year + o2, m2, d2)
            start, end = max(start, issuer.first), min(end, issuer.last)
            if start > end:  # an issuer that ceased before its usual window signs on its last day
                start = end
            b.signed_on = _working_day(_date_between(rng, start, end), start, end)
            proposer = plan.issuers[b.proposer].name if b.proposer is not None else ""
            fmt = {"y": b.year, "y2": b.year - 2, "y4": b.year - 4, "proposer": proposer}
            b.kind, b.summary, b.achievement = kind, summary.format(**fmt), achievement.format(**fmt)
            starts = [t for t, _ in issuer.terms]
            head = issuer.terms[max(0, bisect.bisect_right(starts, b.signed_on) - 1)][1]
            if rng.random() < issuer.deputy_share:
                b.signer_name, b.signer_title = rng.choice(issuer.deputies), issuer.deputy_title
            else:
                b.signer_name, b.signer_title = head, issuer.title
        # Numbers run in signing order per issuer and calendar year, roughly `rate` a day.
        groups: dict[tuple, list[Batch]] = {}
        for b in plan.batches:
            groups.setdefault((b.issuer, b.signed_on.year), []).append(b)
        for (i, _), batches in groups.items():
            issuer = plan.issuers[i]
            last = 0
            for b in sorted(batches, key=lambda x: x.signed_on):
                day = b.signed_on.timetuple().tm_yday
                number = max(last + 1, int(day * issuer.rate) + rng.randint(0, max(1, int(issuer.rate * 2))))
                b.number = f"{number}/{issuer.suffix}"
                last = number


def make_plan(people: int, seed: int) -> Plan:
    """The whole plan for about `people` people; deterministic in (people, seed)."""
    planner = Planner(people, seed)
    planner.build_units()
    planner.build_people()
    planner.build_signers()
    planner.build_person_history()
    planner.build_unit_history()
    planner.build_households()
    planner.finish_batches()
    planner.plan.province = planner.province
    return planner.plan
