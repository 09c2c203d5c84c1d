"""Pages of the dossier workflow: the list with overdue steps, filing a dossier with nominees and
attachments, appraisal, council sessions with the ballot paper, the decision, notifications; and the
public disclosure pages. Views only call services; records come through the user's scope (404
outside it)."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zipfile
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tdkt.awards.choices import SUBJECT_FIELDS
from tdkt.core import clock
from tdkt.core.fetch import fetch
from tdkt.core.forms import error_text, run_service
from tdkt.core.limits import limit_anonymous_writes
from tdkt.core.scope import can_write, get_visible_or_404, is_office, role_of
from tdkt.core.uploads import send_stored
from tdkt.documents.certificate import FIELD_LABELS, layout_to_dict, render_certificates_pdf
from tdkt.documents.minutes import render_minutes_docx, render_minutes_pdf
from tdkt.imports.parsing import ImportFileError
from tdkt.imports.workbook import build_template

from . import services
from .choices import CLOSED_STATUSES, UNIT_EDITABLE_STATUSES, DossierStatus as S, SessionStatus
from .deadlines import whose_turn
from .forms import (
    AchievementForm,
    AppraiseForm,
    AttachmentForm,
    BallotForm,
    CommentForm,
    ConflictForm,
    DossierForm,
    DuePickForm,
    IssueForm,
    LayoutForm,
    NomineeForm,
    NomineeImportForm,
    NumberForm,
    ReasonForm,
    SessionForm,
    UpperDecisionForm,
    VerifyUploadForm,
)
from .models import AgendaItem, Attachment, Certificate, CouncilSession, Dossier, IssuedFile, Nominee, Notification
from .services import appraisal, council, decisions, forwarding, intake, issuance, numbering, wording
from .workflow import ACTIONS, require_office, require_unit_side

PAGE_SIZE = 25


# --- Lists -------------------------------------------------------------------------------------

@login_required
def dossier_list(request):
    qs = (Dossier.objects.visible_to(request.user).select_related("proposing_unit")
          .annotate(n_nominees=Count("nominees")).order_by("-id"))
    status, year, overdue = request.GET.get("trang_thai", ""), request.GET.get("nam", ""), request.GET.get("qua_han")
    if status in S.values:
        qs = qs.filter(status=status)
    if year.isdigit():
        qs = qs.filter(year=int(year))
    if overdue:
        qs = qs.exclude(status__in=CLOSED_STATUSES).filter(due_on__lt=clock.today()).order_by("due_on")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "dossiers/dossier_list.html", {
        "page": page, "statuses": S.choices, "status": status, "year": year, "overdue": overdue,
        "today": clock.today(), "can_create": can_write(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def dossier_create(request):
    if not can_write(request.user):
        raise PermissionDenied("Tài khoản của bạn không có quyền lập hồ sơ.")
    profile_unit = getattr(getattr(request.user, "profile", None), "unit", None)
    form = DossierForm(request.POST or None, user=request.user,
                       initial={"year": clock.today().year - (clock.today().month < 11), "proposing_unit": profile_unit})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("proposing_unit")
        dossier = run_service(form, services.create_dossier, request.user, proposing_unit=unit, **data)
        if dossier:
            messages.success(request, f"Đã lập hồ sơ {dossier.code}. Hãy thêm đối tượng đề nghị và tài liệu.")
            return redirect(dossier)
    return render(request, "core/form.html", {"form": form, "title": "Lập hồ sơ đề nghị khen thưởng",
                                              "cancel_url": reverse("dossiers:list"), "wide": ["title", "movement"]})


# --- One dossier -------------------------------------------------------------------------------

# A dossier page's record, fetched through the user's scope by @fetch (404 outside it).
DOSSIERS = Dossier.objects.select_related("proposing_unit", "decision")
NOMINEE_PAGE_SIZE = 50


@login_required
@fetch(DOSSIERS)
def dossier_detail(request, dossier):
    user = request.user
    rows = dossier.nominees.select_related("award_type", "person", "recipient_unit", "household", "award_record",
                                           "appraised_by")
    # One page of nominees is rendered (a province's dossier has hundreds); the counts cover them all.
    page = Paginator(rows, NOMINEE_PAGE_SIZE).get_page(request.GET.get("trang"))
    nominees = list(page.object_list)
    office = is_office(user)
    unit_side = can_write(user) and dossier.status in UNIT_EDITABLE_STATUSES
    findings = appraisal.findings(list(rows)) if office and dossier.status == S.APPRAISING else {}
    for n in nominees:
        n.findings = findings.get(n.pk, [])
        n.appraise_form = AppraiseForm(prefix=f"n{n.pk}") if findings else None
    context = {
        "dossier": dossier, "nominees": nominees, "office": office, "unit_side": unit_side,
        "attachments": dossier.attachments.select_related("nominee"),
        "transitions": dossier.transitions.select_related("actor"),
        "missing": services.missing_documents(dossier) if unit_side else [],
        "attachment_form": AttachmentForm(dossier=dossier, user=user) if unit_side else None,
        "reason_form": ReasonForm(),
        "comments": dossier.comments.select_related("nominee") if office else [],
        "can_issue": role_of(user) in decisions.SIGNING_ROLES and dossier.status == S.DISCLOSURE
                     and not dossier.goes_upward,
        "disclosure_over": decisions.disclosure_over(dossier),
        "today": clock.today(), "whose_turn": whose_turn(dossier.status), "closed": dossier.status in CLOSED_STATUSES,
        "summary": appraisal.verdict_summary(dossier.nominees.all()),
        "page": page, "nominee_total": page.paginator.count,
        "documents": issuance.document_status(dossier) if dossier.decision_id and dossier.status == S.DECIDED
                     and not dossier.decision.awaiting_number else None,
        "can_number": numbering.awaiting(dossier) and numbering.can_number(user),
        "layout_names": issuance.LAYOUT_NAMES,
    }
    if context["documents"]:
        certs = {c.award_record_id: c for c in Certificate.objects.filter(
            dossier=dossier, award_record_id__in=[n.award_record_id for n in nominees if n.award_record_id])}
        for n in nominees:
            n.certificate = certs.get(n.award_record_id)
    return render(request, "dossiers/dossier_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@fetch(DOSSIERS)
def nominee_add(request, dossier):
    require_unit_side(request.user, dossier)
    form = NomineeForm(request.POST or None, dossier=dossier, user=request.user,
                       initial={"achievement": f"Đã có thành tích xuất sắc trong công tác năm {dossier.year}"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind = data["subject_kind"]
        subject = SUBJECT_FIELDS[kind]
        if run_service(form, services.add_nominee, request.user, dossier, award_type=data["award_type"],
                       subject_kind=kind, achievement=data["achievement"], **{subject: data[subject]}):
            messages.success(request, "Đã thêm đối tượng đề nghị.")
            return redirect(dossier)
    return render(request, "core/form.html", {"form": form, "title": f"Thêm đối tượng vào hồ sơ {dossier.code}",
                                              "cancel_url": dossier.get_absolute_url(), "wide": ["achievement"]})


@login_required
@require_http_methods(["GET", "POST"])
@fetch(Nominee.objects.select_related("dossier", "award_type"))
def nominee_edit(request, nominee):
    """The unit amends a nominee's achievement summary (a draft, or a dossier returned for amendment)."""
    dossier = nominee.dossier
    require_unit_side(request.user, dossier)
    form = AchievementForm(request.POST or None, initial={"achievement": nominee.achievement})
    if request.method == "POST" and form.is_valid():
        if run_service(form, services.update_nominee, request.user, nominee, **form.cleaned_data):
            messages.success(request, f"Đã sửa thành tích của {nominee.recipient_name}.")
            return redirect(reverse("dossiers:detail", args=[dossier.pk]) + f"#n{nominee.pk}")
    subtitle = f"{nominee.award_type.name} · hồ sơ {dossier.code}"
    if nominee.appraisal_reason:
        subtitle += f" · Nội dung cần bổ sung: {nominee.appraisal_reason}"
    return render(request, "core/form.html", {
        "form": form, "title": f"Sửa thành tích – {nominee.recipient_name}", "subtitle": subtitle,
        "cancel_url": dossier.get_absolute_url(), "submit": "Lưu", "wide": ["achievement"]})


