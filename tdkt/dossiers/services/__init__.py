"""The dossier services, one module per step (on the model of Zulip's `zerver/actions/`):

- `drafting`: the unit's dossier, nominees, attachments, submission, withdrawal, notifications;
- `intake`: nominees in bulk (the rule engine's due list, the unit's Excel list);
- `appraisal`: the office's verdicts, findings and appraisal decisions;
- `council`: sessions, agenda, conflicts of interest, the secret ballot, minutes;
- `decisions`: disclosure, the decision register's numbers, issuing and forwarding decisions;
- `issuance`: the decision's documents and certificates; `forwarding`: the package sent upward.

Each builds on `dossiers.workflow` (transitions, lock, move). The everyday services of drafting and
appraisal are re-exported here so that callers write `services.submit_dossier(...)`;
`perform_action` runs one of the page's buttons (`workflow.ACTIONS`) for the page and the API alike.
"""
from __future__ import annotations

from ..workflow import ACTIONS, Action
from . import appraisal, council, decisions, drafting, forwarding, intake, issuance  # noqa: F401
from .appraisal import appraise_nominee, complete_appraisal, reject_dossier, return_dossier, start_appraisal  # noqa: F401
from .decisions import forward_dossier, start_disclosure  # noqa: F401
from .drafting import (  # noqa: F401
    AUTHORITY_AWARDS,
    DOSSIER_FIELDS,
    add_attachment,
    add_nominee,
    create_dossier,
    mark_read,
    missing_documents,
    refresh_verdicts,
    remove_attachment,
    remove_nominee,
    submit_dossier,
    update_dossier,
    update_nominee,
    withdraw_dossier,
)


def perform_action(actor, dossier, action: Action | str, text: str = ""):
    """Run one of the dossier page's actions with the text it takes (a reason or a number)."""
    action = ACTIONS[action] if isinstance(action, str) else action
    service = globals()[action.service]
    if action.takes is not None:
        return service(actor, dossier, text)
    return service(actor, dossier)
