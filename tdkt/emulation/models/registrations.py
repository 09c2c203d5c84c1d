"""Registration for emulation (đăng ký thi đua): the titles a unit aims for in a year, for itself and
for its people, with its commitments, filed by the province's deadline."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from tdkt.awards.models import AwardType
from tdkt.core.scope import ScopedQuerySet
from tdkt.org.models import Person, Unit

from ..choices import RegistrationStatus


class RegistrationPeriod(models.Model):
    year = models.PositiveSmallIntegerField("năm", unique=True)
    deadline = models.DateField("hạn đăng ký")
    note = models.CharField("căn cứ", max_length=300, blank=True)

    class Meta:
        verbose_name = "thời hạn đăng ký thi đua"
        ordering = ["-year"]

    def __str__(self):
        return f"Đăng ký thi đua năm {self.year}: hạn {self.deadline:%d/%m/%Y}"


class RegistrationQuerySet(ScopedQuerySet):
    scope_field = "unit_id"


class Registration(models.Model):
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="registrations")
    year = models.PositiveSmallIntegerField("năm")
    commitments = models.TextField("nội dung cam kết", blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.DRAFT)
    submitted_at = models.DateTimeField("thời điểm gửi", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "đăng ký thi đua"
        ordering = ["-year", "unit__sort_key"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="registration_unit_year_unique")]

    def __str__(self):
        return f"Đăng ký thi đua năm {self.year} – {self.unit}"


class RegistrationItem(models.Model):
    """One title aimed for: by the unit itself (no person) or by one of its people."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="registrations")
    award_type = models.ForeignKey(AwardType, verbose_name="danh hiệu, hình thức", on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        indexes = [models.Index(fields=["award_type", "registration"])]
        constraints = [
            models.UniqueConstraint(fields=["registration", "person", "award_type"], condition=Q(person__isnull=False),
                                    name="registration_person_unique"),
            models.UniqueConstraint(fields=["registration", "award_type"], condition=Q(person__isnull=True),
                                    name="registration_unit_unique"),
        ]
