"""REST endpoints of the dossier workflow: dossiers, nominees, transitions, appraisal, ballots.

The same services and scope as the pages: a dossier outside the caller's scope is a 404, a wrong
status or bad input a 422 with Vietnamese messages naming the field, a missing role a 403. Ballots
are secret: the API never returns who voted how, and counts only once the session is closed.
"""
from __future__ import annotations

import datetime
from typing import Literal, Optional

from django.http import Http404
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from tdkt.awards.api import AuthorityCode, CommendationKindCode, SubjectKindCode, award_type_by_code, subject_of
from tdkt.awards.choices import AwardStatus
from tdkt.core.api import ERRORS, IsoDate, Refs, Text, Year, actor, get_visible
from tdkt.org.models import Unit

from . import services
from .choices import STATUS_GROUPS, DossierStatus, SessionStatus
from .models import Certificate, CouncilSession, Dossier, Nominee
from .services import council, issuance, numbering
from .workflow import ACTIONS

router = Router(tags=["Hồ sơ đề nghị khen thưởng"])

ActionCode = Literal[tuple(ACTIONS)]


class NomineeOut(Schema):
    id: int
    subject_kind: str
    recipient_name: str
    person: Optional[int] = Field(None, alias="person_id")
    recipient_unit: Optional[int] = Field(None, alias="recipient_unit_id")
    household: Optional[int] = Field(None, alias="household_id")
    award_type: str = Field(..., alias="award_type.code")
    achievement: str
    verdict_eligible: Optional[bool] = Field(None, description="Kết quả kiểm tra điều kiện lúc nộp (hoặc kiểm tra lại).")
    failed_checks: list[dict] = Field(default_factory=list, description="Các điều kiện chưa đạt, kèm căn cứ.")
    appraisal: str
    appraisal_reason: str
    vote_result: str
    award_record: Optional[int] = Field(None, alias="award_record_id")


class DossierOut(Schema):
    id: int
    code: str
    title: str
    proposing_unit: int = Field(..., alias="proposing_unit_id")
    authority: str
    kind: str
    movement: str
    year: int
    status: str
    status_label: str = Field(..., alias="get_status_display")
    due_on: Optional[datetime.date] = None
    disclosure_end: Optional[datetime.date] = None
    decision: Optional[int] = Field(None, alias="decision_id")
    nominees: list[NomineeOut] = Field(default_factory=list)

    @staticmethod
    def resolve_nominees(obj):
        return list(obj.nominees.select_related("award_type"))


class DossierIn(Schema):
    proposing_unit: int
    title: Text(300)
    authority: AuthorityCode
    kind: CommendationKindCode = "regular"
    year: Year
    movement: Text(300) = ""
    period_start: Optional[Year] = None
    period_end: Optional[Year] = None


class NomineeIn(Schema):
    subject_kind: SubjectKindCode
    person: Optional[int] = None
    recipient_unit: Optional[int] = None
    household: Optional[int] = None
    award_type: Text(20)
    achievement: Text(4000)
    claims: dict[Text(60), Text(2000)] = Field(
        default_factory=dict, description="căn cứ do đơn vị nêu (mã căn cứ → minh chứng), như trên biểu mẫu")


class TransitionIn(Schema):
    action: ActionCode = Field(..., description="nop, rut, tiep-nhan, tra-lai, ket-thuc-tham-dinh, "
                                                "khong-chap-thuan, kiem-tra-lai, cong-khai, trinh-cap-tren")
    reason: Text(2000) = Field("", description="lý do (rút, trả lại, không chấp thuận)")
    number: Text(50) = Field("", description="số tờ trình gửi cấp trên (trinh-cap-tren); bỏ trống để hệ thống cấp")


class AppraisalIn(Schema):
    outcome: Literal["passed", "returned", "failed"]
    reason: Text(2000) = ""
    justification: Text(2000) = ""


class BallotIn(Schema):
    choices: dict[int, Literal["agree", "disagree"]] = Field(..., description="{mã mục chương trình: agree | disagree}")