@login_required
@require_POST
@fetch(Nominee.objects.select_related("dossier"))
def nominee_remove(request, nominee):
    try:
        services.remove_nominee(request.user, nominee)
        messages.success(request, f"Đã bỏ {nominee.recipient_name} khỏi hồ sơ.")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect(nominee.dossier)


@login_required
@require_POST
@fetch(DOSSIERS)
def attachment_add(request, dossier):
    form = AttachmentForm(request.POST, request.FILES, dossier=dossier, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        if run_service(form, services.add_attachment, request.user, dossier, upload=data["file"], kind=data["kind"],
                       nominee=data["nominee"]):
            messages.success(request, f"Đã tải lên {data['file'].name}.")
            return redirect(dossier)
    errors = [f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}".lstrip(": ")
              for f, e in form.errors.items()]
    messages.error(request, "Không tải lên được tệp. " + " ".join(errors))
    return redirect(dossier)


@login_required
@require_POST
@fetch(Attachment.objects.select_related("dossier"))
def attachment_remove(request, attachment):
    try:
        services.remove_attachment(request.user, attachment)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect(attachment.dossier)


@login_required
@fetch(Attachment)
def attachment_download(request, attachment):
    return send_stored(attachment)


@login_required
@require_POST
@fetch(DOSSIERS)
def dossier_action(request, dossier, action):
    if action not in ACTIONS:
        raise Http404
    chosen = ACTIONS[action]
    try:
        services.perform_action(request.user, dossier, chosen, request.POST.get(chosen.takes or "reason", ""))
        messages.success(request, chosen.done)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect(dossier)


