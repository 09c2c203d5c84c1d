"""API of the emulation app: blocks and clusters (set-up, members, scoring table, opening and closing
scoring, the office's adjustment, copy into the next year), scores, the ranking with provenance, the
block vote, covenants (draw up, sign, results, fulfilment), registrations, movements and key tasks.

The same services and scope as the pages: a record outside the caller's scope is a 404, a missing
role a 403, bad input or a wrong status a 422 with Vietnamese messages naming the field, and nothing
is saved. Units, people, blocks and criteria are sent by id and looked up in the caller's scope (an id
outside it is named like an unknown one); award types by their stable code (award-codes.md).
Evidence files (of scores and of covenant results) are uploaded through the pages; a criterion that
requires evidence needs one there first. The ballot is secret: the API says only that the caller's
unit voted; counts come after the round.
"""
from __future__ import annotations

from ninja import Router

router = Router(tags=["Thi đua"])

from . import blocks, covenants, year  # noqa: E402  (the endpoints register on the router)

__all__ = ["router", "blocks", "covenants", "year"]
