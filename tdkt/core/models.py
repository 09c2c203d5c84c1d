"""Users' roles and unit scope, the audit log, API tokens."""
import datetime
import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .choices import Role, action_label


class Profile(models.Model):
    """A user's role and, for unit-bound roles, the unit whose subtree they work on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField("vai trò", max_length=16, choices=Role.choices, default=Role.VIEWER)
    unit = models.ForeignKey("org.Unit", verbose_name="đơn vị", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    title = models.CharField("chức danh", max_length=200, blank=True)
    # Set when an administrator gives a temporary password: every page sends the user to change it.
    must_change_password = models.BooleanField("phải đổi mật khẩu", default=False)

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
    # None only for tokens issued before expiry existed and for those issued without one on purpose.
    expires_at = models.DateTimeField("hết hạn", null=True, blank=True)
    revoked = models.BooleanField(default=False)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "khóa API"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str, days: int | None = None) -> tuple["ApiToken", str]:
        """A new token valid for `days` (TDKT_API_TOKEN_DAYS by default); the raw secret is returned once.
        Lifetimes run on the wall clock (a security timer), not on tdkt.core.clock's business calendar."""
        days = settings.TDKT_API_TOKEN_DAYS if days is None else days
        raw = "tdkt_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, digest=cls.hash(raw), prefix=raw[5:13],
                                   expires_at=timezone.now() + datetime.timedelta(days=days))
        return token, raw

    def is_expired(self, at=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (at or timezone.now())

    @property
    def status(self) -> str:
        if self.revoked:
            return "Đã thu hồi"
        return "Hết hạn" if self.is_expired() else "Còn hiệu lực"


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


class RateBucket(models.Model):
    """One counter of anonymous writes (a client, an action, a time window), kept in the database so
    that every server process counts the same requests (tdkt.core.limits)."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "lượt ghi ẩn danh"


class SubmittedForm(models.Model):
    """A form token already used (tdkt.core.once): a second POST of the same rendered form goes to
    what the first one made instead of making it again."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+")
    location = models.CharField(max_length=500, blank=True)  # empty while the first POST is running
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "biểu mẫu đã gửi"


# --- Background jobs (tdkt.core.jobs) ---------------------------------------------------------------

class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Lỗi"


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A job and its file belong to whoever started it; nobody else sees them (an export holds
        what its owner's scope let it read)."""
        if not getattr(user, "is_authenticated", False) or not user.pk:
            return self.none()
        return self.filter(owner=user)

    def editable_by(self, user):
        return self.visible_to(user)


def job_file_path(instance, filename):
    return f"jobs/{uuid.uuid4().hex}{filename[filename.rfind('.'):] if '.' in filename else ''}"


class Job(models.Model):
    """A piece of long work a user started (a large export, an import's commit, a batch run), run by
    `tdkt worker` from the queue of django-tasks; its page shows the progress and the result."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+",
                              verbose_name="người yêu cầu")
    kind = models.CharField("loại việc", max_length=40)
    title = models.CharField("việc", max_length=300)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField("tình trạng", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    step = models.CharField("bước", max_length=100, blank=True)
    done = models.PositiveIntegerField("đã xong", default=0)
    total = models.PositiveIntegerField("tổng số", default=0)
    message = models.CharField("kết quả", max_length=500, blank=True)
    error = models.TextField("lỗi", blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    file = models.FileField(upload_to=job_file_path, blank=True, max_length=255)
    download_name = models.CharField(max_length=200, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField("lúc yêu cầu", auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField("lúc xong", null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = "việc chạy nền"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(99, int(100 * self.done / self.total)) if self.total else 0


class WorkerBeat(models.Model):
    """A running `tdkt worker`: its heartbeat tells the other workers it is alive (tdkt.core.worker)."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = "tiến trình chạy nền"

    def __str__(self):
        return self.worker_id


class DataVersion(models.Model):
    """The token of a watched table, replaced by database triggers on every change to it (see
    tdkt.core.datacache): figures cached under the tokens are valid while the tokens stay."""

    name = models.CharField(max_length=63, primary_key=True)
    token = models.CharField(max_length=40)

    class Meta:
        verbose_name = "phiên bản dữ liệu"
