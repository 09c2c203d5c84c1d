"""Units (hierarchy and mergers), people and their employment history, households."""
from django.db import models
from django.urls import reverse

from tdkt.core.scope import ScopedQuerySet
from tdkt.core.text import fold, name_sort_key, normalize_spaces, split_name, text_sort_key
from tdkt.rules import ethnicity as ethnic_groups

from .choices import AREA_FLAGS, ETHNICITY_CHOICES, EmploymentKind, Gender, UnitKind


class UnitQuerySet(ScopedQuerySet):
    scope_field = "id"

    def active(self):
        return self.filter(merged_into__isnull=True, dissolved_on__isnull=True)

    def subtree_ids(self, unit) -> frozenset[int]:
        """The unit, its descendants, and (recursively) the units merged into any of them with their
        own descendants. One query when no merger touches the subtree, one more per level of mergers."""
        from functools import reduce
        from operator import or_

        ids: set[int] = set()
        covered: list[str] = []  # paths whose whole subtree has been fetched
        roots = [unit.path]
        while roots:
            covered.extend(roots)
            cond = reduce(or_, (models.Q(path__startswith=p) | models.Q(merged_into__path__startswith=p) for p in roots))
            roots = []
            for pk, path in self.model._default_manager.filter(cond).values_list("id", "path"):
                ids.add(pk)
                # A unit merged in from elsewhere brings its own descendants (and its own mergers) along.
                if not any(path.startswith(p) for p in covered) and path not in roots:
                    roots.append(path)
        return frozenset(ids)


