"""The plan's units: the province, its departments and their divisions, public-service units, mass
organisations, enterprises, communes and their schools, the issuers of decisions, and the mergers of
1/7/2025. Mixed into the Planner (planner.py)."""
from __future__ import annotations

from tdkt.core.text import fold

from .. import catalogue as cat, names
from .specs import BEFORE_MERGER, HISTORY_FIRST_YEAR, HISTORY_LAST_YEAR, MERGER_DATE, Issuer, UnitSpec


def _initials(words: str) -> str:
    return "".join(w[0] for w in words.replace("–", " ").split() if w[0].isalpha()).upper()


class UnitsPlanner:
    """Units and issuers, drawn first."""

    def scaled(self, count: int, minimum: int = 1) -> int:
        return max(minimum, round(count * self.scale))

    def _add_unit(self, spec: UnitSpec) -> int:
        assert spec.code not in self.unit_by_code, spec.code
        self.unit_by_code[spec.code] = len(self.plan.units)
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
        communes = names.place_names(rng, self.scaled(cat.COMMUNES, 4), place_pool)
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
        dept_codes = {code for code, *_ in cat.DEPARTMENTS}
        for code, name, abbr, head, signer, weight, extra in cat.DEPARTMENTS:
            self._department(code, name, abbr, head, signer, weight, extra, first_year=HISTORY_FIRST_YEAR)
        for sources, code, name, abbr, signer in cat.MERGERS:
            if code not in dept_codes:
                extra = []
                for src in sources:
                    extra += next(row[6] for row in cat.DEPARTMENTS if row[0] == src)
                self._department(code, name, abbr, "Giám đốc", signer, 0, extra, first_year=HISTORY_LAST_YEAR)

        # Public-service units under the departments (scaled down for small plans).
        groups: dict[str, list] = {}
        for row in cat.PUBLIC_SERVICE:
            groups.setdefault(row[0], []).append(row)
        for parent_code, rows in groups.items():
            for parent_code, suffix, kind, profile, name, head, weight in rows[:self.scaled(len(rows))]:
                parent = self.unit_by_code[parent_code]
                self._add_unit(UnitSpec(name, f"{parent_code}-{suffix}", kind, profile, parent, head=head,
                                        weight=weight, address=self._address()))
        syt, sgd = self.unit_by_code["SYT"], self.unit_by_code["SGDDT"]
        regions = names.place_names(rng, self.scaled(cat.REGIONAL_HEALTH_CENTRES), place_pool)
        for i, region in enumerate(regions, 1):
            self._add_unit(UnitSpec(f"Trung tâm Y tế khu vực {region}", f"SYT-TTYT{i:02d}", "hospital", "hospital",
                                    syt, head="Giám đốc", weight=rng.randint(140, 260), address=self._address()))
        namesakes = list(names.SCHOOL_NAMESAKES)
        rng.shuffle(namesakes)
        for i in range(self.scaled(cat.UPPER_SECONDARY)):
            label = ("chuyên " if i == 0 else "") + namesakes[i % len(namesakes)]
            self._add_unit(UnitSpec(f"Trường THPT {label}", f"SGDDT-THPT{i + 1:02d}", "school", "school", sgd,
                                    head="Hiệu trưởng", weight=rng.randint(55, 90), address=self._address()))
        for i, region in enumerate(regions[:self.scaled(cat.CONTINUING_EDUCATION)], 1):
            self._add_unit(UnitSpec(f"Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên khu vực {region}",
                                    f"SGDDT-GDTX{i:02d}", "school", "school", sgd, head="Giám đốc",
                                    weight=rng.randint(20, 40), address=self._address()))

        # Units directly under the province, mass organisations, enterprises.
        provincial = cat.PROVINCIAL_UNITS[:self.scaled(len(cat.PROVINCIAL_UNITS))]
        for code, kind, profile, name, head, abbr, weight in provincial:
            u = self._add_unit(UnitSpec(name, code, kind, profile, province, head=head, weight=weight,
                                        address=self._address()))
            self._unit_issuer(u, abbr, f"{head} {name}")
        for code, name, head, signer, abbr, weight in cat.ASSOCIATIONS:
            u = self._add_unit(UnitSpec(name, code, "association", "association", province, head=head,
                                        weight=weight, address=self._address()))
            self._unit_issuer(u, abbr, signer, deputy_title="Phó " + signer)
        enterprises = list(cat.STATE_ENTERPRISES[:self.scaled(len(cat.STATE_ENTERPRISES))])
        brands = [(t, b) for t in names.ENTERPRISE_TRADES for b in names.ENTERPRISE_BRANDS]
        rng.shuffle(brands)
        for i, (trade, brand) in enumerate(brands[:self.scaled(cat.PRIVATE_ENTERPRISES)], 1):
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
                          **({"first": MERGER_DATE} if first_year == HISTORY_LAST_YEAR else {}))

    def _apply_mergers(self) -> None:
        units = self.plan.units
        for sources, succ_code, *_ in cat.MERGERS:
            succ = self.unit_by_code[succ_code]
            for src_code in sources:
                src = self.unit_by_code[src_code]
                units[src].merged_into, units[src].merged_on = succ, MERGER_DATE
                units[src].last_year = HISTORY_LAST_YEAR - 1
                self.plan.issuers[units[src].issuer].last = BEFORE_MERGER
                for child in units:
                    if child.parent != src:
                        continue
                    if child.kind == "division":
                        target = self.unit_by_code.get(f"{succ_code}-{child.suffix}")
                        if target is None:
                            target = self._add_unit(UnitSpec(child.name, f"{succ_code}-{child.suffix}", "division",
                                                             "office", succ, head=child.head,
                                                             first_year=HISTORY_LAST_YEAR, suffix=child.suffix))
                        child.merged_into, child.merged_on, child.last_year = target, MERGER_DATE, HISTORY_LAST_YEAR - 1
                    else:  # a public-service unit follows its department into the successor
                        child.former_parent, child.parent = src, succ
