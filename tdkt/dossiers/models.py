"""Nomination dossiers (hồ sơ đề nghị khen thưởng), their nominees, attachments and status history;
quotas; notifications to units; council sessions with their secret e-ballot; public comments.

Every write goes through `services.py`. Rules that must never break are database constraints:
one open dossier per nominee, award and year; one ballot per member and agenda item.
"""
from __future__ import annotations

import pathlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from tdkt.awards.choices import Authority, CommendationKind, SubjectKind
from tdkt.awards.models import ONE_SUBJECT, AwardRecord, AwardType, Decision
from tdkt.core.models import StoredFile, stored_file_path
from tdkt.core.scope import ScopedQuerySet, ScopedThroughQuerySet, can_write, scope_unit_ids
from tdkt.org.models import Household, Person, Unit

from .choices import Appraisal, AttachmentKind, DossierStatus, SessionStatus, VoteResult


class DossierQuerySet(ScopedQuerySet):
    scope_field = "proposing_unit_id"

    def visible_to(self, user):
        """The unit's scope, and for a council member the dossiers on the agenda of the sessions they
        sit on (to read before voting, whatever their own unit: a leader bound to a department)."""
        ids = scope_unit_ids(user)
        if ids is None or not getattr(user, "pk", None):
            return super().visible_to(user)
        on_agenda = AgendaItem.objects.filter(nominee__dossier=OuterRef("pk"), session__memberships__user_id=user.pk)
        return self.filter(Q(proposing_unit_id__in=ids) | Exists(on_agenda))

    def open(self):
        from .choices import CLOSED_STATUSES

        return self.exclude(status__in=CLOSED_STATUSES)

    def on_disclosure(self):
        """PUBLIC: the dossiers whose list of nominees is under public disclosure today (Luật TĐKT
        2022 Điều 84): anyone, signed in or not, may read them and comment. No scope applies."""
        from tdkt.core import clock

        return self.filter(status=DossierStatus.DISCLOSURE, disclosure_end__gte=clock.today())


