"""The plan's people: who works where, in which post, with which employment history after the
mergers, and the few disciplined. Mixed into the Planner (planner.py)."""
from __future__ import annotations

import datetime
import itertools

from .. import names
from .specs import (
    BEFORE_MERGER,
    HISTORY_FIRST_YEAR,
    HISTORY_LAST_YEAR,
    HISTORY_YEARS,
    MERGER_DATE,
    D,
    PersonSpec,
    date_between,
)

# Targets for the shares of the whole staff.
LEADER_SHARE, DIRECT_SHARE, FEMALE_SHARE = 0.12, 0.35, 0.55
NATIONAL_ID_SHARE = 0.92
DISCIPLINE_SHARE = 0.005

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


class PeoplePlanner:
    """People, their employment histories and disciplines."""

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
            starts = sorted(date_between(rng, earliest, latest) for _ in range(count - 1))
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
            p.year_units = [self.unit_on(p, y) for y in HISTORY_YEARS]

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
    def unit_on(p: PersonSpec, year: int):
        if p.hired_on > D(year, 6, 30):
            return None
        day = D(year, 12, 31)
        for unit, _, start, end in p.periods:
            if start <= day and (end is None or end >= day):
                return unit
        return None

    def build_disciplines(self) -> dict[int, tuple]:
        rng, people = self.rng, self.plan.people
        candidates = [i for i, p in enumerate(people) if p.hired_on <= D(2024, 6, 30)]
        chosen = sorted(rng.sample(candidates, min(len(candidates), max(1, round(DISCIPLINE_SHARE * len(people))))))
        out = {}
        for i in chosen:
            p = people[i]
            year = rng.randint(max(HISTORY_FIRST_YEAR, p.hired_on.year + 1), HISTORY_LAST_YEAR)
            start = date_between(rng, D(year, 1, 15), D(year, 11, 30))
            level = rng.choices(("reprimand", "warning", "demotion", "downgrade"), weights=(60, 30, 6, 4))[0]
            months = 12 if level == "reprimand" else 24
            end = start + datetime.timedelta(days=30 * months)
            unit = self.unit_on(p, year) or p.unit
            suffix = self.plan.issuers[self.grassroots(unit, year)].suffix
            number = f"{rng.randint(5, 400)}/{suffix}"
            self.plan.disciplines.append((i, level, start, end, number, rng.choice(names.DISCIPLINE_REASONS)))
            out[i] = (start, end)
        return out
