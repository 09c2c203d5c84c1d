"""The emulation services, one module per sub-domain (on the model of Zulip's `zerver/actions/`):

- `blocks`: blocks and clusters, members and rotation, documents, inspection teams, the next year;
- `scoring`: the scoring table, self-scores and block scores with evidence, corrections;
- `ranking`: totals and ranks with the provenance of every number, a unit's standing;
- `vote`: the block's vote for its leader and the dossier it proposes;
- `covenants`, `registrations`, `movements` (with key tasks).

Each builds on `emulation.workflow` (the office gate, the block's lock, status errors). The block
services are re-exported here so that callers write `services.create_block(...)`.
"""
from __future__ import annotations

from . import blocks, covenants, movements, ranking, registrations, scoring, vote  # noqa: F401
from .blocks import (  # noqa: F401
                     add_block_document,
                     copy_template,
                     copy_to_next_year,
                     create_block,
                     on_inspection_team,
                     proposed_next_head,
                     read_rotation,
                     set_inspection_team,
                     set_members,
                     set_rotation,
                     update_block,
)
