"""Kinds of units, genders, employment kinds."""
from django.db import models


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