class ItemResultOut(Schema):
    """One nominee's counts, in the words of the session page and the minutes
    (tdkt.documents.minutes.VoteTerms); the counts only once the session is closed."""

    item: int
    nominee: int
    recipient_name: str
    award_type: str
    threshold: str
    total: int = Field(..., description="Tổng số thành viên Hội đồng")
    agree: Optional[int] = Field(None, description="Đồng ý")
    disagree: Optional[int] = Field(None, description="Không đồng ý")
    voted: Optional[int] = Field(None, description="Đã bỏ phiếu")
    not_voted: Optional[int] = Field(None, description="Không bỏ phiếu")
    recused: Optional[int] = Field(None, description="Không tham gia (xung đột lợi ích)")
    result: str = Field(..., description="passed | failed | no_quorum; rỗng khi chưa kết thúc")
    result_label: str = Field(..., description="Đạt | Không đạt | Không đủ số thành viên tham dự")


def _dossiers(request):
    return Dossier.objects.visible_to(actor(request)).select_related("proposing_unit")


@router.get("/dossiers", response={200: list[DossierOut], **ERRORS}, summary="Danh sách hồ sơ trong phạm vi")
def list_dossiers(request, status: Optional[Literal[tuple(DossierStatus.values)]] = None, year: Optional[Year] = None,
                  group: Optional[Literal[tuple(STATUS_GROUPS)]] = None):
    """`group` is a step of the work as on the page's `?nhom=` (cho-tiep-nhan: submitted or resubmitted…)."""
    qs = _dossiers(request).prefetch_related("nominees__award_type")
    if status:
        qs = qs.filter(status=status)
    if group:
        qs = qs.filter(status__in=STATUS_GROUPS[group].statuses)
    if year:
        qs = qs.filter(year=year)
    return list(qs[:500])


@router.get("/dossiers/{id}", response={200: DossierOut, **ERRORS}, summary="Một hồ sơ với các đối tượng")
def get_dossier(request, id: int):
    return get_visible(_dossiers(request), request, id)


@router.post("/dossiers", response={201: DossierOut, **ERRORS}, summary="Lập hồ sơ đề nghị")
def create_dossier(request, payload: DossierIn):
    data = payload.model_dump()
    refs = Refs(request)
    unit = refs.one(Unit.objects, "proposing_unit", data.pop("proposing_unit"), "đơn vị")
    refs.raise_if_any()
    return Status(201, services.create_dossier(actor(request), proposing_unit=unit, **data))


@router.post("/dossiers/{id}/nominees", response={201: NomineeOut, **ERRORS}, summary="Thêm đối tượng đề nghị")
def add_nominee(request, id: int, payload: NomineeIn):
    dossier = get_visible(_dossiers(request), request, id)
    data = payload.model_dump()
    refs = Refs(request)
    award_type = award_type_by_code(refs, "award_type", data["award_type"])
    wanted, subject = subject_of(refs, data)
    refs.raise_if_any()
    nominee = services.add_nominee(actor(request), dossier, award_type=award_type, subject_kind=data["subject_kind"],
                                   achievement=data["achievement"], claims=data["claims"] or None,
                                   **{wanted: subject[wanted]})
    return Status(201, nominee)


@router.post("/dossiers/{id}/transitions", response={200: DossierOut, **ERRORS},
             summary="Chuyển bước: nộp, rút, tiếp nhận, trả lại, kết thúc thẩm định, không chấp thuận, công khai, trình")
def transition(request, id: int, payload: TransitionIn):
    dossier = get_visible(_dossiers(request), request, id)
    chosen = ACTIONS[payload.action]
    services.perform_action(actor(request), dossier, chosen, payload.number if chosen.takes == "number" else payload.reason)
    return get_visible(_dossiers(request), request, id)


@router.post("/nominees/{id}/appraisal", response={200: NomineeOut, **ERRORS}, summary="Thẩm định một đối tượng")
def appraise(request, id: int, payload: AppraisalIn):
    nominee = get_visible(Nominee.objects.select_related("dossier", "award_type"), request, id)
    return services.appraise_nominee(actor(request), nominee, **payload.model_dump())


