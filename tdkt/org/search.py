"""The pickers' search (tdkt/core/widgets.py, server mode): people or units whose folded name holds
every typed word, within what the user may see and, when asked, within one unit's subtree.

`GET /to-chuc/tim/?loai=ca-nhan|don-vi&q=…&trong=<unit id>` answers
`{"results": [{"id", "label", "context"}], "more": bool}`. It only suggests: the form still checks the
chosen value against its own queryset, so a suggestion outside the form's choices is refused there.
"""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from tdkt.core.scope import unit_subtree_ids
from tdkt.core.widgets import person_context, unit_context

from .filters import search_filter
from .models import Person, Unit

LIMIT = 30


def _people(user, words: str, within):
    qs = Person.objects.visible_to(user).select_related("unit")
    if within is not None:
        qs = qs.filter(unit_id__in=unit_subtree_ids(within))
    return [(p.pk, p.full_name, person_context(p)) for p in search_filter(qs, "search_text", words).order_by("sort_key", "id")[:LIMIT + 1]]


def _units(user, words: str, within):
    qs = Unit.objects.visible_to(user).active().select_related("parent")
    if within is not None:
        qs = qs.filter(pk__in=unit_subtree_ids(within))
    return [(u.pk, u.name, unit_context(u)) for u in search_filter(qs, "search_text", words).order_by("sort_key")[:LIMIT + 1]]


KINDS = {"ca-nhan": _people, "don-vi": _units}


@login_required
@require_GET
def lookup(request):
    kind = KINDS.get(request.GET.get("loai", ""))
    if kind is None:
        raise Http404("Không có loại tìm kiếm này.")
    within = None
    if (request.GET.get("trong") or "").isdigit():
        within = Unit.objects.visible_to(request.user).filter(pk=int(request.GET["trong"])).first()
        if within is None:
            raise Http404("Không tìm thấy đơn vị.")
    rows = kind(request.user, (request.GET.get("q") or "")[:100], within)
    return JsonResponse({"results": [{"id": pk, "label": label, "context": context} for pk, label, context in rows[:LIMIT]],
                         "more": len(rows) > LIMIT})
