"""The plan's history over HISTORY_YEARS (2016–2025): a rating per person and unit per year and the
awards that follow from them, drawn together from one random stream (a rating decides the year's
titles), then the households' awards. Mixed into the Planner (planner.py)."""
from __future__ import annotations

from .. import catalogue as cat, names
from .specs import (
    COLLECTIVE,
    COMPLETED,
    EXCELLENT,
    GOOD,
    HISTORY_LAST_YEAR,
    HISTORY_YEARS,
    HOUSEHOLD,
    INDIVIDUAL,
    NOT_COMPLETED,
    D,
)


class HistoryPlanner:
    """Ratings, awards and initiatives of people, units and households."""

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
            for y, u in zip(HISTORY_YEARS, p.year_units):
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
            for y, u in zip(HISTORY_YEARS, p.year_units):
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
                        if y - 3 in tinh_years and y < HISTORY_LAST_YEAR and rng.random() < 0.15:
                            initiatives.append((self._initiative_title(u), u, "national", y, None, (i,)))
                            awards.append(("CSTD_TQ", INDIVIDUAL, i, None, None, u, y,
                                           self.batch(self.prime_minister, y, "CSTD_TQ")))
                    elif rng.random() < 0.3:
                        initiatives.append((self._initiative_title(u), u, "province", y,
                                            self.batch(province_issuer, y, "SK_TINH"), (i,)))
                # Provincial Bằng khen: 2 consecutive CSTĐ cơ sở with 2 initiatives (Điều 74), or a leader's or
                # an outstanding year.
                two_cs = cs and (y - 1) in cs_years and y - 1 > bk_used
                if i not in due_bk or y < HISTORY_LAST_YEAR:
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
                if (y < HISTORY_LAST_YEAR and any(b <= y - 5 for b in bk_years)
                        and not any(t > y - 5 for t in ttg_years)):
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
            for y in HISTORY_YEARS:
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
                if y < HISTORY_LAST_YEAR and top:
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
                for y in HISTORY_YEARS:
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