@router.post("/sessions/{id}/ballots", response={200: dict, **ERRORS}, tags=["Hội đồng"],
             summary="Bỏ phiếu kín (một lần cho mỗi đối tượng)")
def cast_ballots(request, id: int, payload: BallotIn):
    session = get_visible(CouncilSession, request, id)
    count = council.cast_ballot_paper(actor(request), session, payload.choices)
    return {"recorded": count, "detail": f"Đã ghi nhận phiếu cho {count} đối tượng."}


@router.get("/sessions/{id}/results", response={200: list[ItemResultOut], **ERRORS}, tags=["Hội đồng"],
            summary="Kết quả kiểm phiếu (chỉ số phiếu, khi phiên họp đã kết thúc)")
def session_results(request, id: int):
    session = get_visible(CouncilSession, request, id)
    closed = session.status == SessionStatus.CLOSED
    return [ItemResultOut(item=c.item.pk, nominee=c.item.nominee_id, recipient_name=c.item.nominee.recipient_name,
                          award_type=c.item.nominee.award_type.code,
                          threshold=council.threshold_label(c.item, session.held_on), total=c.members,
                          agree=c.agree if closed else None, disagree=c.disagree if closed else None,
                          voted=c.voted if closed else None, not_voted=c.not_voted if closed else None,
                          recused=c.recused if closed else None, result=c.outcome, result_label=c.outcome_label)
            for c in council.tally(session)]


# --- What the decision produced, and the public check of a certificate ---------------------------

class IssuedFileOut(Schema):
    kind: str
    label: str
    name: str
    size: int
    sha256: str
    url: str


class CertificateOut(Schema):
    serial: str
    golden_book_number: int = Field(..., description="Số sổ vàng: thứ tự trong danh sách của quyết định.")
    recipient_name: str
    award_type: str
    signed: bool = Field(..., description="Đã tạo và ký số tệp PDF.")
    sha256: str
    url: Optional[str] = None
    verify_url: str


class DocumentsOut(Schema):
    awaiting_number: bool = Field(False, description="Quyết định đã ký, chờ văn thư cấp số: chưa có văn bản, chưa cấp bằng.")
    decision_number: Optional[str] = None
    decision_signed_on: Optional[datetime.date] = None
    complete: bool
    files: list[IssuedFileOut]
    certificates: list[CertificateOut]


@router.get("/dossiers/{id}/documents", response={200: DocumentsOut, **ERRORS},
            summary="Văn bản đã phát hành: quyết định, bằng đã ký số, bộ hồ sơ trình")
def dossier_documents(request, id: int):
    dossier = get_visible(_dossiers(request).select_related("decision"), request, id)
    status = issuance.document_status(dossier)
    certs = (Certificate.objects.filter(dossier=dossier).select_related("award_record__award_type")
             .order_by("order"))
    base = issuance.public_base()  # never the host of this request (TDKT_PUBLIC_URL, required in production)
    return {
        "awaiting_number": bool(dossier.decision and dossier.decision.awaiting_number),
        "decision_number": (dossier.decision.number or None) if dossier.decision else None,
        "decision_signed_on": dossier.decision.signed_on if dossier.decision else None,
        "complete": status["complete"],
        "files": [{"kind": f.kind, "label": f.get_kind_display(), "name": f.download_name, "size": f.size,
                   "sha256": f.sha256, "url": reverse("dossiers:issued_file", args=[dossier.pk, f.kind])}
                  for f in status["files"].values()],
        "certificates": [{"serial": c.serial, "golden_book_number": c.order,
                          "recipient_name": c.award_record.recipient_name,
                          "award_type": c.award_record.award_type.code, "signed": bool(c.file), "sha256": c.sha256,
                          "url": reverse("dossiers:certificate", args=[dossier.pk, c.pk]) if c.file else None,
                          "verify_url": f"{base}{c.get_absolute_url()}"} for c in certs],
    }


