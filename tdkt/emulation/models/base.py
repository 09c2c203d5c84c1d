"""What the emulation models share: stored uploads and the scope of records owned by a set of units."""
from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef

from tdkt.core.scope import ScopedQuerySet, can_write, scope_unit_ids


def upload_path(instance, filename):
    # The stored name is never the uploaded one (which may hold anything); the original is kept in a field.
    return f"emulation/{instance._meta.model_name}/{uuid.uuid4().hex}.{instance.content_kind}"


class StoredFile(models.Model):
    """An uploaded document, checked by content (tdkt.core.uploads), kept outside the web root."""

    file = models.FileField("tệp", upload_to=upload_path)
    original_name = models.CharField("tên tệp", max_length=255)
    content_kind = models.CharField("định dạng", max_length=8)
    size = models.PositiveIntegerField("dung lượng")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name


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
