"""Results of batch evaluations: who meets the conditions of which award in a year.

A run evaluates every individual award type for every person of the province and keeps the
eligible pairs (a few per person at most), which the timely-awards list and the reports read.
Runs are never edited after they finish; a new run for the same year supersedes the older one.
"""
from django.conf import settings
from django.db import models

from tdkt.core.scope import ScopedQuerySet
from tdkt.org.models import Person, Unit


class RunStatus(models.TextChoices):
    RUNNING = "running", "Đang chạy"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Lỗi"


class EligibilityRunQuerySet(models.QuerySet):
    """A run evaluates the whole province, so every unit is one of its units: whoever has a role
    (the office, and any unit's clerk, leader, council member or viewer, whose timely-awards page
    follows the run) sees its progress, which holds counts only, never names; a signed-in account
    without a role and an anonymous visitor see none. Only the office starts a run."""

    def visible_to(self, user):
        from tdkt.core.scope import role_of

        return self if role_of(user) is not None else self.none()

    def editable_by(self, user):
        from tdkt.core.scope import is_office

        return self if is_office(user) else self.none()


class EligibilityRun(models.Model):
    year = models.PositiveSmallIntegerField("năm xét", db_index=True)
    status = models.CharField("trạng thái", max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    rule_set = models.CharField("bộ quy tắc", max_length=200, blank=True)
    awards = models.CharField("danh hiệu, hình thức xét", max_length=200)
    total = models.PositiveIntegerField("số cá nhân", default=0)
    done = models.PositiveIntegerField("đã xét", default=0)
    eligible = models.PositiveIntegerField("số kết quả đủ điều kiện", default=0)
    seconds = models.FloatField("thời gian chạy (giây)", null=True, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = EligibilityRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "lượt xét hàng loạt"

    def __str__(self):
        return f"Xét điều kiện năm {self.year} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else (100 if self.status == RunStatus.DONE else 0)


class EligibilityResultQuerySet(ScopedQuerySet):
    scope_field = "unit_id"


class EligibilityResult(models.Model):
    run = models.ForeignKey(EligibilityRun, on_delete=models.CASCADE, related_name="results")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    # the person's unit at the time of the run: scope and the unit filter read it without a join
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    award_code = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()

    objects = EligibilityResultQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["run", "award_code", "unit"], name="elig_run_award_unit")]
        constraints = [models.UniqueConstraint(fields=["run", "person", "award_code"], name="elig_one_per_award")]
