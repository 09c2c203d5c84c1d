"""The plan's decisions: who signs for each issuer over the years, the decision batches every award
belongs to, and their dates, numbers and texts. Mixed into the Planner (planner.py)."""
from __future__ import annotations

import bisect

from .. import names
from .specs import HISTORY_LAST_YEAR, Batch, D, date_between, working_day

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


class DecisionsPlanner:
    """Signers, decision batches and the issuers behind them."""

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
            terms = [first] + sorted(date_between(rng, D(2018, 1, 1), D(2024, 12, 31))
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
        index = self.batch_by_key.get(key)
        if index is None:
            index = self.batch_by_key[key] = len(self.plan.batches)
            self.plan.batches.append(Batch(issuer, year, name, proposer))
        return index

    def grassroots(self, u: int, year: int) -> int:
        """The issuer whose head confers this unit's grassroots titles in that year."""
        units = self.plan.units
        while units[u].issuer is None:
            spec = units[u]
            u = spec.former_parent if spec.former_parent is not None and year < HISTORY_LAST_YEAR else spec.parent
        return units[u].issuer

    def collective_issuer(self, u: int, year: int) -> int:
        spec = self.plan.units[u]
        parent = spec.former_parent if spec.former_parent is not None and year < HISTORY_LAST_YEAR else spec.parent
        if parent == self.province:
            return self.plan.units[self.province].issuer
        return self.grassroots(parent, year)

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
            b.signed_on = working_day(date_between(rng, start, end), start, end)
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
