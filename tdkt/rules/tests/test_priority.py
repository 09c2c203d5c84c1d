"""Priority among equals: direct workers (Luật TĐKT 2022 Điều 5), then women or collectives with
≥ 70% women (NĐ 152/2025/NĐ-CP Điều 4, R6)."""
from tdkt.rules.case import Members, Subject
from tdkt.rules.priority import favoured_woman, priority_key


def test_direct_workers_then_women_come_first():
    man = Subject("individual", gender="male")
    woman = Subject("individual", gender="female")
    worker = Subject("individual", gender="male", direct_worker=True)
    woman_worker = Subject("individual", gender="female", direct_worker=True)
    ordered = sorted([man, woman, worker, woman_worker], key=priority_key)
    assert ordered == [woman_worker, worker, woman, man]


def test_a_collective_counts_as_women_from_70_percent():
    team = Subject("collective")
    assert favoured_woman(team, Members(total=10, women=7))
    assert not favoured_woman(team, Members(total=10, women=6))
    assert not favoured_woman(team, None)
