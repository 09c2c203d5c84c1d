"""The scoring table of a block's year (groups, criteria with max points, bonus and deduction caps,
disqualifying conditions, classification bands), every score given at every stage (never
overwritten: a new score supersedes the old one), evidence files, and the ranking with the
provenance of each final number."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from tdkt.core.scope import ScopedThroughQuerySet
from tdkt.org.models import Unit

from ..choices import BlockScorer, CriterionKind, ScoreStage
from .base import StoredFile
from .blocks import Block

POINTS = {"max_digits": 8, "decimal_places": 2}


def default_tie_break():
    return ["women", "fewer_deductions"]


class ScoringTemplateQuerySet(ScopedThroughQuerySet):
    """A block's scoring table is visible with its block."""

    through = "block"


class ScoringTemplate(models.Model):
    block = models.OneToOneField(Block, on_delete=models.CASCADE, related_name="template")
    scale = models.DecimalField("thang điểm", default=Decimal("100"), **POINTS)
    block_scorer = models.CharField("khối chấm điểm bằng", max_length=12, choices=BlockScorer.choices,
                                    default=BlockScorer.HEAD)
    bonus_cap = models.DecimalField("tổng điểm thưởng tối đa", null=True, blank=True, **POINTS)
    deduction_cap = models.DecimalField("tổng điểm trừ tối đa", null=True, blank=True, **POINTS)
    # Tie-break: women-led or mostly-women collectives first (NĐ 152/2025 Điều 4), then the keys
    # configured here, in order ("women", "fewer_deductions", "group:<code>").
    women_share_threshold = models.DecimalField("tỷ lệ nữ được ưu tiên khi bằng điểm", max_digits=4, decimal_places=3,
                                                default=Decimal("0.700"))
    tie_break = models.JSONField("thứ tự ưu tiên khi bằng điểm", default=default_tie_break)
    note = models.TextField("ghi chú, căn cứ", blank=True)

    objects = ScoringTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = "bảng điểm thi đua"

    def __str__(self):
        return f"Bảng điểm {self.block}"


class CriterionGroup(models.Model):
    template = models.ForeignKey(ScoringTemplate, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField("số hiệu", max_length=10)
    name = models.CharField("nhóm tiêu chí", max_length=300)
    max_points = models.DecimalField("điểm tối đa", **POINTS)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="criterion_group_code_unique")]

    def __str__(self):
        return f"{self.code}. {self.name}"


class Criterion(models.Model):
    template = models.ForeignKey(ScoringTemplate, on_delete=models.CASCADE, related_name="criteria")
    group = models.ForeignKey(CriterionGroup, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField("số hiệu", max_length=12)
    name = models.CharField("tiêu chí", max_length=500)
    kind = models.CharField("loại", max_length=10, choices=CriterionKind.choices, default=CriterionKind.REGULAR)
    # The most a criterion gives; for a bonus or a deduction, its cap.
    max_points = models.DecimalField("điểm tối đa", **POINTS)
    guidance = models.TextField("hướng dẫn chấm", blank=True)
    required_evidence = models.CharField("minh chứng cần có", max_length=500, blank=True)
    evidence_required = models.BooleanField("bắt buộc tải minh chứng khi tự chấm", default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "tiêu chí"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="criterion_code_unique"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive"),
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"


class ClassificationBand(models.Model):
    template = models.ForeignKey(ScoringTemplate, on_delete=models.CASCADE, related_name="bands")
    name = models.CharField("xếp loại", max_length=100)
    min_score = models.DecimalField("từ điểm", **POINTS)

    class Meta:
        ordering = ["-min_score"]
        constraints = [models.UniqueConstraint(fields=["template", "min_score"], name="band_min_unique")]

    def __str__(self):
        return f"{self.name} (từ {self.min_score} điểm)"


class DisqualifyingCondition(models.Model):
    template = models.ForeignKey(ScoringTemplate, on_delete=models.CASCADE, related_name="disqualifiers")
    code = models.CharField("số hiệu", max_length=10)
    text = models.CharField("điều kiện không xét", max_length=500)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="disqualifier_code_unique")]

    def __str__(self):
        return self.text


