"""The decision and what it produced: issuing, numbering, the signing queue, upper decisions,
issued files, certificates, print-on-blank, and the package forwarded upward."""
from __future__ import annotations

import io
import re
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tdkt.core import clock
from tdkt.core.fetch import fetch
from tdkt.core.forms import error_text, run_service
from tdkt.core.scope import get_visible_or_404, is_office, profile_of, role_of
from tdkt.documents.decision import render_decision_pdf
from tdkt.documents.text import money_vn

from ..choices import DossierStatus as S, VoteResult
from ..council_forms import SigningForm
from ..forms import NumberForm, UpperDecisionForm
from ..models import Certificate, Dossier, IssuedFile
from ..services import decisions, forwarding, issuance, numbering, wording
from ..workflow import require_office
from .common import DOSSIERS, file_response, public_base

RECIPIENTS_PER_PAGE = 25


@login_required
@require_http_methods(["GET", "POST"])
@fetch(DOSSIERS)
def decision_issue(request, dossier):
    """The leader reads the decision before signing it: the recipients (paginated), the money per
    award and in total, the legal basis, and the draft PDF (`?xem-truoc=pdf`, without a number); the
    signature block comes from the account (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH for a vice-chair)."""
    user = request.user
    if role_of(user) not in decisions.SIGNING_ROLES:
        raise PermissionDenied("Chỉ lãnh đạo có thẩm quyền được ký quyết định khen thưởng.")
    prefix, title = decisions.signing_capacity(user)
    form = SigningForm(request.POST or None, user=user, initial={"signed_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        decision = run_service(form, decisions.issue_decision, user, dossier, signed_on=form.cleaned_data["signed_on"])
        if decision:
            messages.success(request, f"Đã ký quyết định ngày {decision.signed_on:%d/%m/%Y} ({decision.signer_title}); "
                                      f"quyết định chờ văn thư cấp số, bằng được cấp sau khi có số.")
            return redirect(dossier)
    doc = decisions.signing_preview(user, dossier)
    if request.GET.get("xem-truoc") == "pdf":
        response = HttpResponse(render_decision_pdf(doc), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="Du-thao-quyet-dinh-{dossier.code}.pdf"'
        return response
    rows, groups, total, unpriced = [], [], 0, 0
    for group in doc.groups:
        amounts = [r.money for r in group.recipients if r.money is not None]
        groups.append({"award": group.award_name, "count": len(group.recipients), "total": money_vn(sum(amounts)),
                       "each": ", ".join(money_vn(a) for a in sorted(set(amounts))),
                       "unpriced": len(group.recipients) - len(amounts)})
        total += sum(amounts)
        unpriced += len(group.recipients) - len(amounts)
        rows += [{"order": r.order, "name": r.name, "description": r.description, "award": group.award_name,
                  "money": money_vn(r.money) if r.money is not None else ""} for r in group.recipients]
    page = Paginator(rows, RECIPIENTS_PER_PAGE).get_page(request.GET.get("trang"))
    ready = decisions.disclosure_over(dossier) and dossier.status == S.DISCLOSURE and bool(rows)
    return render(request, "dossiers/signing.html", {
        "dossier": dossier, "doc": doc, "form": form, "groups": groups, "total": money_vn(total), "unpriced": unpriced,
        "page": page, "count": len(rows), "ready": ready,
        "capacity": decisions.capacity_label(prefix, title), "signer_name": user.get_full_name() or user.username,
        "position": getattr(profile_of(user), "title", ""),
        "confirm": f"Ký quyết định {doc.summary[:1].lower()}{doc.summary[1:]} cho {len(rows)} đối tượng, tổng tiền "
                   f"thưởng {money_vn(total)} đồng, ký “{decisions.capacity_label(prefix, title)}”: sau khi ký không "
                   f"sửa được.",
    })


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
                               base_url=public_base(request))
        if decision:
            messages.success(request, f"Đã cấp số: Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y}. "
                                      f"Hệ thống đang tạo văn bản và bằng.")
            return redirect(dossier)
    decision = dossier.decision
    return render(request, "core/form.html", {
        "form": form, "form_id": "number-form", "title": f"Cấp số quyết định – hồ sơ {dossier.code}",
        "subtitle": f"{decision.summary}. Lãnh đạo ký ngày {decision.signed_on:%d/%m/%Y}; sổ của "
                    f"{decision.body.name}: số tiếp theo hệ thống biết là {proposed}. Ghi đúng số và ngày văn thư đã "
                    f"cấp trong sổ đăng ký văn bản đi.",
        "cancel_url": dossier.get_absolute_url(), "submit": "Cấp số", "wide": ["reason"],
        # Asked before the number is given (the form's data-confirm).
        "confirm": f"Cấp số cho quyết định {decision.summary[:1].lower()}{decision.summary[1:]}? Số và ngày được ghi "
                   f"vào sổ của {decision.body.name}; sau khi cấp số, hệ thống tạo văn bản và bằng, không sửa được số."})


@login_required
def signing_queue(request):
    """The leader's queue: dossiers waiting for the signature, signed decisions waiting for their
    number, and the decisions numbered lately with their certificates."""
    user = request.user
    if not (role_of(user) in decisions.SIGNING_ROLES or is_office(user)):
        raise PermissionDenied("Trang dành cho lãnh đạo ký quyết định và Ban Thi đua – Khen thưởng.")
    visible = Dossier.objects.visible_to(user).select_related("proposing_unit", "decision__body")
    to_sign = [d for d in visible.filter(status=S.DISCLOSURE).annotate(
                   n_passed=Count("nominees", filter=Q(nominees__vote_result=VoteResult.PASSED)))
               .order_by("disclosure_end", "pk") if not d.goes_upward]
    decided = visible.filter(status=S.DECIDED, decision__isnull=False)
    awaiting = decided.filter(decision__number="").order_by("decision__signed_on", "pk")
    numbered = list(decided.exclude(decision__number="").annotate(
        certs=Count("certificates", distinct=True)).order_by("-decision__signed_on", "-pk")[:30])
    done = dict(Certificate.objects.filter(dossier__in=numbered).exclude(file="").values_list("dossier")
                .annotate(n=Count("id")).values_list("dossier", "n"))
    for d in numbered:
        d.certs_done = done.get(d.pk, 0)
    today = clock.today()
    awaiting = list(awaiting)
    for d in to_sign:
        # Waiting for the signature since the day after the disclosure ended.
        d.ready = d.disclosure_end is not None and d.disclosure_end < today
        d.waiting_days = (today - d.disclosure_end).days - 1 if d.ready else None
    for d in awaiting:
        d.waiting_days = (today - d.decision.signed_on).days
    return render(request, "dossiers/signing_queue.html", {
        "to_sign": to_sign, "awaiting": awaiting, "numbered": numbered, "today": today,
        "n_ready": sum(1 for d in to_sign if d.ready),
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


# --- What the decision produced: files, certificates, print-on-blank ------------------------------

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
    return file_response(buffer.getvalue(), f"Bang-{dossier.code}.zip", "application/zip")


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
    return file_response(data, f"In-phoi-{layout}-{dossier.code}.pdf", "application/pdf")


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
        made = issuance.regenerate_missing(request.user, dossier, base_url=public_base(request))
        if made is None:
            messages.success(request, "Đã đưa việc tạo văn bản còn thiếu vào hàng đợi; tiến độ hiện trên trang này.")
        else:
            messages.success(request, f"Đã tạo {made['decision']} văn bản quyết định và {made['certificates']} bằng còn thiếu.")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect(dossier)


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
    return file_response(forwarding.build_package(dossier), f"Du-thao-ho-so-trinh-{dossier.code}.zip",
                          "application/zip")