class Dossier(models.Model):
    """A unit's proposal (tờ trình) to an authority to reward a list of nominees."""

    title = models.CharField("trích yếu", max_length=300)
    proposing_unit = models.ForeignKey(Unit, verbose_name="đơn vị đề nghị", on_delete=models.PROTECT,
                                       related_name="dossiers")
    authority = models.CharField("cấp có thẩm quyền", max_length=20, choices=Authority.choices)
    kind = models.CharField("loại hình khen thưởng", max_length=24, choices=CommendationKind.choices,
                            default=CommendationKind.REGULAR)
    movement = models.CharField("phong trào thi đua", max_length=300, blank=True,
                                help_text="Với khen thưởng chuyên đề: tên phong trào, đợt thi đua.")
    year = models.PositiveSmallIntegerField("năm thành tích")
    period_start = models.PositiveSmallIntegerField("từ năm", null=True, blank=True)
    period_end = models.PositiveSmallIntegerField("đến năm", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=16, choices=DossierStatus.choices,
                              default=DossierStatus.DRAFT, db_index=True)
    due_on = models.DateField("hạn xử lý bước hiện tại", null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="người lập")
    created_at = models.DateTimeField("ngày lập", auto_now_add=True)
    submitted_on = models.DateField("ngày nộp", null=True, blank=True)
    disclosure_start = models.DateField("công khai từ ngày", null=True, blank=True)
    disclosure_end = models.DateField("công khai đến hết ngày", null=True, blank=True)
    decision = models.ForeignKey(Decision, verbose_name="quyết định khen thưởng", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="dossiers")
    forwarded_on = models.DateField("ngày trình cấp trên", null=True, blank=True)
    letter_number = models.CharField("số tờ trình của đơn vị", max_length=50, blank=True,
                                     help_text="Ví dụ: 25/TTr-SYT. Dùng trong phần căn cứ của quyết định.")
    letter_date = models.DateField("ngày tờ trình", null=True, blank=True)
    forward_number = models.CharField("số tờ trình trình cấp trên", max_length=50, blank=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = "hồ sơ đề nghị khen thưởng"
        verbose_name_plural = "hồ sơ đề nghị khen thưởng"
        ordering = ["-id"]
        indexes = [models.Index(fields=["proposing_unit", "status"]), models.Index(fields=["year", "status"])]
        constraints = [
            models.CheckConstraint(name="dossier_period_order",
                                   condition=Q(period_start__isnull=True) | Q(period_end__isnull=True)
                                   | Q(period_end__gte=models.F("period_start"))),
        ]

    def __str__(self):
        return f"Hồ sơ {self.code}: {self.title}"

    @property
    def code(self) -> str:
        return f"HS-{self.year}-{self.pk or 0:05d}"

    def get_absolute_url(self):
        return reverse("dossiers:detail", args=[self.pk])

    @property
    def is_simplified(self) -> bool:
        """Ad-hoc awards follow the simplified procedure (Luật TĐKT 2022 Điều 85)."""
        return self.kind == CommendationKind.AD_HOC

    @property
    def goes_upward(self) -> bool:
        """Awards the Prime Minister or the President decides: the province forwards the dossier."""
        return self.authority in (Authority.PRIME_MINISTER, Authority.PRESIDENT)


class DossierTransition(models.Model):
    """One change of a dossier's status: who, when, from what, to what, and why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transitions")
    at = models.DateTimeField("thời điểm", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name="người thực hiện")
    from_status = models.CharField("từ trạng thái", max_length=16, choices=DossierStatus.choices, blank=True)
    to_status = models.CharField("sang trạng thái", max_length=16, choices=DossierStatus.choices)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "lịch sử xử lý hồ sơ"
        ordering = ["at", "id"]


class NomineeQuerySet(ScopedQuerySet):
    scope_field = "dossier__proposing_unit_id"


class Nominee(models.Model):
    """One person, collective or household proposed for one award in a dossier, with the appraisal
    and the council's result of that proposal."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominees")
    order = models.PositiveIntegerField("số thứ tự", default=0)
    subject_kind = models.CharField("đối tượng", max_length=12, choices=SubjectKind.choices)
    person = models.ForeignKey(Person, verbose_name="cá nhân", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="nominations")
    recipient_unit = models.ForeignKey(Unit, verbose_name="tập thể", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="nominations")
    household = models.ForeignKey(Household, verbose_name="hộ gia đình", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="nominations")
    # The subject's own unit (the person's unit, the collective itself, the household's commune): the
    # unit a council member is recused for.
    unit = models.ForeignKey(Unit, verbose_name="đơn vị của đối tượng", on_delete=models.PROTECT, related_name="+")
    award_type = models.ForeignKey(AwardType, verbose_name="hình thức đề nghị", on_delete=models.PROTECT,
                                   related_name="nominations")
    year = models.PositiveSmallIntegerField("năm thành tích")
    achievement = models.TextField("tóm tắt thành tích")
    # The grounds only people can judge that the unit states, each with its evidence:
    # [{"code": "outstanding_in_movement", "evidence": "…"}] (services/grounds.py).
    claims = models.JSONField("căn cứ đề nghị", default=list, blank=True)
    recipient_name = models.CharField("họ tên, tên tập thể", max_length=255, default="")
    recipient_line = models.CharField("chức vụ, đơn vị", max_length=400, blank=True, default="")
    recipient_sort_key = models.CharField(max_length=300, editable=False, default="")
    # Still holds the "one open dossier per nominee, award and year" slot.
    is_open = models.BooleanField(default=True, editable=False)

    # The rule engine's verdict, frozen at submission and refreshed on demand.
    verdict = models.JSONField("kết quả kiểm tra điều kiện", null=True, blank=True)
    verdict_eligible = models.BooleanField("đủ điều kiện theo quy định", null=True)
    verdict_at = models.DateTimeField("thời điểm kiểm tra", null=True, blank=True)

    appraisal = models.CharField("kết quả thẩm định", max_length=10, choices=Appraisal.choices,
                                 default=Appraisal.PENDING)
    appraisal_reason = models.TextField("lý do, yêu cầu bổ sung", blank=True)
    justification = models.TextField("giải trình khi chấp thuận trái kết quả kiểm tra", blank=True)
    appraised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    appraised_at = models.DateTimeField(null=True, blank=True)

    vote_result = models.CharField("kết quả bỏ phiếu", max_length=10, choices=VoteResult.choices, blank=True)
    award_record = models.OneToOneField(AwardRecord, verbose_name="khen thưởng đã quyết định", null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="nominee")

    objects = NomineeQuerySet.as_manager()

    class Meta:
        verbose_name = "đối tượng đề nghị"
        verbose_name_plural = "đối tượng đề nghị"
        # By the column, not the relation: ordering by "dossier" would join the dossier table for its own
        # ordering in every list of nominees.
        ordering = ["dossier_id", "order", "id"]
        indexes = [models.Index(fields=["award_type", "year", "appraisal"])]
        constraints = [
            models.CheckConstraint(name="nominee_one_subject", condition=ONE_SUBJECT),
            # One open dossier per nominee, award and year (design.md rule 3).
            models.UniqueConstraint(fields=["person", "award_type", "year"], condition=Q(is_open=True, person__isnull=False),
                                    name="nominee_open_person_unique"),
            models.UniqueConstraint(fields=["recipient_unit", "award_type", "year"],
                                    condition=Q(is_open=True, recipient_unit__isnull=False),
                                    name="nominee_open_unit_unique"),
            models.UniqueConstraint(fields=["household", "award_type", "year"],
                                    condition=Q(is_open=True, household__isnull=False),
                                    name="nominee_open_household_unique"),
        ]

    def __str__(self):
        return f"{self.recipient_name} – {self.award_type.name} {self.year}"

    @property
    def subject(self):
        return self.person or self.recipient_unit or self.household

    @property
    def failed_checks(self) -> list[dict]:
        return [c for c in (self.verdict or {}).get("checks", []) if c.get("passed") is False]

    @property
    def pending_checks(self) -> list[dict]:
        return [c for c in (self.verdict or {}).get("checks", []) if c.get("passed") is None]


# Referenced by migration 0001; attachments now take their path from tdkt.core.models.StoredFile.
attachment_path = stored_file_path


class AttachmentQuerySet(ScopedQuerySet):
    scope_field = "dossier__proposing_unit_id"

    def visible_to(self, user):
        """The unit's scope, and for a council member the documents of the dossiers on the agenda of the
        sessions they sit on (read before voting, as `DossierQuerySet.visible_to` lets them read the
        dossier). Reading only: `editable_by` keeps to the unit's scope."""
        ids = scope_unit_ids(user)
        if ids is None or not getattr(user, "pk", None):
            return super().visible_to(user)
        on_agenda = AgendaItem.objects.filter(nominee__dossier=OuterRef("dossier_id"),
                                              session__memberships__user_id=user.pk)
        return self.filter(Q(dossier__proposing_unit_id__in=ids) | Exists(on_agenda))

    def editable_by(self, user):
        return super().visible_to(user) if can_write(user) else self.none()


class Attachment(StoredFile):
    """A typed document of a dossier (tờ trình, biên bản) or of one nominee (báo cáo thành tích,
    certifications). Stored outside the web root and served only through a scoped view."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    nominee = models.ForeignKey(Nominee, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments",
                                verbose_name="đối tượng")
    kind = models.CharField("loại tài liệu", max_length=12, choices=AttachmentKind.choices)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = "tài liệu kèm theo"
        verbose_name_plural = "tài liệu kèm theo"
        ordering = ["kind", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"

    def storage_folder(self) -> str:
        return f"dossiers/{self.dossier_id}"


class Quota(models.Model):
    """A cap on how many may be passed for an award: for one proposing unit or the whole province,
    for one year or every year (e.g. Bằng khen tỉnh: at most 15 individuals of Sở Y tế in 2025)."""

    award_type = models.ForeignKey(AwardType, verbose_name="hình thức", on_delete=models.CASCADE, related_name="quotas")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị đề nghị", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="quotas", help_text="Để trống: áp dụng cho toàn tỉnh.")
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True, help_text="Để trống: áp dụng mọi năm.")
    max_count = models.PositiveIntegerField("số lượng tối đa")
    basis = models.CharField("căn cứ", max_length=300, blank=True)

    class Meta:
        verbose_name = "chỉ tiêu khen thưởng"
        verbose_name_plural = "chỉ tiêu khen thưởng"
        constraints = [
            # NULL (province-wide, every year) rows are kept unique by the service.
            models.UniqueConstraint(fields=["award_type", "unit", "year"], name="quota_unique"),
        ]

    def __str__(self):
        where = self.unit.name if self.unit_id else "toàn tỉnh"
        when = f"năm {self.year}" if self.year else "mọi năm"
        return f"{self.award_type.name}: tối đa {self.max_count} ({where}, {when})"


class NotificationQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The notices a user reads: those addressed to them by name, and, for an account bound to a
        unit, those addressed to the units in its scope. A province-wide account (the office, the
        council) reads only its own: the units' notices are theirs."""
        if not getattr(user, "is_authenticated", False) or not getattr(user, "pk", None):
            return self.none()
        mine = Q(user_id=user.pk)
        ids = scope_unit_ids(user)
        if ids:
            mine |= Q(user__isnull=True, unit_id__in=ids)
        return self.filter(mine)

    def editable_by(self, user):
        """Marking as read is for whoever reads the notice."""
        return self.visible_to(user)


class Notification(models.Model):
    """A notice in the app, to a unit (read by its accounts) or to one account (a council member, an
    officer); the same text goes by e-mail to the addresses in `emailed_to` (tdkt.dossiers.notices)."""

    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="notifications")
    dossier = models.ForeignKey(Dossier, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications")
    subject = models.CharField("tiêu đề", max_length=200, blank=True)
    message = models.TextField("nội dung")
    link = models.CharField("đường dẫn", max_length=300, blank=True)
    # A reminder's identity ("remind:registration:2026:2026-03-15"): sent once per recipient.
    key = models.CharField(max_length=200, blank=True, db_index=True)
    emailed_to = models.TextField("đã gửi thư đến", blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "thông báo"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "read_at"]), models.Index(fields=["user", "read_at"])]
        constraints = [models.CheckConstraint(condition=Q(unit__isnull=False) | Q(user__isnull=False),
                                              name="notification_has_recipient")]

    def __str__(self):
        return self.subject or self.message[:80]

    def get_link(self) -> str:
        if self.link:
            return self.link
        return self.dossier.get_absolute_url() if self.dossier_id else ""


