"""Kinds and statuses of the emulation app: blocks and clusters, scoring, block votes, covenants,
registrations, movements and key tasks (names from shared/domain/glossary.md)."""
from django.db import models

from tdkt.core.choices import register_actions


class BlockKind(models.TextChoices):
    """Khối groups units of like function; cụm groups units of one area (blocks-and-scoring.md §0)."""

    BLOCK = "block", "Khối thi đua"
    CLUSTER = "cluster", "Cụm thi đua"


class YearKind(models.TextChoices):
    CALENDAR = "calendar", "Năm dương lịch"
    SCHOOL = "school", "Năm học"


class MemberRole(models.TextChoices):
    HEAD = "head", "Trưởng khối"
    DEPUTY = "deputy", "Phó trưởng khối"
    MEMBER = "member", "Thành viên"


class BlockStatus(models.TextChoices):
    """Where a block's year stands: the scoring table is built, scores are given, then closed."""

    SETUP = "setup", "Đang xây dựng bảng điểm"
    SCORING = "scoring", "Đang chấm điểm"
    CLOSED = "closed", "Đã khóa điểm, công bố xếp hạng"


class BlockScorer(models.TextChoices):
    """Who gives the block's own score of each member (after the self-score)."""

    HEAD = "head", "Trưởng khối chấm (phó khối chấm đơn vị trưởng khối)"
    PEERS = "peers", "Các đơn vị trong khối chấm chéo (lấy bình quân)"
    INSPECTION = "inspection", "Đoàn kiểm tra chấm"


class CriterionKind(models.TextChoices):
    REGULAR = "regular", "Tiêu chí chấm điểm"
    BONUS = "bonus", "Điểm thưởng"
    DEDUCTION = "deduction", "Điểm trừ"


class ScoreStage(models.TextChoices):
    SELF = "self", "Đơn vị tự chấm"
    HEAD = "head", "Trưởng khối chấm"
    PEER = "peer", "Đơn vị trong khối chấm chéo"
    INSPECTION = "inspection", "Đoàn kiểm tra chấm"
    OFFICE = "office", "Ban Thi đua – Khen thưởng điều chỉnh"


class DocumentKind(models.TextChoices):
    PROGRAMME = "programme", "Chương trình công tác năm"
    REGULATION = "regulation", "Quy chế hoạt động"
    SCORING_TABLE = "scoring_table", "Bảng điểm, hướng dẫn chấm điểm"
    PLAN = "plan", "Kế hoạch"
    MINUTES = "minutes", "Biên bản"
    OTHER = "other", "Tài liệu khác"


class RoundStatus(models.TextChoices):
    OPEN = "open", "Đang bỏ phiếu"
    CLOSED = "closed", "Đã kiểm phiếu"


class SelectionMethod(models.TextChoices):
    VOTE = "vote", "Bỏ phiếu kín trong khối"
    HEAD_DEPUTY = "head_deputy", "Trưởng khối và phó khối quyết định"


class CovenantKind(models.TextChoices):
    BLOCK = "block", "Giao ước giữa các đơn vị trong khối"
    PROVINCE_COMMUNE = "province_commune", "Giao ước giữa Chủ tịch UBND tỉnh và Chủ tịch UBND xã"


class CovenantStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SIGNING = "signing", "Đang ký kết"
    SIGNED = "signed", "Đã ký kết"


class Direction(models.TextChoices):
    HIGHER = "higher", "Càng cao càng tốt (đạt khi ≥ chỉ tiêu)"
    LOWER = "lower", "Càng thấp càng tốt (đạt khi ≤ chỉ tiêu)"


class ResultPeriod(models.TextChoices):
    MID_YEAR = "mid_year", "Sơ kết 6 tháng"
    YEAR_END = "year_end", "Tổng kết năm"


class Fulfilment(models.TextChoices):
    EXCEEDED = "exceeded", "Vượt"
    MET = "met", "Đạt"
    NOT_MET = "not_met", "Không đạt"
    PENDING = "pending", "Chưa có số liệu"


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", "Đang lập"
    SUBMITTED = "submitted", "Đã gửi"


class MovementKind(models.TextChoices):
    REGULAR = "regular", "Thường xuyên"
    THEMATIC = "thematic", "Chuyên đề, theo đợt"


class PeriodKind(models.TextChoices):
    CALENDAR_YEAR = "calendar_year", "Năm dương lịch"
    SCHOOL_YEAR = "school_year", "Năm học"
    MULTI_YEAR = "multi_year", "Nhiều năm"


class MovementStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    LAUNCHED = "launched", "Đã phát động"
    CLOSED = "closed", "Đã tổng kết"


class ReviewKind(models.TextChoices):
    INTERIM = "interim", "Sơ kết"
    FINAL = "final", "Tổng kết"


class KeyTaskStatus(models.TextChoices):
    PLANNED = "planned", "Chưa triển khai"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    NOT_DONE = "not_done", "Không hoàn thành"


class EmulationAction(models.TextChoices):
    """Typed audit actions of the emulation services (core.choices.register_actions)."""

    BLOCK_MEMBERS = "block.members", "Thành viên khối"
    BLOCK_ROTATION = "block.rotation", "Thứ tự luân phiên"
    BLOCK_TEAM = "block.inspection_team", "Đoàn kiểm tra, chấm điểm"
    SCORING_OPEN = "scoring.open", "Mở chấm điểm"
    SCORING_CLOSE = "scoring.close", "Khóa điểm, công bố xếp hạng"
    SCORE = "scoring.score", "Chấm điểm"
    VOTE_CAST = "vote.cast", "Bỏ phiếu suy tôn"
    VOTE_CLOSE = "vote.close", "Kết thúc vòng bỏ phiếu"
    VOTE_PROPOSE = "vote.propose_awards", "Lập hồ sơ đề nghị khen thưởng khối"
    COVENANT_SIGN = "covenant.sign", "Ký giao ước"
    MOVEMENT_LAUNCH = "movement.launch", "Phát động phong trào"
    MOVEMENT_REVIEW = "movement.review", "Sơ kết, tổng kết phong trào"
    MOVEMENT_DOSSIER = "movement.dossier", "Lập hồ sơ khen thưởng phong trào"
    KEY_TASKS = "unit.key_tasks", "Nhiệm vụ trọng tâm"
    REGISTRATION_SUBMIT = "registration.submit", "Gửi đăng ký thi đua"


register_actions(EmulationAction)