@login_required
@require_POST
@fetch(Nominee.objects.select_related("dossier"))
def nominee_appraise(request, nominee):
    form = AppraiseForm(request.POST, prefix=f"n{nominee.pk}")
    if form.is_valid():
        try:
            services.appraise_nominee(request.user, nominee, **form.cleaned_data)
            messages.success(request, f"Đã ghi kết quả thẩm định {nominee.recipient_name}.")
        except ValidationError as exc:
            messages.error(request, f"{nominee.recipient_name}: {error_text(exc)}")
    else:
        messages.error(request, "Chưa chọn kết quả thẩm định.")
    return redirect(reverse("dossiers:detail", args=[nominee.dossier_id]) + f"#n{nominee.pk}")


@login_required
@require_http_methods(["GET", "POST"])
@fetch(DOSSIERS)
def decision_issue(request, dossier):
    if role_of(request.user) not in decisions.SIGNING_ROLES:
        raise PermissionDenied("Chỉ lãnh đạo có thẩm quyền được ký quyết định khen thưởng.")
    form = IssueForm(request.POST or None, user=request.user, initial={
        "signed_on": clock.today(), "signer_name": request.user.get_full_name()})
    if request.method == "POST" and form.is_valid():
        decision = run_service(form, decisions.issue_decision, request.user, dossier, **form.cleaned_data)
        if decision:
            messages.success(request, f"Đã ký quyết định ngày {decision.signed_on:%d/%m/%Y}; quyết định chờ văn thư "
                                      f"cấp số, bằng được cấp sau khi có số.")
            return redirect(dossier)
    return render(request, "core/form.html", {
        "form": form, "title": f"Ban hành quyết định khen thưởng – hồ sơ {dossier.code}",
        "subtitle": "Sau khi ký, văn thư của cơ quan ban hành cấp số và ngày theo sổ đăng ký văn bản đi "
                    "(Nghị định 30/2020/NĐ-CP); văn bản và bằng được tạo khi có số.",
        "cancel_url": dossier.get_absolute_url(), "submit": "Ký, ban hành"})


