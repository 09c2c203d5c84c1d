"""Drafting a dossier: the lists, one dossier with its nominees and attachments, the unit-side and
office actions, appraisal of a nominee, and nominees in bulk (the due list and the Excel list)."""
from __future__ import annotations

import base64
import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tdkt.awards.choices import SUBJECT_FIELDS, SubjectKind
from tdkt.core import clock
from tdkt.core.fetch import fetch
from tdkt.core.forms import error_text, run_service
from tdkt.core.scope import can_write, is_office, role_of
from tdkt.core.uploads import send_stored
from tdkt.imports.parsing import ImportFileError
from tdkt.imports.workbook import build_template

from .. import services
from ..choices import CLOSED_STATUSES, STATUS_GROUPS, UNIT_EDITABLE_STATUSES, DossierStatus as S
from ..deadlines import whose_turn
from ..forms import (
    AchievementForm,
    AppraiseForm,
    AttachmentForm,
    DossierForm,
    DuePickForm,
    NomineeForm,
    NomineeImportForm,
    ReasonForm,
)
from ..models import Attachment, Certificate, Dossier, Nominee
from ..nominee_forms import GroundsForm, live_check
from ..services import appraisal, decisions, grounds, intake, issuance, numbering
from ..workflow import ACTIONS, require_unit_side
from .common import DOSSIERS, NOMINEE_PAGE_SIZE, PAGE_SIZE, file_response

# --- Lists -------------------------------------------------------------------------------------