class CouncilSessionQuerySet(ScopedQuerySet):
    """A council session is no unit's: the office (which runs it) and the leader (who signs what it
    passed) see every session; a member sees the sessions they sit on; nobody else sees any."""

    def visible_to(self, user):
        from tdkt.core.choices import Role
        from tdkt.core.scope import is_office, role_of

        if not getattr(user, "is_authenticated", False) or not getattr(user, "pk", None):
            return self.none()
        if is_office(user) or role_of(user) == Role.LEADER:
            return self
        return self.filter(Exists(SessionMember.objects.filter(session=OuterRef("pk"), user_id=user.pk)))

    def editable_by(self, user):
        """Only the office sets up, opens and closes a session (members vote through the ballot)."""
        from tdkt.core.scope import is_office

        return self if is_office(user) else self.none()


class CouncilSession(models.Model):
    """A meeting of the Emulation and Commendation Council that votes on an agenda of nominees."""

    title = models.CharField("tên phiên họp", max_length=300)
    council_name = models.CharField("hội đồng", max_length=300,
                                    default="Hội đồng Thi đua – Khen thưởng tỉnh")
    held_on = models.DateField("ngày họp")
    place = models.CharField("địa điểm", max_length=200, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=SessionStatus.choices,
                              default=SessionStatus.PREPARING)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="SessionMember", related_name="council_sessions")
    chair_name = models.CharField("chủ trì", max_length=150, blank=True)
    secretary_name = models.CharField("thư ký", max_length=150, blank=True)
    # Share of the membership that must take part for the votes to count (quorum).
    quorum = models.DecimalField("tỷ lệ tham dự tối thiểu", max_digits=4, decimal_places=3)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    present_count = models.PositiveIntegerField("số thành viên tham gia", null=True, blank=True)

    objects = CouncilSessionQuerySet.as_manager()

    class Meta:
        verbose_name = "phiên họp Hội đồng"
        verbose_name_plural = "phiên họp Hội đồng"
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("dossiers:session", args=[self.pk])


