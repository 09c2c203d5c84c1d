"""Covenants (giao ước thi đua): between the members of a block, or between the provincial chair and
each commune chair; measurable commitments with targets, signatures per party, mid-year and year-end
actual values with evidence, and the fulfilment they give ("22/32 chỉ tiêu đạt và vượt")."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from tdkt.core.scope import ScopedThroughQuerySet
from tdkt.org.models import Unit

from ..choices import CovenantKind, CovenantStatus, Direction, ResultPeriod
from .base import MembershipQuerySet, StoredFile
from .blocks import Block


class CovenantQuerySet(MembershipQuerySet):
    member_model = "CovenantParty"
    member_link = "covenant"


class Covenant(models.Model):
    year = models.PositiveSmallIntegerField("năm")
    kind = models.CharField("loại giao ước", max_length=20, choices=CovenantKind.choices)
    block = models.ForeignKey(Block, null=True, blank=True, on_delete=models.PROTECT, related_name="covenants",
                              verbose_name="khối, cụm")
    title = models.CharField("tên giao ước", max_length=300)
    theme = models.CharField("chủ đề", max_length=500, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=CovenantStatus.choices, default=CovenantStatus.DRAFT)
    signed_on = models.DateField("ngày ký kết xong", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CovenantQuerySet.as_manager()

    class Meta:
        verbose_name = "giao ước thi đua"
        ordering = ["-year", "title"]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("emulation:covenant", args=[self.pk])


class CovenantParty(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="parties")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    signatory = models.CharField("người ký", max_length=200, blank=True)
    # The provincial chair signs every province–commune covenant but commits to no target of it.
    commits = models.BooleanField("thực hiện chỉ tiêu", default=True)
    signed_at = models.DateTimeField("thời điểm ký", null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        ordering = ["-commits", "id"]
        constraints = [models.UniqueConstraint(fields=["covenant", "unit"], name="covenant_party_unique")]

    def __str__(self):
        return str(self.unit)


class CovenantIndicatorQuerySet(ScopedThroughQuerySet):
    """A covenant's indicator is visible with the covenant."""

    through = "covenant"


class CovenantIndicator(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField("số thứ tự", default=0)
    name = models.CharField("chỉ tiêu", max_length=500)
    unit_of_measure = models.CharField("đơn vị tính", max_length=50)
    target = models.DecimalField("chỉ tiêu đăng ký", max_digits=14, decimal_places=2)
    direction = models.CharField("cách đánh giá", max_length=8, choices=Direction.choices, default=Direction.HIGHER)

    objects = CovenantIndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.order}. {self.name}"


class CovenantResult(models.Model):
    """A party's actual value of an indicator at a review (mid-year or year end)."""

    indicator = models.ForeignKey(CovenantIndicator, on_delete=models.CASCADE, related_name="results")
    party = models.ForeignKey(CovenantParty, on_delete=models.CASCADE, related_name="results")
    period = models.CharField("kỳ đánh giá", max_length=10, choices=ResultPeriod.choices)
    actual = models.DecimalField("kết quả thực hiện", max_digits=14, decimal_places=2)
    note = models.CharField("ghi chú, nguồn số liệu", max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "party", "period"], name="covenant_result_unique")]


class CovenantEvidenceQuerySet(ScopedThroughQuerySet):
    """Evidence of a covenant value: whoever sees the covenant sees it (results are shared among the parties)."""

    through = "result__indicator__covenant"


class CovenantEvidence(StoredFile):
    result = models.ForeignKey(CovenantResult, on_delete=models.CASCADE, related_name="evidence")

    objects = CovenantEvidenceQuerySet.as_manager()
