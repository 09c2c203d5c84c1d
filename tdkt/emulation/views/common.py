"""What the emulation pages share: running a service from a button, the scoped block, wide fields."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.core.forms import error_text
from tdkt.core.scope import get_visible_or_404

from ..choices import MemberRole
from ..models import Block

# Form fields laid out across the whole width.
WIDE = ["units", "table", "bands", "disqualifiers", "note", "programme", "regulation", "indicators", "parties",
        "tie_break", "members"]


def run_action(request, service, *args, success: str = "", **kwargs):
    """Call a service from a button: its refusal becomes an error message on the page."""
    try:
        result = service(*args, **kwargs)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        return None
    if success:
        messages.success(request, success)
    return result


def visible_block(request, pk) -> Block:
    return get_visible_or_404(Block.objects, request.user, pk=pk)


def block_roles(block: Block) -> dict:
    return {m.role: m.unit for m in block.members.select_related("unit") if m.role != MemberRole.MEMBER}

