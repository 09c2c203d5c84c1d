"""What the emulation models share: stored uploads and the scope of records owned by a set of units."""
from __future__ import annotations

from django.db.models import Exists, OuterRef

from tdkt.core.models import StoredFile, stored_file_path
from tdkt.core.scope import ScopedQuerySet, can_write, scope_unit_ids

# Referenced by migration 0001; uploads now take their path from tdkt.core.models.StoredFile.
upload_path = stored_file_path
__all__ = ["StoredFile", "MembershipQuerySet", "upload_path"]


class MembershipQuerySet(ScopedQuerySet):
    """Records shared by several units (a block, a covenant): visible when one of those units is in
    the user's scope. `member_model` and `member_link` name the table of units and its link field."""

    member_model: str = ""
    member_link: str = ""

    def visible_to(self, user):
        ids = scope_unit_ids(user)
        if ids is None:
            return self
        from django.apps import apps

        members = apps.get_model("emulation", self.member_model).objects.filter(
            **{self.member_link: OuterRef("pk"), "unit_id__in": ids})
        return self.filter(Exists(members))

    def editable_by(self, user):
        return self.visible_to(user) if can_write(user) else self.none()
