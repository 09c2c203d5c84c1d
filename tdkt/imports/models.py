"""Import batches: one uploaded Excel file, its validation progress, its row errors and its commit."""
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from tdkt.core.scope import ScopedQuerySet, can_write


class ImportKind(models.TextChoices):
    PEOPLE = "people", "Danh sách cá nhân"
    AWARDS = "awards", "Lịch sử khen thưởng"


# The slugs used in URLs and template file names.
KIND_SLUGS = {ImportKind.PEOPLE: "ca-nhan", ImportKind.AWARDS: "khen-thuong"}
SLUG_KINDS = {slug: kind for kind, slug in KIND_SLUGS.items()}


class BatchStatus(models.TextChoices):
    UPLOADED = "uploaded", "Đã tải lên"
    VALIDATING = "validating", "Đang kiểm tra"
    VALID = "valid", "Hợp lệ, chờ ghi"
    INVALID = "invalid", "Có dòng lỗi"
    COMMITTED = "committed", "Đã ghi vào hệ thống"
    FAILED = "failed", "Không đọc được tệp"


def _upload_to(instance, filename):
    # Never trust the client's name on disk: the original is kept in `original_name`.
    return f"imports/{uuid.uuid4().hex}.xlsx"


class ImportBatchQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """A batch is private to the user who uploaded it (another user's batch answers 404)."""
        if not getattr(user, "is_authenticated", False) or not user.pk:
            return self.none()
        return self.filter(created_by=user)

    def editable_by(self, user):
        if not can_write(user):
            return self.none()
        return self.visible_to(user)


class ImportBatch(models.Model):
    """One uploaded file. Validation runs in chunks (see services.validate_step) so that the page can
    show progress; the commit writes every row in one transaction or nothing."""

    kind = models.CharField("loại dữ liệu", max_length=10, choices=ImportKind.choices)
    file = models.FileField("tệp", upload_to=_upload_to, max_length=255)
    original_name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveIntegerField("dung lượng (byte)", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người nhập", null=True,
                                   on_delete=models.SET_NULL, related_name="import_batches")
    # The uploader's unit when the file came in (None for province-wide roles): where the rows may go.
    unit = models.ForeignKey("org.Unit", verbose_name="phạm vi đơn vị", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    status = models.CharField("tình trạng", max_length=12, choices=BatchStatus.choices,
                              default=BatchStatus.UPLOADED)
    sheet_name = models.CharField("trang tính", max_length=100, blank=True)
    header_row = models.PositiveIntegerField("dòng tiêu đề", default=1)
    total_rows = models.PositiveIntegerField("số dòng", default=0)
    processed_rows = models.PositiveIntegerField("số dòng đã kiểm tra", default=0)
    data_rows = models.PositiveIntegerField("số dòng có dữ liệu", default=0)
    errors = models.JSONField("lỗi", default=list, blank=True)
    error_count = models.PositiveIntegerField("số lỗi", default=0)
    bad_row_count = models.PositiveIntegerField("số dòng lỗi", default=0)
    # Keys already seen earlier in the file (likely duplicates within the file), kept between steps.
    state = models.JSONField(default=dict, blank=True, editable=False)
    created_count = models.PositiveIntegerField("số bản ghi đã tạo", default=0)
    decisions_created = models.PositiveIntegerField("số quyết định đã tạo", default=0)
    message = models.CharField("ghi chú", max_length=500, blank=True)
    created_at = models.DateTimeField("lúc tải lên", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    validated_at = models.DateTimeField("lúc kiểm tra xong", null=True, blank=True)
    committed_at = models.DateTimeField("lúc ghi", null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = "lần nhập Excel"
        verbose_name_plural = "các lần nhập Excel"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"

    def get_absolute_url(self):
        return reverse("imports:batch", args=[self.pk])

    @property
    def is_validating(self):
        return self.status in (BatchStatus.UPLOADED, BatchStatus.VALIDATING)

    @property
    def percent(self):
        if not self.total_rows:
            return 100 if not self.is_validating else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def kind_slug(self):
        return KIND_SLUGS[self.kind]

    @property
    def hidden_error_count(self):
        return max(0, self.error_count - len(self.errors or []))
