"""The award catalogue, award records, the decision register, ratings, initiatives, discipline."""
import re

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from tdkt.core.scope import ScopedQuerySet, scope_unit_ids
from tdkt.core.text import fold, normalize_spaces
from tdkt.org.models import Household, Person, Unit

from .choices import (
    Authority,
    AwardCategory,
    AwardStatus,
    CommendationKind,
    DisciplineLevel,
    InitiativeScope,
    RatingLevel,
    SubjectKind,
)


class AwardType(models.Model):
    """One title or form of commendation, keyed by the stable code of award-codes.md."""

    code = models.CharField("mã", max_length=20, unique=True)
    name = models.CharField("tên", max_length=200)
    short_name = models.CharField("tên viết tắt", max_length=40, blank=True)
    category = models.CharField("loại", max_length=16, choices=AwardCategory.choices)
    for_individual = models.BooleanField("cá nhân", default=False)
    for_collective = models.BooleanField("tập thể", default=False)
    for_household = models.BooleanField("hộ gia đình", default=False)
    authority = models.CharField("thẩm quyền quyết định", max_length=20, choices=Authority.choices)
    # Reward money as multiples of the base salary (lương cơ sở), ND 152/2025 Đ50–54; null where
    # the fact sheet marks the figure UNCONFIRMED.
    multiplier_individual = models.DecimalField("hệ số cá nhân", max_digits=5, decimal_places=2, null=True, blank=True)
    multiplier_collective = models.DecimalField("hệ số tập thể", max_digits=5, decimal_places=2, null=True, blank=True)
    multiplier_note = models.CharField("ghi chú mức thưởng", max_length=200, blank=True)
    legal_basis = models.CharField("căn cứ", max_length=200, blank=True)
    rank = models.PositiveSmallIntegerField("thứ bậc", default=0, db_index=True, help_text="Higher is a higher award.")
    # Other ways clerks write the name ("CSTĐCS", "Chiến sỹ thi đua cơ sở"), folded, one per line.
    aliases = models.TextField("tên gọi khác", blank=True)

    class Meta:
        verbose_name = "hình thức, danh hiệu"
        verbose_name_plural = "danh mục khen thưởng"
        ordering = ["-rank", "code"]

    def __str__(self):
        return self.name

    def allows(self, subject_kind: str) -> bool:
        return {
            SubjectKind.INDIVIDUAL: self.for_individual,
            SubjectKind.COLLECTIVE: self.for_collective,
            SubjectKind.HOUSEHOLD: self.for_household,
        }.get(subject_kind, False)

    @property
    def subjects_display(self):
        parts = [label for flag, label in ((self.for_individual, "cá nhân"), (self.for_collective, "tập thể"),
                                           (self.for_household, "hộ gia đình")) if flag]
        return ", ".join(parts)


class IssuingBody(models.Model):
    """An issuing body of the decision register (cơ quan ban hành): a unit and the authority acting
    for it share one series of numbers ("UBND tỉnh Hà Sơn" and "Chủ tịch UBND tỉnh Hà Sơn" are one
    body, Nghị định 30/2020/NĐ-CP Điều 15). Its spellings are `IssuingBodyName` rows; a body names
    no secret, so it is no unit's to hide (the decisions it issued are)."""

    name = models.CharField("cơ quan ban hành", max_length=255)
    unit = models.OneToOneField(Unit, verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="issuing_body")

    class Meta:
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"
        ordering = ["name"]

    def __str__(self):
        return self.name


class IssuingBodyName(models.Model):
    """One way of writing a body's name, by its key (diacritic-free, abbreviations expanded, the
    authority acting for the body left out): a key names one body."""

    body = models.ForeignKey(IssuingBody, on_delete=models.CASCADE, related_name="names")
    name = models.CharField("tên gọi", max_length=255)
    key = models.CharField(max_length=255, unique=True)

    class Meta:
        verbose_name = "tên gọi của cơ quan ban hành"

    def __str__(self):
        return self.name


class DecisionQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        ids = scope_unit_ids(user)
        if ids is None:
            return self
        concerns = AwardRecord.objects.filter(decision=OuterRef("pk"), unit_id__in=ids)
        return self.filter(Q(issuer_unit_id__in=ids) | Exists(concerns))

    def numbered(self):
        return self.exclude(number="")

    def awaiting_number(self):
        return self.filter(number="")


AWAITING_NUMBER = "chờ cấp số"


