"""The block's secret vote for its leading unit (đơn vị dẫn đầu): one vote per member unit, at most
the block's number of rounds; then the head and deputy decide (legal-rules.md §2.5, TT 01/2024/TT-TANDTC
Điều 29). A round keeps counts per candidate; who voted is kept apart without the choice."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from tdkt.core.scope import ScopedThroughQuerySet
from tdkt.org.models import Unit

from ..choices import RoundStatus, SelectionMethod
from .blocks import Block


class VoteRoundQuerySet(ScopedThroughQuerySet):
    """A vote round is visible with its block."""

    through = "block"


class VoteRound(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="vote_rounds")
    number = models.PositiveSmallIntegerField("vòng")
    status = models.CharField("trạng thái", max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    electorate = models.PositiveSmallIntegerField("số đơn vị có quyền bỏ phiếu")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField("kết quả", max_length=500, blank=True)

    objects = VoteRoundQuerySet.as_manager()

    class Meta:
        verbose_name = "vòng bỏ phiếu"
        ordering = ["block", "number"]
        constraints = [models.UniqueConstraint(fields=["block", "number"], name="vote_round_unique")]

    def __str__(self):
        return f"Vòng {self.number} – {self.block}"


class VoteTally(models.Model):
    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="tallies")
    candidate = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveSmallIntegerField("số phiếu", default=0)

    class Meta:
        ordering = ["-votes", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "candidate"], name="vote_tally_unique")]


class VoteReceipt(models.Model):
    """That a member unit has voted in a round, without what it chose."""

    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="receipts")
    voter_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "voter_unit"], name="vote_once_per_unit")]


class LeaderSelectionQuerySet(ScopedThroughQuerySet):
    """The block's leader selection is visible with its block."""

    through = "block"


class LeaderSelection(models.Model):
    """The block's leading unit for the year and how it was chosen; the draft dossier it led to."""

    block = models.OneToOneField(Block, on_delete=models.CASCADE, related_name="selection")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị dẫn đầu", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    method = models.CharField("cách xác định", max_length=12, choices=SelectionMethod.choices, blank=True)
    round = models.ForeignKey(VoteRound, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    head_choice = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="trưởng khối chọn")
    deputy_choice = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                      verbose_name="phó khối chọn")
    note = models.CharField("ghi chú", max_length=500, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    dossier = models.ForeignKey("dossiers.Dossier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                verbose_name="hồ sơ đề nghị khen thưởng")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = LeaderSelectionQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị dẫn đầu khối"
