"""Roles of the users of the system."""
from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    OFFICER = "officer", "Chuyên viên Ban Thi đua – Khen thưởng tỉnh"
    CLERK = "clerk", "Cán bộ TĐKT đơn vị"
    COUNCIL = "council", "Thành viên Hội đồng TĐKT"
    LEADER = "leader", "Lãnh đạo ký quyết định"
    VIEWER = "viewer", "Người xem"


# The commendation office (Ban Thi đua – Khen thưởng / Sở Nội vụ) and the system's administrator:
# appraisal, council sessions, disclosure, forwarding, blocks, batch runs. The one definition;
# `tdkt.core.scope.is_office(user)` asks it.
OFFICE_ROLES = frozenset({Role.ADMIN, Role.OFFICER})
# Roles that see every unit of the province (a viewer or leader with a unit is limited to it).
PROVINCE_WIDE_ROLES = OFFICE_ROLES | {Role.COUNCIL}
# Roles that may create and change records (clerks within their scope).
WRITE_ROLES = {Role.ADMIN, Role.OFFICER, Role.CLERK}


class AuditAction(models.TextChoices):
    CREATE = "create", "Tạo mới"
    UPDATE = "update", "Sửa"
    DELETE = "delete", "Xóa"
    REVOKE = "revoke", "Thu hồi"
    MERGE = "merge", "Sáp nhập"
    IMPORT = "import", "Nhập từ Excel"
    LOGIN = "login", "Đăng nhập"


# Labels of every audit action: the generic ones above and the typed actions each app registers for
# its transitions ("dossier.submit", "ballot.close"), so that the history tab names them in Vietnamese.
ACTION_LABELS: dict[str, str] = dict(AuditAction.choices)


def register_actions(choices: type[models.TextChoices]) -> type[models.TextChoices]:
    """Add an app's typed audit actions (a TextChoices whose values read "noun.verb") to the labels."""
    ACTION_LABELS.update(choices.choices)
    return choices


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


class BackupAction(models.TextChoices):
    """The audit trail of `tdkt backup` and `tdkt restore` (tdkt.core.backup)."""

    BACKUP = "system.backup", "Sao lưu dữ liệu"
    RESTORE = "system.restore", "Khôi phục dữ liệu từ bản sao lưu"


register_actions(BackupAction)