@login_required
@require_http_methods(["GET", "POST"])
@fetch(DOSSIERS)
def decision_number(request, dossier):
    """The văn thư enters the number and date the issuing body's register gave the signed decision."""
    numbering.require_numbering(request.user)
    if not numbering.awaiting(dossier):
        messages.info(request, "Hồ sơ không có quyết định đang chờ cấp số.")
        return redirect(dossier)
    proposed = numbering.proposal(dossier.decision)
    form = NumberForm(request.POST or None, user=request.user, initial={"number": proposed, "signed_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision = run_service(form, numbering.give_number, request.user, dossier, number=data["number"],
                               signed_on=data["signed_on"], reason=data["reason"] if data["confirm"] else "",
                               base_url=_public_base(request))
        if decision:
            messages.success(request, f"Đã cấp số: Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y}. "
                                      f"Hệ thống đang tạo văn bản và bằng.")
            return redirect(dossier)
    decision = dossier.decision
    return render(request, "core/form.html", {
        "form": form, "title": f"Cấp số quyết định – hồ sơ {dossier.code}",
        "subtitle": f"{decision.summary}. Lãnh đạo ký ngày {decision.signed_on:%d/%m/%Y}; sổ của "
                    f"{decision.body.name}: số tiếp theo hệ thống biết là {proposed}. Ghi đúng số và ngày văn thư đã "
                    f"cấp trong sổ đăng ký văn bản đi.",
        "cancel_url": dossier.get_absolute_url(), "submit": "Cấp số", "wide": ["reason"]})


@login_required
def signing_queue(request):
    """The leader's queue: dossiers waiting for the signature, signed decisions waiting for their
    number, and the decisions numbered lately with their certificates."""
    user = request.user
    if not (role_of(user) in decisions.SIGNING_ROLES or is_office(user)):
        raise PermissionDenied("Trang dành cho lãnh đạo ký quyết định và Ban Thi đua – Khen thưởng.")
    visible = Dossier.objects.visible_to(user).select_related("proposing_unit", "decision__body")
    to_sign = [d for d in visible.filter(status=S.DISCLOSURE).order_by("disclosure_end", "pk")
               if not d.goes_upward]
    decided = visible.filter(status=S.DECIDED, decision__isnull=False)
    awaiting = decided.filter(decision__number="").order_by("decision__signed_on", "pk")
    numbered = list(decided.exclude(decision__number="").annotate(
        certs=Count("certificates", distinct=True)).order_by("-decision__signed_on", "-pk")[:30])
    done = dict(Certificate.objects.filter(dossier__in=numbered).exclude(file="").values_list("dossier")
                .annotate(n=Count("id")).values_list("dossier", "n"))
    for d in numbered:
        d.certs_done = done.get(d.pk, 0)
    return render(request, "dossiers/signing_queue.html", {
        "to_sign": to_sign, "awaiting": awaiting, "numbered": numbered, "today": clock.today(),
        "can_sign": role_of(user) in decisions.SIGNING_ROLES, "can_number": numbering.can_number(user)})


@login_required
@require_http_methods(["GET", "POST"])
@fetch(DOSSIERS)
def upper_decision(request, dossier):
    require_office(request.user)
    form = UpperDecisionForm(request.POST or None, dossier=dossier, user=request.user,
                             initial={"awarded": wording.passed_nominees(dossier)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision = run_service(form, decisions.record_upper_decision, request.user, dossier, number=data["number"],
                               signed_on=data["signed_on"], awarded=[n.pk for n in data["awarded"]])
        if decision:
            messages.success(request, f"Đã ghi nhận Quyết định số {decision.number}.")
            return redirect(dossier)
    return render(request, "core/form.html", {"form": form, "title": f"Ghi nhận quyết định của cấp trên – {dossier.code}",
                                              "cancel_url": dossier.get_absolute_url(), "wide": ["awarded"]})


# --- Notifications -----------------------------------------------------------------------------

@login_required
def notification_list(request):
    """The notices the user reads (their own and their unit's), the unread ones marked; the e-mail
    address they also go to is shown, or that there is none."""
    qs = Notification.objects.visible_to(request.user).select_related("dossier", "unit", "user")
    if request.method == "POST":
        count = services.mark_read(request.user)
        messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
        return redirect("dossiers:notifications")
    unread_only = request.GET.get("chua-doc") == "1"
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return render(request, "dossiers/notifications.html", {
        "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang")), "unread_only": unread_only,
        "email": request.user.email.strip()})


@login_required
@fetch(Notification)
def notification_open(request, notification):
    """Open a notice: it is marked read and the user goes to the page it is about."""
    services.mark_read(request.user, notification)
    return redirect(notification.get_link() or reverse("dossiers:notifications"))


# --- Council sessions --------------------------------------------------------------------------

@login_required
def session_list(request):
    sessions = CouncilSession.objects.visible_to(request.user).annotate(n_items=Count("items", distinct=True),
                                                               n_members=Count("memberships", distinct=True))
    return render(request, "dossiers/session_list.html", {"sessions": sessions, "office": is_office(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    require_office(request.user)
    form = SessionForm(request.POST or None, user=request.user, initial={"held_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("dossiers")
        session = run_service(form, council.create_session, request.user, **data)
        if session and chosen and run_service(form, council.add_to_agenda, request.user, session, chosen) is None:
            session = None
        if session:
            messages.success(request, f"Đã tạo phiên họp “{session.title}”.")
            return redirect(session)
    return render(request, "core/form.html", {"form": form, "title": "Tạo phiên họp Hội đồng Thi đua – Khen thưởng",
                                              "cancel_url": reverse("dossiers:sessions"),
                                              "wide": ["title", "members", "dossiers"]})


@login_required
@fetch(CouncilSession, name="session")
def session_detail(request, session):
    user = request.user
    items = list(session.items.select_related("nominee", "nominee__award_type", "nominee__dossier")
                 .annotate(n_recused=Count("recusals")))
    is_member = session.memberships.filter(user_id=user.pk).exists()
    state = council.ballot_state(user, session) if is_member else {}
    to_vote = [i for i in items if i.pk not in state]
    total = session.memberships.count()
    for item in items:
        item.label = council.threshold_label(item, session.held_on)
        item.my_state = state.get(item.pk)
    context = {
        "session": session, "items": items, "office": is_office(user), "is_member": is_member,
        "members": session.memberships.select_related("user", "unit"), "total": total,
        "quorum_needed": council.quorum_needed(session, total),
        "ballot": BallotForm(items=to_vote) if is_member and session.status == SessionStatus.OPEN and to_vote else None,
        "closed": session.status == SessionStatus.CLOSED,
    }
    return render(request, "dossiers/session_detail.html", context)


@login_required
@require_POST
@fetch(CouncilSession, name="session")
def session_action(request, session, action):
    service = {"mo": council.open_session, "ket-thuc": council.close_session}.get(action)
    if service is None:
        raise Http404
    try:
        service(request.user, session)
        messages.success(request, "Đã bắt đầu bỏ phiếu." if action == "mo" else "Đã kết thúc bỏ phiếu, kết quả đã kiểm.")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect(session)


@login_required
@require_POST
@fetch(CouncilSession, name="session")
def session_ballot(request, session):
    state = council.ballot_state(request.user, session)
    items = [i for i in session.items.select_related("nominee") if i.pk not in state]
    form = BallotForm(request.POST, items=items)
    if not form.is_valid():
        messages.error(request, "Phiếu chưa hợp lệ: " + error_text(form.errors))
        return redirect(session)
    try:
        count = council.cast_ballot_paper(request.user, session, form.choices())
        messages.success(request, f"Đã ghi nhận phiếu của bạn cho {count} đối tượng. Phiếu kín: không ai xem được "
                                  "bạn chọn gì.")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect(session)


@login_required
@require_POST
@fetch(AgendaItem.objects.select_related("session", "nominee"), name="item")
def item_conflict(request, item):
    council.require_member_or_office(request.user, item.session)
    form = ConflictForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"reason": ["Ghi rõ lý do xung đột lợi ích."]})
        council.declare_conflict(request.user, item, form.cleaned_data["reason"])
        messages.success(request, f"Đã ghi nhận: bạn không bỏ phiếu cho {item.nominee.recipient_name}.")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect(item.session)


# --- Public disclosure (no login) --------------------------------------------------------------

def disclosure_list(request):
    """PUBLIC: the lists under disclosure (Dossier.objects.on_disclosure), for anyone."""
    dossiers = Dossier.objects.on_disclosure().select_related("proposing_unit").order_by("disclosure_end")
    for d in dossiers:
        d.public_nominees = wording.passed_nominees(d)
    return render(request, "dossiers/disclosure_list.html", {"dossiers": dossiers})


@require_http_methods(["GET", "POST"])
@limit_anonymous_writes("comment")
@fetch(Dossier, public="on_disclosure")
def disclosure_detail(request, dossier):
    nominees = wording.passed_nominees(dossier)
    form = CommentForm(request.POST or None, nominees=nominees)
    if request.method == "POST" and form.is_valid():
        if run_service(form, decisions.add_comment, dossier, **form.cleaned_data):
            messages.success(request, "Cảm ơn ông/bà đã góp ý. Ý kiến đã được chuyển đến cơ quan thi đua, khen thưởng.")
            return redirect("dossiers:disclosure", pk=dossier.pk)
    return render(request, "dossiers/disclosure_detail.html", {"dossier": dossier, "nominees": nominees, "form": form})


# --- What the decision produced: files, certificates, print-on-blank ------------------------------

def _file_response(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
@fetch(DOSSIERS)
def issued_file(request, dossier, kind):
    issued = get_visible_or_404(IssuedFile.objects, request.user, dossier=dossier, kind=kind)
    return FileResponse(issued.file.open("rb"), as_attachment=True, filename=issued.download_name)


@login_required
@fetch(DOSSIERS)
def certificate_file(request, dossier, cert_id):
    cert = get_visible_or_404(Certificate.objects.exclude(file=""), request.user, dossier=dossier, pk=cert_id)
    return FileResponse(cert.file.open("rb"), as_attachment=True, filename=f"Bang-{cert.serial}.pdf")


@login_required
@fetch(DOSSIERS)
def certificates_zip(request, dossier):
    """Every signed certificate of the decision in one archive, for the printer or the unit."""
    certs = list(Certificate.objects.filter(dossier=dossier).exclude(file="").select_related("award_record"))
    if not certs:
        raise Http404
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # PDFs are compressed already
        for cert in certs:
            with cert.file.open("rb") as handle:
                name = re.sub(r"[^\w]+", "-", cert.award_record.recipient_name).strip("-")
                archive.writestr(f"{cert.order:03d}-{name}.pdf", handle.read())
    return _file_response(buffer.getvalue(), f"Bang-{dossier.code}.zip", "application/zip")


@login_required
@fetch(DOSSIERS)
def print_on_blank(request, dossier, layout):
    if layout not in issuance.LAYOUT_NAMES:
        raise Http404
    try:
        data = issuance.print_on_blank_pdf(request.user, dossier, layout)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect(dossier)
    return _file_response(data, f"In-phoi-{layout}-{dossier.code}.pdf", "application/pdf")


@login_required
@fetch(DOSSIERS)
def documents_status(request, dossier):
    """The issued-documents card alone, polled by the dossier page (htmx) while the worker renders."""
    if not dossier.decision_id or dossier.status != S.DECIDED:
        raise Http404
    return render(request, "dossiers/_documents.html", {
        "dossier": dossier, "documents": issuance.document_status(dossier), "office": is_office(request.user),
        "layout_names": issuance.LAYOUT_NAMES})


@login_required
@require_POST
@fetch(DOSSIERS)
def regenerate_documents(request, dossier):
    try:
        made = issuance.regenerate_missing(request.user, dossier, base_url=_public_base(request))
        if made is None:
            messages.success(request, "Đã đưa việc tạo văn bản còn thiếu vào hàng đợi; tiến độ hiện trên trang này.")
        else:
            messages.success(request, f"Đã tạo {made['decision']} văn bản quyết định và {made['certificates']} bằng còn thiếu.")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect(dossier)


def _public_base(request) -> str:
    """The configured public address (settings refuse to start without one in production), never the
    host this request happened to use: it is printed in certificate QR codes."""
    return issuance.public_base()


@login_required
@require_http_methods(["GET", "POST"])
def layout_settings(request, name):
    """The office places the variable text on its own blanks (phôi), in millimetres."""
    require_office(request.user)
    if name not in issuance.LAYOUT_NAMES:
        raise Http404
    current = issuance.layout_for(name)
    form = LayoutForm(request.POST or None, initial={"layout_json": json.dumps(layout_to_dict(current), ensure_ascii=False,
                                                                        indent=2)})
    if request.method == "POST" and form.is_valid():
        if run_service(form, issuance.save_layout, request.user, name, form.cleaned_data["layout_json"]):
            messages.success(request, f"Đã lưu mẫu in phôi “{issuance.LAYOUT_NAMES[name]}”.")
            return redirect("dossiers:layout", name=name)
    return render(request, "dossiers/layout_settings.html", {
        "form": form, "name": name, "names": issuance.LAYOUT_NAMES, "layout": current,
        "field_labels": FIELD_LABELS})


@login_required
def layout_preview(request, name):
    """A sample certificate with the saved layout, in print-on-blank mode, to test on a blank."""
    require_office(request.user)
    if name not in issuance.LAYOUT_NAMES:
        raise Http404
    sample = issuance.sample_certificate(name)
    pdf = render_certificates_pdf([sample], issuance.layout_for(name), print_on_blank=request.GET.get("day_du") != "1")[0]
    return _file_response(pdf, f"Thu-phoi-{name}.pdf", "application/pdf")


@login_required
@fetch(DOSSIERS)
def forwarding_package(request, dossier):
    """The package sent upward as it was kept at forwarding; before that, a preview built now."""
    require_office(request.user)
    if not dossier.goes_upward or dossier.status not in (S.DISCLOSURE, S.FORWARDED, S.UPPER_DECIDED):
        raise Http404
    kept = IssuedFile.objects.filter(dossier=dossier, kind="package").first()
    if kept is not None:
        return FileResponse(kept.file.open("rb"), as_attachment=True, filename=kept.download_name)
    return _file_response(forwarding.build_package(dossier), f"Du-thao-ho-so-trinh-{dossier.code}.zip",
                          "application/zip")


# --- The vote-count minutes --------------------------------------------------------------------

@login_required
@fetch(CouncilSession, name="session")
def session_minutes(request, session, fmt):
    if session.status != SessionStatus.CLOSED or fmt not in ("pdf", "docx"):
        raise Http404
    doc = council.minutes_doc(session)
    stem = f"Bien-ban-kiem-phieu-{session.held_on:%Y%m%d}-{session.pk}"
    if fmt == "pdf":
        return _file_response(render_minutes_pdf(doc), stem + ".pdf", "application/pdf")
    return _file_response(render_minutes_docx(doc), stem + ".docx",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


# --- Public verification of a certificate ------------------------------------------------------

@require_http_methods(["GET", "POST"])
@limit_anonymous_writes("verify")
def verify(request, code=None):
    """What the QR code opens: the register's entry for the certificate (no login), and a form that
    checks an uploaded PDF's digital signature and whether it is the very file the register issued."""
    cert = None
    if code is not None:
        cert = issuance.find_certificate(code)
        if cert is None:
            raise Http404
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    result = match = None
    if request.method == "POST" and form.is_valid():
        result, match = issuance.verify_upload(form.cleaned_data["data"])
    return render(request, "dossiers/verify.html", {"cert": cert, "form": form, "result": result, "match": match,
                                                    "checked": result is not None})


# --- Nominees in bulk: the rule engine's due list and the unit's Excel list (intake.py) ----------

def _intake_refusal(request, dossier):
    """A dossier past drafting answers with the status message on its own page (others' dossiers
    were already 404 through the scope, read-only roles 403)."""
    try:
        intake.require_editable(request.user, dossier)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect(dossier)
    return None


@login_required
@require_http_methods(["GET", "POST"])
@fetch(DOSSIERS)
def nominee_pick(request, dossier):
    """Chọn từ danh sách đến hạn: pick the award, tick the people the latest batch run found due."""
    refused = _intake_refusal(request, dossier)
    if refused:
        return refused
    code = request.POST.get("danh_hieu") or request.GET.get("danh_hieu") or ""
    form = DuePickForm(request.POST or None, user=request.user,
                       initial={"achievement": f"Hoàn thành xuất sắc nhiệm vụ năm {dossier.year}"})
    due = intake.due_candidates(request.user, dossier, None)
    if not code and due.awards:
        code = due.awards[0].code     # the lowest award first: the list is there at once
    award_error = ""
    if code:
        try:
            due = intake.due_candidates(request.user, dossier, code)
        except ValidationError as exc:
            award_error = error_text(exc)
    if request.method == "POST" and due.award is not None and form.is_valid():
        added = run_service(form, intake.add_due, request.user, dossier, code, request.POST.getlist("people"),
                            form.cleaned_data["achievement"])
        if added:
            messages.success(request, f"Đã thêm {len(added)} người từ danh sách đến hạn “{due.award.name}”.")
            return redirect(dossier)
    return render(request, "dossiers/nominee_pick.html", {
        "dossier": dossier, "due": due, "form": form, "award_error": award_error,
        "people": list(due.people.select_related("unit")) if due.award else [],
        "chosen": set(request.POST.getlist("people"))})


def _intake_session_key(dossier) -> str:
    return f"dossier-intake-{dossier.pk}"


@login_required
@require_http_methods(["GET", "POST"])
@fetch(DOSSIERS)
def nominee_import(request, dossier):
    """Nhập danh sách từ Excel, step 1: upload and preview. A file whose every row is good is kept in
    the user's server-side session under its SHA-256 until it is confirmed (nominee_import_confirm)."""
    refused = _intake_refusal(request, dossier)
    if refused:
        return refused
    form = NomineeImportForm(request.POST or None, request.FILES or None, user=request.user,
                             initial={"achievement": f"Hoàn thành xuất sắc nhiệm vụ năm {dossier.year}"})
    preview = digest = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(settings.TDKT_MAX_UPLOAD_BYTES + 1)
        achievement = form.cleaned_data["achievement"]
        try:
            preview = intake.preview_file(request.user, dossier, data, upload.name, achievement)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            request.session.pop(_intake_session_key(dossier), None)
            if preview.ok:
                digest = hashlib.sha256(data).hexdigest()
                request.session[_intake_session_key(dossier)] = {
                    "sha256": digest, "name": upload.name, "achievement": achievement,
                    "data": base64.b64encode(data).decode("ascii")}
    return render(request, "dossiers/nominee_import.html", {"dossier": dossier, "form": form, "preview": preview,
                                                            "digest": digest})


@login_required
@require_POST
@fetch(DOSSIERS)
def nominee_import_confirm(request, dossier):
    """Step 2: the file kept at the preview, checked again against the register, added all or nothing.
    The page posts only the digest: the bytes never travel through the browser, so they cannot be
    swapped between the preview and the confirmation."""
    refused = _intake_refusal(request, dossier)
    if refused:
        return refused
    kept = request.session.get(_intake_session_key(dossier))
    data = base64.b64decode(kept["data"]) if kept else b""
    if not kept or request.POST.get("digest") != kept["sha256"] or hashlib.sha256(data).hexdigest() != kept["sha256"]:
        messages.error(request, "Không còn tệp đã xem trước (phiên làm việc đã hết hạn hoặc đã tải lên tệp khác); "
                                "hãy tải tệp lên lại.")
        return redirect("dossiers:nominee_import", pk=dossier.pk)
    try:
        preview, added = intake.import_file(request.user, dossier, data, kept["name"], kept["achievement"])
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("dossiers:nominee_import", pk=dossier.pk)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect(dossier)
    request.session.pop(_intake_session_key(dossier), None)
    if added:
        messages.success(request, f"Đã thêm {len(added)} đối tượng từ tệp “{kept['name']}”.")
        return redirect(dossier)
    messages.error(request, "Dữ liệu đã thay đổi từ lúc xem trước: có dòng không còn hợp lệ nên chưa thêm đối tượng "
                            "nào. Hãy sửa tệp theo danh sách lỗi và tải lên lại.")
    form = NomineeImportForm(user=request.user, initial={"achievement": kept["achievement"]})
    return render(request, "dossiers/nominee_import.html", {"dossier": dossier, "form": form, "preview": preview,
                                                            "digest": None})


@login_required
@fetch(DOSSIERS)
def nominee_import_template(request, dossier):
    require_unit_side(request.user, dossier)
    return _file_response(build_template(intake.KIND, request.user), f"Mau-danh-sach-doi-tuong-{dossier.code}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
