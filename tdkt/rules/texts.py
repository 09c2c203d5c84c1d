"""The legal texts each period rests on, and how a rule cites them.

A rule set cites only the texts in force in its own period (shared/domain/legal-rules.md §1.1,
"Citations follow the period"): NĐ 98/2023/NĐ-CP until 30/06/2025, NĐ 152/2025/NĐ-CP from
01/07/2025, Luật 06/2026/QH16 from 01/10/2026. Where the fact sheet gives the article of a decree,
`Decree.cite` names it; where it does not (most of NĐ 98's articles), the citation names the decree
and says the article is to be verified, and reports it as unconfirmed. Confirming an article is one
entry in `articles`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

LAW_2022 = "Luật TĐKT 2022"
LAW_2022_CODE = "Luật 06/2022/QH15"
LAW_2026_CODE = "Luật 06/2026/QH16"
LAW_2026_IN_FORCE = dt.date(2026, 10, 1)
# The amending law's summary was read (NQ 31/2026/QH16), its article text was not: every rule that
# rests on it is reported as unverified and cited without an article number.
LAW_2026 = f"{LAW_2026_CODE} (hiệu lực 01/10/2026; điều khoản chưa đối chiếu văn bản)"
UNVERIFIED_ARTICLE = "số điều cần xác minh"


@dataclass(frozen=True)
class Decree:
    code: str
    valid_from: dt.date
    valid_to: dt.date | None
    # topic -> article ("Điều 4"); a topic missing here has no verified article in this decree
    articles: Mapping[str, str] = field(default_factory=dict)

    def cite(self, topic: str, detail: str = "") -> tuple[str, bool]:
        """(citation, unconfirmed) for `topic`; `detail` is appended ("(R4)")."""
        article = self.articles.get(topic)
        tail = f" {detail}" if detail else ""
        if article:
            return f"{self.code} {article}{tail}", False
        return f"{self.code} ({UNVERIFIED_ARTICLE}){tail}", True

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


# Articles from legal-rules.md: NĐ 98 Điều 3 khoản 1 (state-level forms), Điều 30 khoản 7 (council
# votes), Điều 46 khoản 2 (public comment on orders and state honorary titles); NĐ 152 Điều 3, 4
# (principles R1–R7), 9 (quá trình cống hiến), 21 (its post thresholds), 49–54 (prize money).
ND98 = Decree("NĐ 98/2023/NĐ-CP", dt.date(2024, 1, 1), dt.date(2025, 6, 30), MappingProxyType({
    "state_forms": "Điều 3 khoản 1",
    "vote": "Điều 30 khoản 7",
    "disclosure_state": "Điều 46 khoản 2",
}))
ND152 = Decree("NĐ 152/2025/NĐ-CP", dt.date(2025, 7, 1), None, MappingProxyType({
    "state_forms": "Điều 3",
    "principles": "Điều 4",
    "career": "Điều 9",
    "career_years": "Điều 21",
    "money": "Điều 49–54",
    "money_rounding": "Điều 49",
}))
DECREES = (ND98, ND152)


def decree_on(day: dt.date) -> Decree | None:
    for decree in DECREES:
        if decree.in_force_on(day):
            return decree
    return None
