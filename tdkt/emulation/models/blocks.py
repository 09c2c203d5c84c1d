"""Blocks and clusters of one emulation year (khối, cụm thi đua), their members with head and deputy,
and their documents. A block is one row per year: copying it into the next year keeps the members
and advances the rotation (`previous` links the years)."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tdkt.core.scope import ScopedThroughQuerySet
from tdkt.org.models import Unit

from ..choices import BlockKind, BlockStatus, DocumentKind, MemberRole, YearKind
from .base import MembershipQuerySet, StoredFile


class BlockQuerySet(MembershipQuerySet):
    member_model = "BlockMember"
    member_link = "block"

    def visible_to(self, user):
        """A member unit's people see the block; so do the accounts on its inspection team."""
        members = super().visible_to(user)
        if members is self or not getattr(user, "pk", None):
            return members
        from django.db.models import Exists, OuterRef

        team = InspectionTeamMember.objects.filter(team__block=OuterRef("pk"), user_id=user.pk)
        return self.filter(Q(pk__in=members.values("pk")) | Exists(team))


class Block(models.Model):
    name = models.CharField("tên khối, cụm", max_length=255)
    kind = models.CharField("loại", max_length=10, choices=BlockKind.choices, default=BlockKind.BLOCK)
    year = models.PositiveSmallIntegerField("năm thi đua")
    year_kind = models.CharField("năm tính theo", max_length=10, choices=YearKind.choices, default=YearKind.CALENDAR)
    decision_ref = models.CharField("quyết định phân chia khối, cụm", max_length=200, blank=True)
    supervising_leader = models.CharField("lãnh đạo tỉnh phụ trách", max_length=200, blank=True)
    programme = models.TextField("chương trình công tác năm", blank=True)
    regulation = models.TextField("quy chế hoạt động (tóm tắt)", blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=BlockStatus.choices, default=BlockStatus.SETUP,
                              db_index=True)
    self_score_deadline = models.DateField("hạn đơn vị tự chấm điểm", null=True, blank=True)
    block_score_deadline = models.DateField("hạn khối chấm điểm", null=True, blank=True)
    # Block vote parameters (blocks-and-scoring.md §5, §7): data, never constants.
    vote_max_rounds = models.PositiveSmallIntegerField("số vòng bỏ phiếu tối đa", default=2)
    vote_threshold = models.DecimalField("tỷ lệ phiếu cần đạt (trên tổng số đơn vị thành viên)", max_digits=4,
                                         decimal_places=3, default=Decimal("0.500"))
    vote_strict = models.BooleanField("phải vượt tỷ lệ (quá bán)", default=True)
    merit_quota = models.PositiveSmallIntegerField("số đơn vị đề nghị Bằng khen tỉnh", default=0)
    previous = models.ForeignKey("self", verbose_name="khối năm trước", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="next_years")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BlockQuerySet.as_manager()

    class Meta:
        verbose_name = "khối, cụm thi đua"
        verbose_name_plural = "khối, cụm thi đua"
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="block_name_year_unique")]

    def __str__(self):
        return f"{self.name} năm {self.year}"

    def get_absolute_url(self):
        return reverse("emulation:block", args=[self.pk])


class BlockMember(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="block_memberships")
    role = models.CharField("vai trò", max_length=8, choices=MemberRole.choices, default=MemberRole.MEMBER)
    # The order in which members take their turn as head (luân phiên); the next year's head is the
    # member after this year's head.
    rotation_order = models.PositiveSmallIntegerField("thứ tự luân phiên", default=0)
    women_led = models.BooleanField("thủ trưởng đơn vị là nữ", default=False)

    class Meta:
        verbose_name = "đơn vị thành viên"
        ordering = ["rotation_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["block", "unit"], name="block_member_unique"),
            models.UniqueConstraint(fields=["block"], condition=Q(role=MemberRole.HEAD), name="block_one_head"),
            models.UniqueConstraint(fields=["block"], condition=Q(role=MemberRole.DEPUTY), name="block_one_deputy"),
        ]

    def __str__(self):
        return f"{self.unit} ({self.get_role_display()})"


class BlockDocumentQuerySet(ScopedThroughQuerySet):
    """A block's document is visible with its block."""

    through = "block"


class BlockDocument(StoredFile):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("loại tài liệu", max_length=16, choices=DocumentKind.choices)
    title = models.CharField("trích yếu", max_length=300, blank=True)

    objects = BlockDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "tài liệu của khối"
        ordering = ["kind", "id"]


class InspectionTeamQuerySet(ScopedThroughQuerySet):
    """A block's inspection team is visible with its block."""

    through = "block"


class InspectionTeam(models.Model):
    """The team that scores a block's members when its table says so (đoàn kiểm tra, chấm điểm): set
    up by a decision, led by a head of team. Members with an account enter the scores themselves;
    otherwise the office enters them from the team's minutes."""

    block = models.OneToOneField(Block, on_delete=models.CASCADE, related_name="inspection_team")
    name = models.CharField("tên đoàn", max_length=200)
    decision_ref = models.CharField("quyết định thành lập", max_length=200, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    objects = InspectionTeamQuerySet.as_manager()

    class Meta:
        verbose_name = "đoàn kiểm tra, chấm điểm"

    def __str__(self):
        return f"{self.name} ({self.block})"


class InspectionTeamMember(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", "Trưởng đoàn"
        DEPUTY = "deputy", "Phó trưởng đoàn"
        MEMBER = "member", "Thành viên"
        SECRETARY = "secretary", "Thư ký"

    team = models.ForeignKey(InspectionTeam, on_delete=models.CASCADE, related_name="members")
    order = models.PositiveSmallIntegerField(default=0)
    full_name = models.CharField("họ và tên", max_length=200)
    position = models.CharField("chức vụ", max_length=200, blank=True)
    workplace = models.CharField("đơn vị công tác", max_length=255, blank=True)
    role = models.CharField("nhiệm vụ trong đoàn", max_length=10, choices=Role.choices, default=Role.MEMBER)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="tài khoản chấm điểm", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="inspection_teams")

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["team", "user"], condition=Q(user__isnull=False),
                                               name="inspection_member_user_unique")]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"
