"""Emulation movements (phong trào thi đua) with their documents, the units they reach once launched,
their interim and final reviews; and each unit's key tasks of the year."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from tdkt.core.scope import ScopedQuerySet, ScopedThroughQuerySet, can_write, scope_unit_ids
from tdkt.org.models import Unit

from ..choices import KeyTaskStatus, MovementKind, MovementStatus, PeriodKind, ReviewKind
from .base import StoredFile


class MovementQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The office sees every movement; a unit sees those it launched and the launched ones that reach it."""
        ids = scope_unit_ids(user)
        if ids is None:
            return self
        reach = MovementReach.objects.filter(movement=OuterRef("pk"), unit_id__in=ids)
        return self.filter(Q(launching_unit_id__in=ids) | (Q(status__in=[MovementStatus.LAUNCHED, MovementStatus.CLOSED])
                                                          & Exists(reach)))

    def editable_by(self, user):
        """Only the launching side changes a movement."""
        if not can_write(user):
            return self.none()
        ids = scope_unit_ids(user)
        return self if ids is None else self.filter(launching_unit_id__in=ids)


class Movement(models.Model):
    title = models.CharField("tên phong trào", max_length=300)
    kind = models.CharField("loại phong trào", max_length=10, choices=MovementKind.choices)
    launching_unit = models.ForeignKey(Unit, verbose_name="cấp phát động", on_delete=models.PROTECT,
                                       related_name="launched_movements")
    launched_on = models.DateField("ngày phát động", null=True, blank=True)
    theme = models.CharField("chủ đề", max_length=500, blank=True)
    motto = models.CharField("phương châm", max_length=500, blank=True)
    contents = models.JSONField("nội dung thi đua", default=list)
    period_kind = models.CharField("thời gian thực hiện", max_length=16, choices=PeriodKind.choices)
    start_year = models.PositiveSmallIntegerField("từ năm")
    end_year = models.PositiveSmallIntegerField("đến năm")
    targets = models.TextField("chỉ tiêu, mục tiêu", blank=True)
    covered_units = models.ManyToManyField(Unit, verbose_name="đối tượng thi đua", related_name="+", blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=MovementStatus.choices, default=MovementStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = "phong trào thi đua"
        ordering = ["-start_year", "title"]
        constraints = [models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")),
                                              name="movement_period_order")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("emulation:movement", args=[self.pk])

    @property
    def period_label(self):
        if self.period_kind == PeriodKind.SCHOOL_YEAR:
            return f"Năm học {self.start_year}–{self.end_year}"
        if self.start_year == self.end_year:
            return f"Năm {self.start_year}"
        return f"Giai đoạn {self.start_year}–{self.end_year}"


class MovementReach(models.Model):
    """A unit the launched movement reaches: a covered unit or one below it (the cascade)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reach")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="movement_reach_unique")]
        indexes = [models.Index(fields=["unit", "movement"])]


class MovementDocumentQuerySet(ScopedThroughQuerySet):
    """A movement's document is visible with the movement (its readers), changed by its launching side."""

    through = "movement"


class MovementDocument(StoredFile):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("trích yếu", max_length=300)

    objects = MovementDocumentQuerySet.as_manager()


class MovementReviewQuerySet(ScopedThroughQuerySet):
    """A movement's review is visible with the movement."""

    through = "movement"


class MovementReview(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField("loại", max_length=8, choices=ReviewKind.choices)
    held_on = models.DateField("ngày sơ kết, tổng kết")
    results = models.TextField("kết quả")
    dossier = models.ForeignKey("dossiers.Dossier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                verbose_name="hồ sơ khen thưởng chuyên đề")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = MovementReviewQuerySet.as_manager()

    class Meta:
        ordering = ["held_on", "id"]


class KeyTaskQuerySet(ScopedQuerySet):
    scope_field = "unit_id"


class KeyTask(models.Model):
    """One of a unit's key tasks of the year (about ten); one of them is the flagship."""

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="key_tasks")
    year = models.PositiveSmallIntegerField("năm")
    order = models.PositiveSmallIntegerField("số thứ tự", default=0)
    title = models.CharField("nhiệm vụ trọng tâm", max_length=500)
    is_flagship = models.BooleanField("nhiệm vụ đột phá (điểm nhấn)", default=False)
    status = models.CharField("tình trạng", max_length=12, choices=KeyTaskStatus.choices, default=KeyTaskStatus.PLANNED)
    note = models.CharField("kết quả, ghi chú", max_length=1000, blank=True)

    objects = KeyTaskQuerySet.as_manager()

    class Meta:
        verbose_name = "nhiệm vụ trọng tâm"
        ordering = ["unit", "year", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], condition=Q(is_flagship=True),
                                               name="key_task_one_flagship")]

    def __str__(self):
        return self.title