class Decision(models.Model):
    """A commendation decision (quyết định khen thưởng) of the register.

    A decision issued from a dossier waits for its number (`number` empty, "chờ cấp số") until the
    issuing body's văn thư gives the number and date of its register; `signed_on` is then the date
    given. `seq` is the number's leading figure, by which the register's order is checked."""

    number = models.CharField("số, ký hiệu", max_length=50, blank=True)
    seq = models.PositiveIntegerField("số thứ tự", null=True, blank=True, editable=False)
    signed_on = models.DateField("ngày ký")
    year = models.PositiveSmallIntegerField("năm", editable=False, db_index=True)
    authority = models.CharField("cấp quyết định", max_length=20, choices=Authority.choices)
    issuer_name = models.CharField("cơ quan ban hành", max_length=255)
    body = models.ForeignKey(IssuingBody, verbose_name="cơ quan ban hành (sổ)", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="decisions")
    issuer_unit = models.ForeignKey(Unit, verbose_name="đơn vị ban hành", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="decisions_issued")
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=200, blank=True)
    summary = models.CharField("trích yếu", max_length=500, blank=True)
    number_note = models.CharField("ghi chú cấp số", max_length=500, blank=True)
    file = models.FileField("tệp đính kèm", upload_to="decisions/%Y/", blank=True)
    search_text = models.CharField(max_length=255, editable=False, default="")

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "sổ quyết định"
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "number"], condition=~Q(number=""),
                                    name="decision_body_number_unique"),
        ]
        indexes = [models.Index(fields=["body", "year", "seq"], name="decision_body_year_seq")]

    def __str__(self):
        if self.awaiting_number:
            return f"Quyết định {AWAITING_NUMBER} (ký ngày {self.signed_on:%d/%m/%Y})"
        return f"Quyết định số {self.number} ngày {self.signed_on:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("awards:decision", args=[self.pk])

    @property
    def awaiting_number(self) -> bool:
        return not self.number

    @property
    def number_display(self) -> str:
        return self.number or AWAITING_NUMBER

    def refresh_derived(self):
        self.number = normalize_spaces(self.number)
        match = re.match(r"\d+", self.number)
        self.seq = int(match.group()) if match and len(match.group()) < 9 else None
        self.year = self.signed_on.year
        self.search_text = fold(f"{self.number} {self.summary}")[:255]


# A record (or a nomination) names exactly the one subject its kind says: a person, a collective or a household.
ONE_SUBJECT = (
    Q(subject_kind=SubjectKind.INDIVIDUAL, person__isnull=False, recipient_unit__isnull=True, household__isnull=True)
    | Q(subject_kind=SubjectKind.COLLECTIVE, person__isnull=True, recipient_unit__isnull=False, household__isnull=True)
    | Q(subject_kind=SubjectKind.HOUSEHOLD, person__isnull=True, recipient_unit__isnull=True, household__isnull=False)
)


class AwardRecordQuerySet(ScopedQuerySet):
    scope_field = "unit_id"

    def valid(self):
        return self.filter(status=AwardStatus.VALID)


class AwardRecord(models.Model):
    """One award given to one person, collective or household (a line of the award history).

    Once decided, a record is never edited in place: it is revoked by a recorded act
    (`Revocation`) and, where needed, replaced by a new record."""

    award_type = models.ForeignKey(AwardType, verbose_name="danh hiệu, hình thức", on_delete=models.PROTECT,
                                   related_name="records")
    subject_kind = models.CharField("đối tượng", max_length=12, choices=SubjectKind.choices)
    person = models.ForeignKey(Person, verbose_name="cá nhân", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="awards")
    recipient_unit = models.ForeignKey(Unit, verbose_name="tập thể", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="collective_awards")
    household = models.ForeignKey(Household, verbose_name="hộ gia đình", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="awards")
    # The unit the record belongs to for scope and lists: the person's unit when awarded, the
    # collective itself, or the household's commune.
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="award_records")
    year = models.PositiveSmallIntegerField("năm thành tích")
    kind = models.CharField("loại hình", max_length=24, choices=CommendationKind.choices,
                            default=CommendationKind.REGULAR)
    achievement = models.TextField("thành tích", blank=True)
    decision = models.ForeignKey(Decision, verbose_name="quyết định", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="records")
    status = models.CharField("tình trạng", max_length=10, choices=AwardStatus.choices, default=AwardStatus.VALID)
    # Denormalised for fast lists: the recipient's name and its sort key.
    recipient_name = models.CharField("người/tập thể được khen", max_length=255, editable=False, default="")
    recipient_sort_key = models.CharField(max_length=300, editable=False, default="")

    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "khen thưởng"
        verbose_name_plural = "lịch sử khen thưởng"
        ordering = ["-year", "recipient_sort_key"]
        # The award list filters by year, award and unit and orders by name, award rank or unit name;
        # each index ends with the name key so that the database walks one page instead of sorting a
        # year's ~100,000 records (sorting by award or unit drives the join from the small table).
        indexes = [
            models.Index(fields=["year", "recipient_sort_key"], name="award_year_name"),
            models.Index(fields=["year", "award_type", "recipient_sort_key"], name="award_year_type_name"),
            models.Index(fields=["award_type", "year", "recipient_sort_key"], name="award_type_year_name"),
            # An award with a kind of subject (LĐTT for collectives): without it, a year's LĐTT of every
            # kind were read to find the few collectives (0.3 s at a million records).
            models.Index(fields=["award_type", "subject_kind", "year", "recipient_sort_key"],
                         name="award_type_subject_year_name"),
            models.Index(fields=["unit", "year", "recipient_sort_key"], name="award_unit_year_name"),
            models.Index(fields=["subject_kind", "year", "recipient_sort_key"], name="award_subject_year_name"),
            models.Index(fields=["person", "year"]),
        ]
        constraints = [models.CheckConstraint(name="award_record_one_subject", condition=ONE_SUBJECT)]

    def __str__(self):
        return f"{self.award_type.name} {self.year} – {self.recipient_name}"

    def get_absolute_url(self):
        return reverse("awards:record", args=[self.pk])

    @property
    def recipient(self):
        return self.person or self.recipient_unit or self.household


