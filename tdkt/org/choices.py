"""Kinds of units, genders, employment kinds, ethnic groups and the area flags of units."""
from django.db import models

from tdkt.rules import ethnicity as ethnic_groups


class UnitKind(models.TextChoices):
    PROVINCE = "province", "UBND tỉnh"
    DEPARTMENT = "department", "Sở, ban, ngành"
    COMMUNE = "commune", "UBND xã, phường, đặc khu"
    PUBLIC_SERVICE = "public_service", "Đơn vị sự nghiệp công lập"
    SCHOOL = "school", "Trường học"
    HOSPITAL = "hospital", "Bệnh viện, trung tâm y tế"
    ENTERPRISE = "enterprise", "Doanh nghiệp"
    ASSOCIATION = "association", "Hội, đoàn thể"
    DIVISION = "division", "Phòng, ban chuyên môn"
    VILLAGE = "village", "Thôn, tổ dân phố"
    OTHER = "other", "Khác"


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class EmploymentKind(models.TextChoices):
    CADRE = "cadre", "Cán bộ"
    CIVIL_SERVANT = "civil_servant", "Công chức"
    PUBLIC_EMPLOYEE = "public_employee", "Viên chức"
    WORKER = "worker", "Người lao động"
    ARMED_FORCES = "armed_forces", "Lực lượng vũ trang"
    FARMER = "farmer", "Nông dân"
    OTHER = "other", "Khác"


# The 54 ethnic groups of Vietnam (official names, tdkt.rules.ethnicity): the value stored is the
# official name, as the person column always held ("Kinh", "Tày"…).
ETHNICITY_CHOICES = [(name, name) for name in ethnic_groups.NAMES]

# Area flags of a unit (the model field, its Vietnamese label, the rule engine's area code).
# Priority: border, island and very difficult areas (Luật TĐKT 2022 Điều 5); ethnic minority and
# mountain areas from 01/10/2026 (Luật 06/2026/QH16).
AREA_FLAGS = (
    ("is_mountainous", "Miền núi", "mountain"),
    ("is_ethnic_minority_area", "Vùng đồng bào dân tộc thiểu số", "ethnic_minority"),
    ("is_extremely_difficult", "Xã đặc biệt khó khăn", "extreme_difficulty"),
    ("is_border", "Biên giới", "border"),
    ("is_island", "Hải đảo", "island"),
)
AREA_FIELDS = tuple(name for name, _, _ in AREA_FLAGS)
