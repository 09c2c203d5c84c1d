"""Looking up what a client sends: ids in the caller's scope, award codes, a block's members."""
from __future__ import annotations

import contextlib

from django.core.exceptions import ValidationError

from tdkt.awards.api import award_types_by_code
from tdkt.core.api import Refs, get_visible
from tdkt.org.models import Unit

from ..models import Block
from .schemas import MembersIn

# --- Looking up what a client sends ---------------------------------------------------------------

def block_of(request, pk: int) -> Block:
    return get_visible(Block.objects.all(), request, pk)


def each_of(refs: Refs, queryset, field: str, pks: list[int], noun: str, *, suffix: str = "",
          repeats: bool = False) -> list:
    """The records of these ids in the caller's scope, in the client's order (one query); an unknown
    id, one outside the scope, or (unless `repeats`) one given twice is named by its place:
    "units[3]", "individuals[0].person"."""
    found = queryset.visible_to(refs.user).in_bulk(set(pks))
    first: dict[int, int] = {}
    out = []
    for i, pk in enumerate(pks):
        place = f"{field}[{i}]{suffix}"
        if pk not in found:
            refs.add(place, f"Không tìm thấy {noun} có mã số {pk} trong phạm vi của bạn.")
        elif not repeats and pk in first:
            refs.add(place, f"{noun.capitalize()} mã số {pk} đã có ở {field}[{first[pk]}]{suffix}.")
        first.setdefault(pk, i)
        out.append(found.get(pk))
    return out


# Award types by code: one lookup for the whole API.
awards_of = award_types_by_code


def members_of(request, payload: MembersIn) -> dict:
    """units, head, deputy and women_led of a block as the services take them."""
    refs = Refs(request)
    units = each_of(refs, Unit.objects, "units", payload.units, "đơn vị")
    for i, pk in enumerate(payload.women_led):
        if pk not in payload.units:
            refs.add(f"women_led[{i}]", f"Đơn vị mã số {pk} không có trong danh sách thành viên (units).")
    data = {"units": units, "head": refs.one(Unit.objects, "head", payload.head, "đơn vị"),
            "deputy": refs.one(Unit.objects, "deputy", payload.deputy, "đơn vị"),
            "women_led": [u for u in units if u is not None and u.pk in payload.women_led]}
    refs.raise_if_any()
    return data


@contextlib.contextmanager
def fields_renamed(names: dict):
    """A service names some fields after the page's inputs ("score_12"); say the API's name instead."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError({names.get(f, f): msgs for f, msgs in exc.message_dict.items()}) from None