class Revocation(models.Model):
    """The recorded act that revokes (hủy bỏ, thu hồi) a decided award (Luật TĐKT 2022 Điều 93)."""

    record = models.OneToOneField(AwardRecord, on_delete=models.PROTECT, related_name="revocation")
    act_number = models.CharField("số văn bản thu hồi", max_length=50)
    act_date = models.DateField("ngày văn bản")
    reason = models.TextField("lý do")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "thu hồi khen thưởng"


class RatingQuerySet(ScopedQuerySet):
    scope_field = "unit_id"


class Rating(models.Model):
    """A yearly rating (đánh giá, xếp loại) of a person or a unit."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="ratings")
    rated_unit = models.ForeignKey(Unit, verbose_name="tập thể", null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="unit_ratings")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    level = models.CharField("mức xếp loại", max_length=16, choices=RatingLevel.choices)

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = "xếp loại hằng năm"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], condition=Q(person__isnull=False),
                                    name="rating_person_year_unique"),
            models.UniqueConstraint(fields=["rated_unit", "year"], condition=Q(rated_unit__isnull=False),
                                    name="rating_unit_year_unique"),
            models.CheckConstraint(condition=Q(person__isnull=False, rated_unit__isnull=True)
                                   | Q(person__isnull=True, rated_unit__isnull=False), name="rating_one_subject"),
        ]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self):
        return f"{self.year}: {self.get_level_display()}"


class InitiativeQuerySet(ScopedQuerySet):
    scope_field = "unit_id"


class Initiative(models.Model):
    """An initiative (sáng kiến) recognised at a scope, with its authors."""

    title = models.CharField("tên sáng kiến", max_length=500)
    authors = models.ManyToManyField(Person, verbose_name="tác giả", related_name="initiatives")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="initiatives")
    scope = models.CharField("phạm vi ảnh hưởng", max_length=10, choices=InitiativeScope.choices)
    year = models.PositiveSmallIntegerField("năm")
    decision = models.ForeignKey(Decision, verbose_name="quyết định công nhận", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="initiatives")
    recognized_on = models.DateField("ngày công nhận", null=True, blank=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = "sáng kiến"
        verbose_name_plural = "sáng kiến"
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self):
        return self.title


class DisciplineQuerySet(ScopedQuerySet):
    scope_field = "person__unit_id"


class Discipline(models.Model):
    """A disciplinary measure (kỷ luật) and its period."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disciplines")
    level = models.CharField("hình thức kỷ luật", max_length=12, choices=DisciplineLevel.choices)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)
    decision_number = models.CharField("số quyết định", max_length=50, blank=True)
    reason = models.CharField("lý do", max_length=500, blank=True)

    objects = DisciplineQuerySet.as_manager()

    class Meta:
        verbose_name = "kỷ luật"
        verbose_name_plural = "kỷ luật"
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                                   name="discipline_end_after_start"),
        ]

    def __str__(self):
        return f"{self.get_level_display()} ({self.start:%d/%m/%Y})"
