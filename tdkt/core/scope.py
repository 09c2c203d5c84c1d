"""Role and unit scope: the one entry point (`visible_to`, `editable_by`) every query goes through.

A province-wide role sees every unit. A unit-bound role sees its unit's subtree and every unit
that was merged into a unit of that subtree (mergers keep history findable from the successor).
Records outside one's scope answer 404, the same as missing ones.

This module is the bottom of the Django layers: it imports no other app. The subtree of a unit is
the Unit model's own knowledge (`tdkt.org.models.Unit.subtree_ids`), reached through the unit.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from .choices import OFFICE_ROLES, PROVINCE_WIDE_ROLES, WRITE_ROLES, Role


def profile_of(user):
    """The user's Profile with its unit, fetched once per request and kept on the user object."""
    cached = getattr(user, "_tdkt_profile", False)
    if cached is not False:
        return cached
    profile = None
    if getattr(user, "is_authenticated", False) and getattr(user, "pk", None):
        from .models import Profile

        profile = Profile.objects.select_related("unit").filter(user_id=user.pk).first()
    user._tdkt_profile = profile
    return profile


def role_of(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Role.ADMIN
    profile = profile_of(user)
    return profile.role if profile else None


def scope_unit_ids(user) -> frozenset[int] | None:
    """The ids of units the user may see; None means every unit. Cached on the user object."""
    cached = getattr(user, "_tdkt_scope", False)
    if cached is not False:
        return cached
    role = role_of(user)
    profile = profile_of(user)
    if role is None:
        ids: frozenset[int] | None = frozenset()
    elif role in PROVINCE_WIDE_ROLES or profile is None or profile.unit_id is None:
        # A clerk must have a unit; without one they see nothing rather than everything.
        ids = frozenset() if role == Role.CLERK else None
    else:
        ids = unit_subtree_ids(profile.unit)
    user._tdkt_scope = ids
    return ids


def unit_subtree_ids(unit) -> frozenset[int]:
    """The unit, its descendants, and (recursively) the units merged into any of them with their own
    descendants: `unit.subtree_ids()` (kept here, same signature, for the modules that call it)."""
    return unit.subtree_ids()


def is_office(user) -> bool:
    """Whether the user acts for the commendation office (the one definition: core.choices.OFFICE_ROLES)."""
    return role_of(user) in OFFICE_ROLES


def require_office(actor) -> None:
    """The commendation office (Ban TĐKT / Sở Nội vụ) only: appraisal, council, disclosure, forwarding,
    setting up blocks; anyone else gets 403."""
    if not is_office(actor):
        raise PermissionDenied("Chỉ cán bộ Ban Thi đua – Khen thưởng được thực hiện thao tác này.")


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


class ScopedThroughQuerySet(ScopedQuerySet):
    """Records that belong to another scoped record (a block's documents, a movement's files, a
    session's agenda): visible (editable) exactly when that owner is. `through` is the lookup path
    to the owner ("block", "result__indicator__covenant")."""

    through = ""

    def _owner_model(self):
        model = self.model
        for part in self.through.split("__"):
            model = model._meta.get_field(part).related_model
        return model

    def visible_to(self, user):
        owners = self._owner_model()._default_manager.visible_to(user)
        return self.filter(**{f"{self.through}__in": owners.values("pk")})

    def editable_by(self, user):
        owners = self._owner_model()._default_manager.editable_by(user)
        return self.filter(**{f"{self.through}__in": owners.values("pk")})


def get_visible_or_404(queryset, user, *, editable=False, **lookup):
    """Fetch one record through the user's scope; outside the scope is the same as missing.
    (The same lookup as the pages' `@fetch` decorator and the API's `get_visible`.)"""
    from .fetch import fetch_one

    return fetch_one(queryset, user, editable=editable, **lookup)


def get_editable_or_404(queryset, user, **lookup):
    """Fetch one record the user may change; read-only roles and other units get 404."""
    return get_visible_or_404(queryset, user, editable=True, **lookup)


def require_in_scope(user, unit_id: int) -> None:
    ids = scope_unit_ids(user)
    if ids is not None and unit_id not in ids:
        raise Http404("Không tìm thấy đơn vị.")
