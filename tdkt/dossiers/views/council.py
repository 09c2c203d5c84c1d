"""Council sessions: the list, one session with its agenda and ballot paper, closing, conflicts of
interest, and the vote-count minutes."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tdkt.core import clock
from tdkt.core.choices import Role
from tdkt.core.fetch import fetch
from tdkt.core.forms import error_text, run_service
from tdkt.core.scope import is_office, role_of
from tdkt.documents.minutes import OUTCOME_LABELS, VoteTerms, render_minutes_docx, render_minutes_pdf

from ..choices import SessionStatus
from ..council_forms import BallotForm, ConflictForm, SessionForm
from ..models import AgendaItem, BallotReceipt, CouncilSession, Recusal, SessionMember
from ..services import council
from ..workflow import require_office
from .common import file_response

# --- Council sessions --------------------------------------------------------------------------

@login_required
def session_list(request):
    # The counts are subqueries over the whole session, never over a join the scope filter narrowed:
    # every reader sees the same number of members.
    def count_of(model, field="session"):
        rows = (model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
                .annotate(n=Count("pk")).values("n"))
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    user_id = request.user.pk
    # What is left for the reader's own ballot: items they have neither voted on nor been recused from
    # (one subquery per column, whatever the number of sessions).
    left = (AgendaItem.objects.filter(session=OuterRef("pk"))
            .exclude(Exists(BallotReceipt.objects.filter(item=OuterRef("pk"), member_id=user_id)))
            .exclude(Exists(Recusal.objects.filter(item=OuterRef("pk"), member_id=user_id))))
    sessions = CouncilSession.objects.visible_to(request.user).annotate(
        n_items=count_of(AgendaItem), n_members=count_of(SessionMember),
        is_mine=Exists(SessionMember.objects.filter(session=OuterRef("pk"), user_id=user_id)),
        n_left=Coalesce(Subquery(left.order_by().values("session").annotate(n=Count("pk")).values("n"),
                                 output_field=IntegerField()), 0))
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
    """The session's page; `?tien-do=1` answers only the live "x/9 đã bỏ phiếu" (polled by htmx)."""
    user = request.user
    progress = council.progress(session)
    if request.GET.get("tien-do"):
        return render(request, "dossiers/_vote_progress.html", {"session": session, "progress": progress})
    items = list(session.items.select_related("nominee", "nominee__award_type", "nominee__dossier")
                 .annotate(n_recused=Count("recusals")))
    is_member = session.memberships.filter(user_id=user.pk).exists()
    state = council.ballot_state(user, session) if is_member else {}
    to_vote = [i for i in items if i.pk not in state]
    counts = council.tally(session, items)
    for item, count in zip(items, counts):
        item.label = council.threshold_label(item, session.held_on)
        item.my_state = state.get(item.pk)
        item.count = count
    context = {
        "session": session, "items": items, "office": is_office(user), "is_member": is_member,
        # A member reads the dossiers on the agenda (Dossier.objects.visible_to lets them); the office
        # and the leader read every dossier.
        "can_open": is_member or is_office(user) or role_of(user) == Role.LEADER,
        "members": session.memberships.select_related("user", "unit"), "total": progress.members,
        "quorum_needed": progress.needed, "progress": progress, "terms": VoteTerms, "outcomes": OUTCOME_LABELS,
        "close_warning": council.close_warning(session) if session.status == SessionStatus.OPEN else "",
        "open_warning": (f"Bắt đầu bỏ phiếu “{session.title}” với {len(items)} đối tượng? Sau khi bắt đầu không thêm "
                         f"được đối tượng; {progress.members} thành viên sẽ nhận thông báo trên hệ thống và qua thư "
                         "điện tử."),
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
        session = service(request.user, session)
        if action == "mo":
            messages.success(request, "Đã bắt đầu bỏ phiếu; các thành viên đã được thông báo.")
        else:
            progress = council.progress(session)
            if progress.quorate:
                messages.success(request, f"Đã kết thúc bỏ phiếu ({progress.text}), kết quả đã kiểm.")
            else:
                messages.warning(request, f"Đã kết thúc bỏ phiếu: {progress.text}, cần ít nhất {progress.needed}. "
                                          "Không đủ số thành viên tham dự: kết quả không có giá trị, các hồ sơ trở "
                                          "lại chờ trình phiên họp sau.")
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