class SessionMember(models.Model):
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The unit whose nominees the member is recused from (their own unit), fixed when the session is set up.
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    role_in_council = models.CharField("chức danh trong Hội đồng", max_length=100, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="session_member_unique")]


class AgendaItemQuerySet(ScopedThroughQuerySet):
    """An agenda item is visible with its session (council members, the office, the leader)."""

    through = "session"


class AgendaItem(models.Model):
    """One nominee on a session's agenda, with the running tally of the secret ballot.

    The tally holds counts only; who voted is kept apart in `BallotReceipt` (to refuse a second
    vote) without the choice, so no table links a member to how they voted."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="items")
    nominee = models.ForeignKey(Nominee, on_delete=models.PROTECT, related_name="agenda_items")
    order = models.PositiveIntegerField(default=0)
    # The share of agreeing votes the award needs (legal-rules.md §2.5), fixed when put on the agenda.
    threshold = models.DecimalField("tỷ lệ đồng ý cần đạt", max_digits=4, decimal_places=3)
    strict = models.BooleanField("phải vượt (quá bán)", default=False)
    agree = models.PositiveIntegerField("đồng ý", default=0)
    disagree = models.PositiveIntegerField("không đồng ý", default=0)
    result = models.CharField("kết quả", max_length=10, choices=VoteResult.choices, blank=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "nominee"], name="agenda_item_unique")]


class BallotReceipt(models.Model):
    """That a member has voted on an item, without what they chose."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="ballot_once")]


