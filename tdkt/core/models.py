"""Users' roles and unit scope, the audit log, API tokens."""
import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models

from .choices import Role, action_label


class Profile(models.Model):
    """A user's role and, for unit-bound roles, the unit whose subtree they work on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField("vai trò", max_length=16, choices=Role.choices, default=Role.VIEWER)
    unit = models.ForeignKey("org.Unit", verbose_name="đơn vị", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    title = models.CharField("chức danh", max_length=200, blank=True)

    class Meta:
        verbose_name = "hồ sơ người dùng"

    def __str__(self):
        return f"{self.user.username} ({self.get_role_display()})"


class AuditEvent(models.Model):
    """One create, change or delete, written in the same transaction as the change itself."""

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name="người thực hiện")
    # A generic action (core.choices.AuditAction) or an app's typed one ("dossier.submit"): see
    # core.choices.register_actions.
    action = models.CharField("thao tác", max_length=40)
    model = models.CharField("loại bản ghi", max_length=64)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField("bản ghi", max_length=300)
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "nhật ký thay đổi"
        indexes = [models.Index(fields=["model", "object_id", "at"])]
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr}"

    def get_action_display(self) -> str:
        return action_label(self.action)

    def changes(self):
        """[(field, before, after)] for the fields that differ."""
        before, after = self.before or {}, self.after or {}
        keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
        return [(k, before.get(k), after.get(k)) for k in sorted(keys)]


class ApiToken(models.Model):
    """A bearer token for other systems; only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên", max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = "khóa API"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        raw = "tdkt_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, digest=cls.hash(raw), prefix=raw[5:13])
        return token, raw


class CalendarDay(models.Model):
    """A day the province's own notice makes a working day or a day off, overriding the national
    calendar (the Labour Code's holidays with their substitutions, see `tdkt.core.workdays`)."""

    date = models.DateField("ngày", unique=True)
    is_working = models.BooleanField("là ngày làm việc")
    name = models.CharField("lý do", max_length=200, blank=True)

    class Meta:
        verbose_name = "ngày điều chỉnh lịch làm việc"
        ordering = ["date"]

    def __str__(self):
        kind = "làm việc" if self.is_working else "nghỉ"
        return f"{self.date:%d/%m/%Y}: {kind}" + (f" ({self.name})" if self.name else "")


def stored_file_path(instance, filename):
    """Where an upload is kept under MEDIA_ROOT (outside the web root): the model's folder and a
    random name. The stored name is never the uploaded one (which may hold anything); the original
    is kept in a field."""
    return f"{instance.storage_folder()}/{uuid.uuid4().hex}.{instance.content_kind}"


class StoredFile(models.Model):
    """An uploaded document, checked by content (tdkt.core.uploads.store_upload), kept outside the
    web root and served only through a scoped view."""

    file = models.FileField("tệp", upload_to=stored_file_path)
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

    def storage_folder(self) -> str:
        return f"{self._meta.app_label}/{self._meta.model_name}"


class DataVersion(models.Model):
    """The token of a watched table, replaced by database triggers on every change to it (see
    tdkt.core.datacache): figures cached under the tokens are valid while the tokens stay."""

    name = models.CharField(max_length=63, primary_key=True)
    token = models.CharField(max_length=40)

    class Meta:
        verbose_name = "phiên bản dữ liệu"
