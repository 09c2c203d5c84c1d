"""Role and unit scope: the one entry point (`visible_to`, `editable_by`) every query goes through.

A province-wide role sees every unit. A unit-bound role sees its unit's subtree and every unit
that was merged into a unit of that subtree (mergers keep history findable from the successor).
Records outside one's scope answer 404, the same as missing ones.
"""
from __future__ import annotations

from django.db import models
from django.http import Http404

from .choices import PROVINCE_WIDE_ROLES, WRITE_ROLES, Role


def role_of(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Role.ADMIN
    profile = getattr(user, "profile", None)
    return profile.role if profile else None


def scope_unit_ids(user) -> frozenset[int] | None:
    """The ids of units the user may see; None means every unit. Cached on the user object."""
    cached = getattr(user, "_tdkt_scope", False)
    if cached is not False:
        return cached
    from tdkt.org.models import Unit

    role = role_of(user)
    profile = getattr(user, "profile", None)
    if role is None:
        ids: frozenset[int] | None = frozenset()
    elif role in PROVINCE_WIDE_ROLES or profile is None or profile.unit_id is None:
        # A clerk must have a unit; without one they see nothing rather than everything.
        ids = frozenset() if role == Role.CLERK else None
    else:
        ids = unit_subtree_ids(Unit.objects.get(pk=profile.unit_id))
    user._tdkt_scope = ids
    return ids


def unit_subtree_ids(unit) -> frozenset[int]:
    """The unit, its descendants, and (recursively) the units merged into any of them."""
    from tdkt.org.models import Unit

    ids = set(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))
    frontier = set(ids)
    while frontier:
        merged = Unit.objects.filter(merged_into_id__in=frontier).exclude(id__in=ids).values_list("path", flat=True)
        new: set[int] = set()
        for path in merged:
            new |= set(Unit.objects.filter(path__startswith=path).values_list("id", flat=True)) - ids
        ids |= new
        frontier = new
    return frozenset(ids)


def can_write(user) -> bool:
    return role_of(user) in WRITE_ROLES


class ScopedQuerySet(models.QuerySet):
    """Subclasses name the field holding the owning unit's id in `scope_field`."""

    scope_field = "unit_id"

    def visible_to(self, user):
        ids = scope_unit_ids(user)
        if ids is None:
            return self
        return self.filter(**{f"{self.scope_field}__in": ids})

    def editable_by(self, user):
        if not can_write(user):
            return self.none()
        return self.visible_to(user)


def get_visible_or_404(queryset, user, **lookup):
    """Fetch one record through the user's scope; outside the scope is the same as missing."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy bản ghi.") from None


def require_in_scope(user, unit_id: int) -> None:
    ids = scope_unit_ids(user)
    if ids is not None and unit_id not in ids:
        raise Http404("Không tìm thấy đơn vị.")
