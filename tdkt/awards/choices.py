"""Categories, subjects, authorities, commendation kinds, ratings, initiative scopes, discipline levels.

Codes are those of shared/domain/award-codes.md.
"""
from django.db import models


class AwardCategory(models.TextChoices):
    TITLE = "title", "Danh hiệu thi đua"
    COMMENDATION = "commendation", "Hình thức khen thưởng"
    HONORARY = "honorary", "Danh hiệu vinh dự Nhà nước"


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    HOUSEHOLD = "household", "Hộ gia đình"


# The field that names the recipient of each subject kind (award records and nominations alike).
SUBJECT_FIELDS = {SubjectKind.INDIVIDUAL: "person", SubjectKind.COLLECTIVE: "recipient_unit",
                  SubjectKind.HOUSEHOLD: "household"}


class Authority(models.TextChoices):
    """Who confers an award (legal-rules.md §5)."""

    UNIT_HEAD = "unit_head", "Thủ trưởng cơ quan, đơn vị; Giám đốc sở; Giám đốc doanh nghiệp"
    COMMUNE_CHAIR = "commune_chair", "Chủ tịch UBND cấp xã"
    PROVINCE_CHAIR = "province_chair", "Chủ tịch UBND tỉnh; Bộ trưởng, Thủ trưởng ban, ngành"
    PRIME_MINISTER = "prime_minister", "Thủ tướng Chính phủ"
    PRESIDENT = "president", "Chủ tịch nước"


class CommendationKind(models.TextChoices):
    REGULAR = "regular", "Công trạng, thường xuyên"
    THEMATIC = "thematic", "Chuyên đề, theo đợt"
    AD_HOC = "ad_hoc", "Đột xuất"
    CAREER = "career", "Quá trình cống hiến"
    LONG_SERVICE = "long_service", "Niên hạn"
    FOREIGN = "foreign", "Đối ngoại"
    # Luật 06/2026/QH16 (from 01/10/2026): the rule engine refuses them for earlier proposals.
    THEMATIC_MOVEMENT = "thematic_movement", "Phong trào thi đua theo chuyên đề (Luật 06/2026)"
    THEMATIC_TOPIC = "thematic_topic", "Khen thưởng chuyên đề (Luật 06/2026)"


class RatingLevel(models.TextChoices):
    EXCELLENT = "excellent", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "good", "Hoàn thành tốt nhiệm vụ"
    COMPLETED = "completed", "Hoàn thành nhiệm vụ"
    NOT_COMPLETED = "not_completed", "Không hoàn thành nhiệm vụ"


class InitiativeScope(models.TextChoices):
    UNIT = "unit", "Cơ sở"
    PROVINCE = "province", "Bộ, ngành, tỉnh"
    NATIONAL = "national", "Toàn quốc"


class DisciplineLevel(models.TextChoices):
    REPRIMAND = "reprimand", "Khiển trách"
    WARNING = "warning", "Cảnh cáo"
    DEMOTION = "demotion", "Hạ bậc lương"
    DOWNGRADE = "downgrade", "Giáng chức"
    REMOVAL = "removal", "Cách chức"
    DISMISSAL = "dismissal", "Buộc thôi việc"


class AwardStatus(models.TextChoices):
    VALID = "valid", "Có hiệu lực"
    REVOKED = "revoked", "Đã thu hồi, hủy bỏ"
