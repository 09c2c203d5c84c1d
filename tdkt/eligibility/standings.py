"""A collective's place in its emulation block's published ranking, as the rule engine needs it
(Cờ thi đua goes to the block's leader: Luật TĐKT 2022 Điều 26).

The rankings live in the emulation app, a layer above this one: it registers its reader here when
Django starts (`EmulationConfig.ready`), so that eligibility and the dossier appraisal ask for
standings without importing the app that keeps them. Without a reader, no unit stands anywhere.
"""
from __future__ import annotations

from typing import Callable, Iterable

from tdkt.rules.case import Block as Standing

Reader = Callable[[Iterable[int], int], "dict[int, Standing]"]
_readers: list[Reader] = []


def register_reader(reader: Reader) -> None:
    """Called once by the app that keeps block rankings."""
    if reader not in _readers:
        _readers.append(reader)


def block_standing(unit_ids: Iterable[int], year: int) -> dict[int, Standing]:
    """{unit id: Block(rank, size)} for the units ranked in a published ranking of `year`; a unit in
    two blocks keeps its better rank."""
    unit_ids = list(unit_ids)
    found: dict[int, Standing] = {}
    for reader in _readers:
        for unit_id, standing in reader(unit_ids, year).items():
            if unit_id not in found or standing.rank < found[unit_id].rank:
                found[unit_id] = standing
    return found
