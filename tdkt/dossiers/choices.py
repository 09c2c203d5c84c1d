"""Statuses of dossiers, nominees and council sessions; kinds of attachments."""
from django.db import models

from tdkt.core.choices import register_actions


class DossierStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Đã nộp"
    APPRAISING = "appraising", "Đang thẩm định"
    RETURNED = "returned", "Trả lại để bổ sung"
    RESUBMITTED = "resubmitted", "Đã nộp lại"
    APPRAISED = "appraised", "Đã thẩm định"
    COUNCIL = "council", "Trình Hội đồng"
    VOTED = "voted", "Hội đồng đã bỏ phiếu"
    DISCLOSURE = "disclosure", "Đang công khai"
    DECIDED = "decided", "Đã có quyết định"
    FORWARDED = "forwarded", "Đã trình cấp trên"
    UPPER_DECIDED = "upper_decided", "Cấp trên đã quyết định"
    WITHDRAWN = "withdrawn", "Đã rút"
    REJECTED = "rejected", "Không chấp thuận"


# A dossier in one of these is finished: its nominees no longer hold the "one open dossier" slot.
CLOSED_STATUSES = frozenset({DossierStatus.DECIDED, DossierStatus.UPPER_DECIDED, DossierStatus.WITHDRAWN,
                             DossierStatus.REJECTED})
# The proposing unit may change nominees and attachments only while the dossier is in its hands.
UNIT_EDITABLE_STATUSES = frozenset({DossierStatus.DRAFT, DossierStatus.RETURNED})


class StatusGroup:
    """A named set of statuses that one step of the work covers (the list's `?nhom=` filter, the API's
    `group`, and the home desk's counts and links): a resubmitted dossier waits to be received just
    like a newly submitted one."""

    def __init__(self, slug: str, label: str, statuses):
        self.slug, self.label, self.statuses = slug, label, frozenset(statuses)

    def __repr__(self):
        return f"StatusGroup({self.slug!r})"


STATUS_GROUPS = {g.slug: g for g in (
    StatusGroup("cho-tiep-nhan", "Chờ tiếp nhận (mới nộp, nộp lại)",
                (DossierStatus.SUBMITTED, DossierStatus.RESUBMITTED)),
    StatusGroup("dang-tham-dinh", "Đang thẩm định", (DossierStatus.APPRAISING,)),
    StatusGroup("cho-trinh-hoi-dong", "Đã thẩm định, chờ trình Hội đồng", (DossierStatus.APPRAISED,)),
    StatusGroup("cho-cong-khai", "Hội đồng đã bỏ phiếu, chờ công khai", (DossierStatus.VOTED,)),
    StatusGroup("can-bo-sung", "Bị trả lại, cần bổ sung", (DossierStatus.RETURNED,)),
    StatusGroup("dang-lap", "Đang lập, chưa nộp", (DossierStatus.DRAFT,)),
    # From the unit's side: sent and not yet decided, wherever it is in the office's hands.
    StatusGroup("dang-xu-ly", "Đã nộp, đang được xử lý",
                (DossierStatus.SUBMITTED, DossierStatus.RESUBMITTED, DossierStatus.APPRAISING,
                 DossierStatus.APPRAISED, DossierStatus.COUNCIL, DossierStatus.VOTED, DossierStatus.DISCLOSURE,
                 DossierStatus.FORWARDED)),
)}


class Appraisal(models.TextChoices):
    PENDING = "pending", "Chờ thẩm định"
    PASSED = "passed", "Đạt"
    RETURNED = "returned", "Trả lại để bổ sung"
    FAILED = "failed", "Không đạt"


class VoteResult(models.TextChoices):
    PASSED = "passed", "Hội đồng thông qua"
    FAILED = "failed", "Hội đồng không thông qua"


class SessionStatus(models.TextChoices):
    PREPARING = "preparing", "Đang chuẩn bị"
    OPEN = "open", "Đang bỏ phiếu"
    CLOSED = "closed", "Đã kết thúc"


class BallotChoice(models.TextChoices):
    AGREE = "agree", "Đồng ý"
    DISAGREE = "disagree", "Không đồng ý"


class AttachmentKind(models.TextChoices):
    PROPOSAL = "proposal", "Tờ trình"
    MINUTES = "minutes", "Biên bản họp xét"
    REPORT = "report", "Báo cáo thành tích"
    INITIATIVE = "initiative", "Xác nhận sáng kiến, đề tài"
    RATING = "rating", "Xác nhận mức xếp loại"
    OTHER = "other", "Tài liệu khác"


# Kinds that belong to one nominee rather than to the dossier as a whole.
NOMINEE_ATTACHMENT_KINDS = frozenset({AttachmentKind.REPORT, AttachmentKind.INITIATIVE, AttachmentKind.RATING})


class DossierAction(models.TextChoices):
    """Typed audit actions of the dossier workflow (core.choices.register_actions)."""

    SUBMIT = "dossier.submit", "Nộp hồ sơ"
    RESUBMIT = "dossier.resubmit", "Nộp lại hồ sơ"
    START_APPRAISAL = "dossier.appraise", "Tiếp nhận, thẩm định"
    RETURN = "dossier.return", "Trả lại để bổ sung"
    COMPLETE_APPRAISAL = "dossier.appraised", "Kết thúc thẩm định"
    TO_COUNCIL = "dossier.to_council", "Trình Hội đồng"
    BACK_FROM_COUNCIL = "dossier.from_council", "Rút khỏi chương trình Hội đồng"
    VOTED = "dossier.voted", "Hội đồng đã bỏ phiếu"
    DISCLOSE = "dossier.disclose", "Công khai"
    DECIDE = "dossier.decide", "Ban hành quyết định"
    NUMBER = "dossier.number", "Văn thư cấp số quyết định"
    FORWARD = "dossier.forward", "Trình cấp trên"
    UPPER_DECIDED = "dossier.upper_decided", "Ghi nhận quyết định của cấp trên"
    WITHDRAW = "dossier.withdraw", "Rút hồ sơ"
    REJECT = "dossier.reject", "Không chấp thuận"
    REFRESH_VERDICTS = "dossier.refresh_verdicts", "Kiểm tra lại điều kiện"
    ADD_NOMINEES = "dossier.add_nominees", "Thêm danh sách đối tượng"
    APPRAISE_NOMINEE = "nominee.appraise", "Thẩm định đối tượng"
    SESSION_AGENDA = "session.agenda", "Thêm vào chương trình họp"
    SESSION_OPEN = "session.open", "Bắt đầu bỏ phiếu"
    BALLOT_CAST = "ballot.cast", "Bỏ phiếu"
    BALLOT_CLOSE = "ballot.close", "Kết thúc bỏ phiếu"
    DOCUMENTS_REGENERATE = "documents.regenerate", "Tạo lại văn bản"


register_actions(DossierAction)