class Recusal(models.Model):
    """A member who does not vote on an item: their own unit's nominee, or a declared conflict."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField("lý do", max_length=300)
    declared = models.BooleanField("tự khai báo xung đột lợi ích", default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="recusal_once")]


class DisclosureCommentQuerySet(ScopedQuerySet):
    scope_field = "dossier__proposing_unit_id"


class DisclosureComment(models.Model):
    """A comment from the public on a dossier under disclosure (công khai)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="comments")
    nominee = models.ForeignKey(Nominee, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField("họ và tên", max_length=150)
    contact = models.CharField("điện thoại hoặc thư điện tử", max_length=150)
    content = models.TextField("nội dung góp ý", max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    handled = models.BooleanField("đã xử lý", default=False)
    handling_note = models.TextField("kết quả xử lý", blank=True)

    objects = DisclosureCommentQuerySet.as_manager()

    class Meta:
        verbose_name = "ý kiến góp ý"
        ordering = ["-created_at"]


# --- What the decision produces ---------------------------------------------------------------

def generated_path(instance, filename):
    """Generated files live under MEDIA_ROOT (outside the web root) with a random name; a scoped
    view or the public verification page serves them."""
    return f"issued/{instance.dossier_id}/{uuid.uuid4().hex}{pathlib.PurePath(filename).suffix}"


class IssuedFileKind(models.TextChoices):
    DECISION_PDF = "decision_pdf", "Quyết định (PDF, ký số)"
    DECISION_DOCX = "decision_docx", "Quyết định (Word)"
    PACKAGE = "package", "Bộ hồ sơ trình cấp trên (ZIP)"


class IssuedFileQuerySet(ScopedQuerySet):
    scope_field = "dossier__proposing_unit_id"


class IssuedFile(models.Model):
    """A document the system generated for a dossier: the decision as PDF and Word, the package
    forwarded upward. Generated once; regenerated only when missing."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="issued_files")
    kind = models.CharField("loại văn bản", max_length=16, choices=IssuedFileKind.choices)
    file = models.FileField(upload_to=generated_path)
    download_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IssuedFileQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dossier", "kind"], name="issued_file_once")]


class CertificateQuerySet(ScopedQuerySet):
    scope_field = "dossier__proposing_unit_id"


class Certificate(models.Model):
    """The certificate (Bằng khen, Giấy khen, Chiến sĩ thi đua, Cờ thi đua) of one award record.

    `order` is the recipient's number in the decision's list, printed as "Số sổ vàng" (ND 98/2023
    Đ104; documents-and-reports.md §3.5). `code` is the random key of the public verification page
    the QR code opens (not guessable, so the register cannot be walked); `serial` is printed."""

    award_record = models.OneToOneField(AwardRecord, on_delete=models.PROTECT, related_name="certificate")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="certificates")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="certificates")
    order = models.PositiveIntegerField("số sổ vàng")
    serial = models.CharField("mã số bằng", max_length=40, unique=True)
    code = models.CharField(max_length=32, unique=True)
    layout_name = models.CharField(max_length=20)
    file = models.FileField(upload_to=generated_path, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = "bằng, giấy chứng nhận"
        ordering = ["decision_id", "order"]
        constraints = [models.UniqueConstraint(fields=["decision", "order"], name="certificate_order_unique")]

    def __str__(self):
        return f"Bằng số {self.serial}"

    def get_absolute_url(self):
        return reverse("dossiers:verify", args=[self.code])


class CertificateLayoutSetting(models.Model):
    """The province's own positions for a certificate blank (phôi), in millimetres, as validated
    JSON (tdkt.documents.certificate.layout_from_dict); the built-in layout when absent."""

    name = models.CharField(max_length=20, unique=True)
    data = models.JSONField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "mẫu in phôi"
