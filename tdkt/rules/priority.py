"""Priority among candidates who meet the same conditions (quotas, a council's shortlist):
those who directly work and produce come first (Luật TĐKT 2022 Điều 5), then, among equals, women
or collectives of which at least 70% are women (NĐ 152/2025/NĐ-CP Điều 4, R6)."""
from __future__ import annotations

from .case import Members, Subject

WOMEN_SHARE = 0.7


def favoured_woman(subject: Subject, members: Members | None = None) -> bool:
    if subject.kind == "collective":
        return bool(members and members.women is not None and members.women / members.total >= WOMEN_SHARE)
    return subject.gender == "female"


def priority_key(subject: Subject, members: Members | None = None) -> tuple[int, int]:
    """Sort key (ascending = first): direct workers, then women (R6)."""
    return (0 if subject.direct_worker else 1, 0 if favoured_woman(subject, members) else 1)