@login_required
def dossier_list(request):
    qs = (Dossier.objects.visible_to(request.user).select_related("proposing_unit")
          .annotate(n_nominees=Count("nominees")).order_by("-id"))
    status, year, overdue = request.GET.get("trang_thai", ""), request.GET.get("nam", ""), request.GET.get("qua_han")
    group = STATUS_GROUPS.get(request.GET.get("nhom", ""))
    if status not in S.values:
        status = ""
    if status:
        qs = qs.filter(status=status)
    if group:
        # A group of statuses (the desk's "chờ tiếp nhận" is submitted or resubmitted).
        qs = qs.filter(status__in=group.statuses)
    if not year.isdigit():
        year = ""
    if year:
        qs = qs.filter(year=int(year))
    if overdue:
        qs = qs.exclude(status__in=CLOSED_STATUSES).filter(due_on__lt=clock.today()).order_by("due_on")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    kept = {k: v for k, v in (("trang_thai", status), ("nhom", group.slug if group else ""), ("nam", year),
                              ("qua_han", "1" if overdue else "")) if v}
    return render(request, "dossiers/dossier_list.html", {
        "page": page, "statuses": S.choices, "status": status, "year": year, "overdue": overdue,
        "groups": STATUS_GROUPS.values(), "group": group, "filters": urlencode(kept),
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
    return render(request, "core/form.html", {"form": form, "form_id": "dossier-form", "title": "Lập hồ sơ đề nghị khen thưởng",
                                              "cancel_url": reverse("dossiers:list"), "wide": ["title", "movement"]})


# --- One dossier -------------------------------------------------------------------------------

# A dossier page's record, fetched through the user's scope by @fetch (404 outside it).


@login_required
@fetch(DOSSIERS)
def dossier_detail(request, dossier):
    user = request.user
    rows = dossier.nominees.select_related("award_type", "person", "recipient_unit", "household")
    # One page of nominees is rendered (a province's dossier has hundreds); the counts cover them all.
    # The page is chosen on the ids alone, then its rows are read with their joins: sorting hundreds of
    # joined rows to keep fifty cost PostgreSQL more to plan and run than the page itself.
    page = Paginator(dossier.nominees.values_list("pk", flat=True), NOMINEE_PAGE_SIZE).get_page(request.GET.get("trang"))
    ids = list(page.object_list)
    by_id = rows.prefetch_related("award_record", "appraised_by").in_bulk(ids)
    nominees = [by_id[pk] for pk in ids if pk in by_id]
    office = is_office(user)
    unit_side = can_write(user) and dossier.status in UNIT_EDITABLE_STATUSES
    findings = appraisal.findings(list(rows)) if office and dossier.status == S.APPRAISING else {}
    for n in nominees:
        n.findings = findings.get(n.pk, [])
        n.appraise_form = AppraiseForm(prefix=f"n{n.pk}") if findings else None
        n.grounds = [(grounds.ground_label(c["code"]), c.get("evidence", "")) for c in n.claims or []
                     if c.get("code") in grounds.CLAIMS]
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
        "not_eligible": _not_eligible(dossier) if unit_side else [],
        "need_ground": _need_ground(dossier) if unit_side else [],
    }
    if context["documents"]:
        certs = {c.award_record_id: c for c in Certificate.objects.filter(
            dossier=dossier, award_record_id__in=[n.award_record_id for n in nominees if n.award_record_id])}
        for n in nominees:
            n.certificate = certs.get(n.award_record_id)
    return render(request, "dossiers/dossier_detail.html", context)


def _grounds_codes(dossier, award_type, subject_kind) -> list[str]:
    if award_type is None or subject_kind not in SUBJECT_FIELDS:
        return []
    return grounds.grounds_for(award_type.code, subject_kind, grounds.proposal_kind(dossier), clock.today())


def _live_verdict(nominee, stated: dict[str, str]) -> dict:
    """The engine's verdict of a nominee being drafted, with the grounds ticked on the page (saved or not)."""
    nominee.claims = [{"code": code, "evidence": evidence} for code, evidence in stated.items()]
    return grounds.verdict_of(nominee, clock.today())


def _grounds_context(dossier, grounds_form, nominee) -> dict:
    verdict = _live_verdict(nominee, grounds_form.stated()) if nominee is not None else None
    return {"grounds_form": grounds_form, "verdict": verdict, "dossier": dossier,
            "verdict_pending": bool(verdict) and any(c.get("passed") is None for c in verdict["checks"]),
            "missing_evidence": [grounds.ground_label(c) for c, e in grounds_form.stated().items() if not e]}


def _not_eligible(dossier) -> list[str]:
    """The nominees the rule engine finds not eligible (their draft verdicts): the submit button names them."""
    return list(dossier.nominees.filter(verdict_eligible=False).order_by("order", "id")
                .values_list("recipient_name", flat=True))


def _need_ground(dossier) -> list[tuple[int, str]]:
    """(id, name) of the nominees that fail for want of a ground not stated (a due-list pick or an Excel
    list adds them without one): the page counts them and links each to its editor."""
    rows = dossier.nominees.filter(verdict_eligible=False).order_by("order", "id").values_list(
        "pk", "recipient_name", "verdict")
    return [(pk, name) for pk, name, verdict in rows if grounds.needs_ground(verdict)]


@login_required
@require_http_methods(["GET", "POST"])
@fetch(DOSSIERS)
def nominee_add(request, dossier):
    """Add one nominee with its grounds. An htmx post with `kiem_tra` answers the grounds block with the
    rule engine's live verdict of what is typed, without saving anything."""
    require_unit_side(request.user, dossier)
    form = NomineeForm(request.POST or None, dossier=dossier, user=request.user,
                       initial={"achievement": f"Đã có thành tích xuất sắc trong công tác năm {dossier.year}"})
    live_check(form, request.path)
    # The fields already valid choose the grounds offered and the subject of the live verdict.
    data = form.cleaned_data if form.is_bound and form.is_valid() else getattr(form, "cleaned_data", {})
    kind = data.get("subject_kind") or SubjectKind.INDIVIDUAL
    award_type = data.get("award_type")
    grounds_form = GroundsForm(request.POST or None, codes=_grounds_codes(dossier, award_type, kind))
    subject = SUBJECT_FIELDS.get(kind)
    draft = None
    if award_type is not None and subject and data.get(subject) is not None:
        draft = Nominee(dossier=dossier, subject_kind=kind, award_type=award_type, year=dossier.year,
                        **{subject: data[subject]})
    if request.method == "POST" and request.POST.get("kiem_tra"):
        return render(request, "dossiers/_grounds.html", _grounds_context(dossier, grounds_form, draft))
    if request.method == "POST" and form.is_valid():
        nominee = run_service(form, services.add_nominee, request.user, dossier, award_type=award_type,
                              subject_kind=kind, achievement=data["achievement"], claims=grounds_form.stated(),
                              **{subject: data[subject]})
        if nominee:
            messages.success(request, f"Đã thêm đối tượng đề nghị {nominee.recipient_name}: {_verdict_word(nominee)}.")
            return redirect(reverse("dossiers:detail", args=[dossier.pk]) + f"#n{nominee.pk}")
    return render(request, "dossiers/nominee_form.html", {
        "form": form, "title": f"Thêm đối tượng vào hồ sơ {dossier.code}", "dossier": dossier,
        "cancel_url": dossier.get_absolute_url(), "submit": "Thêm đối tượng", "live_url": request.path,
        **_grounds_context(dossier, grounds_form, draft)})


def _verdict_word(nominee) -> str:
    if nominee.verdict_eligible is False:
        return "chưa đủ điều kiện theo quy định"
    if nominee.pending_checks:
        return "đủ điều kiện, còn nội dung cần Hội đồng đánh giá"
    return "đủ điều kiện theo quy định"


@login_required
@require_http_methods(["GET", "POST"])
@fetch(Nominee.objects.select_related("dossier", "award_type", "person", "recipient_unit", "household"))
def nominee_edit(request, nominee):
    """The unit amends a nominee's achievement summary and grounds (a draft, or a dossier returned for
    amendment), seeing the live verdict of the grounds it ticks (htmx post with `kiem_tra`)."""
    dossier = nominee.dossier
    require_unit_side(request.user, dossier)
    form = AchievementForm(request.POST or None, initial={"achievement": nominee.achievement})
    codes = _grounds_codes(dossier, nominee.award_type, nominee.subject_kind)
    grounds_form = GroundsForm(request.POST or None, codes=codes, initial=GroundsForm.initial_from(nominee.claims))
    if request.method == "POST" and request.POST.get("kiem_tra"):
        return render(request, "dossiers/_grounds.html", _grounds_context(dossier, grounds_form, nominee))
    if request.method == "POST" and form.is_valid():
        updated = run_service(form, services.update_nominee, request.user, nominee, claims=grounds_form.stated(),
                              **form.cleaned_data)
        if updated:
            messages.success(request, f"Đã sửa thành tích, căn cứ đề nghị của {nominee.recipient_name}: "
                                      f"{_verdict_word(updated)}.")
            return redirect(reverse("dossiers:detail", args=[dossier.pk]) + f"#n{nominee.pk}")
    subtitle = f"{nominee.award_type.name} · hồ sơ {dossier.code}"
    if nominee.appraisal_reason:
        subtitle += f" · Nội dung cần bổ sung: {nominee.appraisal_reason}"
    return render(request, "dossiers/nominee_form.html", {
        "form": form, "title": f"Sửa thành tích – {nominee.recipient_name}", "subtitle": subtitle,
        "cancel_url": dossier.get_absolute_url(), "submit": "Lưu", "live_url": request.path,
        **_grounds_context(dossier, grounds_form, nominee)})


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
            waiting = sum(grounds.needs_ground(n.verdict) for n in added)
            messages.success(request, f"Đã thêm {len(added)} người từ danh sách đến hạn “{due.award.name}”."
                                      + (f" {waiting} người cần nêu căn cứ đề nghị: xem danh sách trên trang hồ sơ."
                                         if waiting else ""))
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
    return file_response(build_template(intake.KIND, request.user, grounds=intake.grounds_table(dossier)),
                         f"Mau-danh-sach-doi-tuong-{dossier.code}.xlsx",
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