class Score(models.Model):
    """One number given to one member on one criterion at one stage by one scorer. A correction is a
    new row; the old one stays with is_current = False, so the history of every number is kept."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị được chấm", on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    stage = models.CharField("bước chấm", max_length=10, choices=ScoreStage.choices)
    # The unit that gave the score (itself, the head, a peer); empty for the office.
    scorer_unit = models.ForeignKey(Unit, verbose_name="đơn vị chấm", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    points = models.DecimalField("điểm", **POINTS)
    comment = models.CharField("nhận xét, lý do", max_length=1000, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name="người chấm")
    at = models.DateTimeField("thời điểm", auto_now_add=True)
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name = "điểm chấm"
        indexes = [models.Index(fields=["block", "is_current", "unit"])]
        constraints = [
            models.UniqueConstraint(fields=["unit", "criterion", "stage", "scorer_unit"],
                                    condition=Q(is_current=True, scorer_unit__isnull=False), name="score_current_unique"),
            models.UniqueConstraint(fields=["unit", "criterion", "stage"],
                                    condition=Q(is_current=True, scorer_unit__isnull=True),
                                    name="score_current_office_unique"),
        ]

    def __str__(self):
        return f"{self.unit} – {self.criterion.code}: {self.points} ({self.get_stage_display()})"


class EvidenceQuerySet(ScopedThroughQuerySet):
    """A member's evidence is visible with its block; the score sheet's own rule (scoring.may_read_sheet) narrows it further in the view."""

    through = "block"


class Evidence(StoredFile):
    """A document a member uploads to back its self-score on one criterion."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="evidence")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="evidence")

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = "minh chứng"
        indexes = [models.Index(fields=["block", "unit", "criterion"])]


class Disqualification(models.Model):
    """A member that meets a disqualifying condition: it is not ranked and cannot lead the block."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="disqualifications")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    condition = models.ForeignKey(DisqualifyingCondition, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField("căn cứ, lý do", max_length=500)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["block", "unit", "condition"], name="disqualification_unique")]


class ResultQuerySet(ScopedThroughQuerySet):
    """A member's result is visible with its block (published when the block closes)."""

    through = "block"


class Result(models.Model):
    """A member's final score, classification and rank, computed from the current scores."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="block_results")
    regular_points = models.DecimalField("điểm tiêu chí", **POINTS)
    bonus_points = models.DecimalField("điểm thưởng", **POINTS)
    deduction_points = models.DecimalField("điểm trừ", **POINTS)
    total = models.DecimalField("tổng điểm", **POINTS)
    classification = models.CharField("xếp loại", max_length=100, blank=True)
    rank = models.PositiveSmallIntegerField("xếp hạng", null=True, blank=True)
    disqualified = models.BooleanField("không xét xếp hạng", default=False)
    women_priority = models.BooleanField("ưu tiên đơn vị nữ", default=False)
    women_share = models.DecimalField("tỷ lệ nữ", max_digits=4, decimal_places=3, null=True, blank=True)
    tie_note = models.CharField("căn cứ xếp hạng khi bằng điểm", max_length=500, blank=True)
    note = models.CharField("ghi chú tính điểm", max_length=500, blank=True)
    computed_at = models.DateTimeField()

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = "kết quả chấm điểm"
        ordering = ["block", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["block", "unit"], name="result_unique")]
        indexes = [models.Index(fields=["unit", "rank"])]


class FinalScore(models.Model):
    """The number of one criterion that went into a result, and where it came from."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="finals")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    points = models.DecimalField("điểm", **POINTS)
    stage = models.CharField("lấy từ bước", max_length=10, choices=ScoreStage.choices)
    source = models.ForeignKey(Score, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField("căn cứ", max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["result", "criterion"], name="final_score_unique")]