class NumberOut(Schema):
    awaiting_number: bool
    number: Optional[str] = Field(None, description="Số, ký hiệu do văn thư cấp (chưa có khi đang chờ cấp số).")
    signed_on: datetime.date = Field(..., description="Ngày ban hành theo sổ (khi chờ cấp số: ngày lãnh đạo ký).")
    issuing_body: str = Field(..., description="Cơ quan ban hành: sổ đăng ký văn bản đi của cơ quan này.")
    proposed_number: Optional[str] = Field(None, description="Số tiếp theo hệ thống biết trong sổ của cơ quan, năm nay.")
    number_note: str = Field("", description="Lý do xác nhận số không theo thứ tự (nếu có).")


class NumberIn(Schema):
    model_config = {"extra": "forbid"}

    number: Text(50) = Field(..., description="Số, ký hiệu văn thư đã cấp, ví dụ 77/QĐ-UBND.")
    signed_on: IsoDate = Field(..., description="Ngày ban hành theo sổ.")
    reason: Text(400) = Field("", description="Bắt buộc khi số không theo thứ tự của sổ: lý do xác nhận.")


class NumberRowIn(NumberIn):
    dossier: Text(30) = Field(..., description="Mã hồ sơ.")


def _number_out(dossier: Dossier) -> dict:
    decision = dossier.decision
    if decision is None:
        raise Http404("Hồ sơ chưa có quyết định.")
    return {"awaiting_number": decision.awaiting_number, "number": decision.number or None,
            "signed_on": decision.signed_on, "issuing_body": decision.body.name if decision.body else decision.issuer_name,
            "proposed_number": numbering.proposal(decision) if decision.awaiting_number and decision.body else None,
            "number_note": decision.number_note}


@router.get("/dossiers/{id}/decision-number", response={200: NumberOut, **ERRORS},
            summary="Số quyết định: đang chờ cấp số hay đã có, số tiếp theo đề xuất")
def get_decision_number(request, id: int):
    return _number_out(get_visible(_dossiers(request).select_related("decision__body"), request, id))


@router.post("/dossiers/{id}/decision-number", response={200: NumberOut, **ERRORS},
             summary="Văn thư cấp số, ngày cho quyết định đã ký (theo sổ đăng ký văn bản đi)")
def give_decision_number(request, id: int, payload: NumberIn):
    dossier = get_visible(_dossiers(request), request, id)
    numbering.give_number(actor(request), dossier, **payload.model_dump(), base_url=issuance.public_base())
    return _number_out(get_visible(_dossiers(request).select_related("decision__body"), request, id))


@router.post("/decision-numbers", response={200: list[NumberOut], **ERRORS},
             summary="Nhập số, ngày của nhiều quyết định từ hệ thống quản lý văn bản (tất cả hoặc không)")
def import_decision_numbers(request, payload: list[NumberRowIn]):
    rows = [{"row": i, **row.model_dump()} for i, row in enumerate(payload, 1)]
    decisions = numbering.import_numbers(actor(request), rows, base_url=issuance.public_base())
    dossiers = {d.decision_id: d for d in Dossier.objects.filter(decision__in=decisions).select_related("decision__body")}
    return [_number_out(dossiers[d.pk]) for d in decisions]


class VerificationOut(Schema):
    valid: bool = Field(..., description="Có trong sổ và khen thưởng còn hiệu lực.")
    status: str
    status_label: str
    serial: str
    golden_book_number: int
    recipient_name: str
    award_name: str
    decision_number: str
    decision_signed_on: datetime.date
    issuer: str


@router.get("/certificates/{code}", auth=None, response={200: VerificationOut, **ERRORS}, tags=["Tra cứu công khai"],
            summary="Tra cứu một bằng theo mã trên mã QR (không cần đăng nhập)")
def verify_certificate(request, code: str):
    cert = issuance.find_certificate(code)
    if cert is None:
        raise Http404("Không tìm thấy bằng.")
    record = cert.award_record
    return {"valid": record.status == AwardStatus.VALID, "status": record.status,
            "status_label": record.get_status_display(), "serial": cert.serial, "golden_book_number": cert.order,
            "recipient_name": record.recipient_name, "award_name": record.award_type.name,
            "decision_number": cert.decision.number, "decision_signed_on": cert.decision.signed_on,
            "issuer": cert.decision.issuer_name}
