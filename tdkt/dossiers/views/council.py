"""Council sessions: the list, one session with its agenda and ballot paper, closing, conflicts of
interest, and the vote-count minutes."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tdkt.core import clock
from tdkt.core.fetch import fetch
from tdkt.core.forms import error_text, run_service
from tdkt.core.scope import is_office
from tdkt.documents.minutes import render_minutes_docx, render_minutes_pdf

from ..choices import SessionStatus
from ..forms import (
    BallotForm,
    ConflictForm,
    SessionForm,
)
from ..models import AgendaItem, CouncilSession
from ..services import council
from ..workflow import require_office
from .common import file_response

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


# --- The vote-count minutes --------------------------------------------------------------------

@login_required
@fetch(CouncilSession, name="session")
def session_minutes(request, session, fmt):
    if session.status != SessionStatus.CLOSED or fmt not in ("pdf", "docx"):
        raise Http404
    doc = council.minutes_doc(session)
    stem = f"Bien-ban-kiem-phieu-{session.held_on:%Y%m%d}-{session.pk}"
    if fmt == "pdf":
        return file_response(render_minutes_pdf(doc), stem + ".pdf", "application/pdf")
    return file_response(render_minutes_docx(doc), stem + ".docx",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