class Unit(models.Model):
    """A unit (đơn vị) of the province. Local government has two tiers since 1/7/2025 (province and
    commune), so the hierarchy is just parent links of any depth: no level is hard-coded. A merged
    unit is kept, read-only, and points to the unit that absorbed it."""

    name = models.CharField("tên đơn vị", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=64, blank=True)
    code = models.CharField("mã đơn vị", max_length=32, unique=True)
    kind = models.CharField("loại đơn vị", max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey("self", verbose_name="đơn vị cấp trên", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    # Materialised path of ids, "/1/7/42/", so that a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="/")
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    merged_into = models.ForeignKey("self", verbose_name="sáp nhập vào", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="merged_units")
    merged_on = models.DateField("ngày sáp nhập", null=True, blank=True)
    dissolved_on = models.DateField("ngày giải thể", null=True, blank=True)
    # Area flags (địa bàn): they hold for the unit and every unit under it; the rule engine reports
    # the priority they give (Luật TĐKT 2022 Điều 5; Luật 06/2026/QH16 from 01/10/2026).
    is_mountainous = models.BooleanField("miền núi", default=False)
    is_ethnic_minority_area = models.BooleanField("vùng đồng bào dân tộc thiểu số", default=False)
    is_extremely_difficult = models.BooleanField("xã đặc biệt khó khăn", default=False)
    is_border = models.BooleanField("biên giới", default=False)
    is_island = models.BooleanField("hải đảo", default=False)
    search_text = models.CharField(max_length=255, editable=False, default="", db_index=True)
    sort_key = models.CharField(max_length=600, editable=False, default="", db_index=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["sort_key"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:unit", args=[self.pk])

    @property
    def is_merged(self):
        return self.merged_into_id is not None

    def final_successor(self):
        """Follow the chain of mergers to the unit that exists today."""
        unit, seen = self, set()
        while unit.merged_into_id and unit.pk not in seen:
            seen.add(unit.pk)
            unit = unit.merged_into
        return unit

    @property
    def own_areas(self) -> tuple[str, ...]:
        """The rule engine's area codes of the unit's own flags ("mountain", "border"…)."""
        return tuple(code for field, _, code in AREA_FLAGS if getattr(self, field))

    @property
    def area_labels(self) -> list[str]:
        return [label for field, label, _ in AREA_FLAGS if getattr(self, field)]

    def subtree_ids(self) -> frozenset[int]:
        """Ids of this unit, its descendants and the units merged into them (the scope of its clerk)."""
        return Unit.objects.subtree_ids(self)

    def ancestors(self):
        ids = [int(p) for p in self.path.strip("/").split("/") if p][:-1]
        by_id = Unit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def refresh_derived(self):
        self.name = normalize_spaces(self.name)
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")
        self.sort_key = text_sort_key(self.name)[:600]


class PersonQuerySet(ScopedQuerySet):
    scope_field = "unit_id"


class Person(models.Model):
    """An individual (cá nhân) who may be rated and awarded."""

    full_name = models.CharField("họ và tên", max_length=150)
    family_name = models.CharField("họ", max_length=50, editable=False, default="")
    middle_name = models.CharField("tên đệm", max_length=100, editable=False, default="")
    given_name = models.CharField("tên", max_length=50, editable=False, default="")
    gender = models.CharField("giới tính", max_length=8, choices=Gender.choices)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    ethnicity = models.CharField("dân tộc", max_length=50, default="Kinh", blank=True, choices=ETHNICITY_CHOICES)
    national_id = models.CharField("số CCCD", max_length=12, blank=True, default="")
    position = models.CharField("chức vụ", max_length=200, blank=True)
    is_leader = models.BooleanField("là lãnh đạo, quản lý", default=False)
    is_direct_worker = models.BooleanField("người trực tiếp lao động, sản xuất", default=False)
    employment_kind = models.CharField("loại cán bộ", max_length=20, choices=EmploymentKind.choices,
                                       default=EmploymentKind.PUBLIC_EMPLOYEE)
    hired_on = models.DateField("ngày vào làm", null=True, blank=True)
    # The unit of the person's current employment (kept in step with Employment by the services).
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="people")
    search_text = models.CharField(max_length=150, editable=False, default="")
    sort_key = models.CharField(max_length=300, editable=False, default="")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "cá nhân"
        verbose_name_plural = "cá nhân"
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["unit", "sort_key"]),
            # Covering index for the name search: SQLite walks it in Vietnamese order and tests the
            # folded name inside the index, without touching the table (PostgreSQL uses the trigram
            # index of migration 0002 for the test and this one for the order).
            models.Index(fields=["sort_key", "search_text"], name="org_person_sort_search"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["national_id"], condition=~models.Q(national_id=""),
                                    name="person_national_id_unique"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("org:person", args=[self.pk])

    def refresh_derived(self):
        self.full_name = normalize_spaces(self.full_name)
        # a variant spelling ("H'Mông", "Khơ-me") is stored as the official name; an unknown one as written
        self.ethnicity = ethnic_groups.canonical(self.ethnicity) or normalize_spaces(self.ethnicity or "")
        self.family_name, self.middle_name, self.given_name = split_name(self.full_name)
        self.search_text = fold(self.full_name)
        self.sort_key = name_sort_key(self.full_name)[:300]


class Employment(models.Model):
    """One period of a person's work at a unit in a post (quá trình công tác)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="employments")
    post = models.CharField("chức vụ", max_length=200, blank=True)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "quá trình công tác"
        ordering = ["person", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                                   name="employment_end_after_start"),
        ]

    def __str__(self):
        return f"{self.person} – {self.unit} ({self.start:%d/%m/%Y})"


class HouseholdQuerySet(ScopedQuerySet):
    scope_field = "unit_id"


class Household(models.Model):
    """A household (hộ gia đình) of a commune, for Gia đình văn hóa and household commendations."""

    head_name = models.CharField("chủ hộ", max_length=150)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    unit = models.ForeignKey(Unit, verbose_name="xã, phường", on_delete=models.PROTECT, related_name="households")
    search_text = models.CharField(max_length=150, editable=False, default="")

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = "hộ gia đình"
        verbose_name_plural = "hộ gia đình"

    def __str__(self):
        return f"Hộ {self.head_name}"

    def refresh_derived(self):
        self.head_name = normalize_spaces(self.head_name)
        self.search_text = fold(self.head_name)
