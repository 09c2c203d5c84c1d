"""Movements and key tasks, and the home page's fragment of movements in progress."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tdkt.core import clock
from tdkt.core.fetch import fetch
from tdkt.core.forms import error_text, run_service
from tdkt.core.scope import can_write
from tdkt.core.uploads import send_stored
from tdkt.org.models import Unit

from ..models import (
    KeyTask,
    Movement,
    MovementDocument,
)
from ..services import movements
from ..workflow import own_unit_id
from ..year_forms import MovementDocumentForm, MovementForm, ReviewForm
from .common import WIDE, run_action
from .registrations import year_out_of_range

# --- Movements and key tasks -------------------------------------------------------------------

@login_required
def movement_list(request):
    return render(request, "emulation/movement_list.html", {
        "movements": Movement.objects.visible_to(request.user).select_related("launching_unit"),
        "can_create": can_write(request.user), "own_unit": own_unit_id(request.user), "year": clock.today().year})


@login_required
@require_http_methods(["GET", "POST"])
def movement_create(request):
    if not can_write(request.user):
        raise PermissionDenied("Tài khoản của bạn không có quyền phát động phong trào.")
    year = clock.today().year
    form = MovementForm(request.POST or None, user=request.user, initial={"start_year": year, "end_year": year})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        movement = run_service(form, movements.create_movement, request.user, **data)
        if movement is not None:
            messages.success(request, "Đã lập phong trào (dự thảo); kiểm tra lại rồi phát động.")
            return redirect(movement.get_absolute_url())
    return render(request, "core/form.html", {"form": form, "title": "Lập phong trào thi đua", "wide": MOVEMENT_WIDE, "cancel_url": reverse("emulation:movements")})


MOVEMENT_WIDE = WIDE + ["contents", "covered_units", "targets"]


@login_required
@require_http_methods(["GET", "POST"])
@fetch(Movement)
def movement_detail(request, movement):
    editable = Movement.objects.editable_by(request.user).filter(pk=movement.pk).exists()
    if request.GET.get("sua") == "1":
        return _movement_edit(request, movement, editable)
    review_form = ReviewForm(user=request.user, initial={"held_on": clock.today()})
    if request.method == "POST":
        if not editable:
            raise Http404
        action = request.POST.get("action")
        if action == "launch":
            run_action(request, movements.launch_movement, request.user, movement, success="Đã phát động phong trào.")
        elif action == "review":
            review_form = ReviewForm(request.POST, user=request.user)
            if review_form.is_valid() and run_service(review_form, movements.record_review, request.user, movement,
                                                      **review_form.cleaned_data):
                messages.success(request, "Đã ghi kết quả.")
                return redirect(movement.get_absolute_url())
            # refused: the page again with the form as typed (the result text is not lost)
            messages.error(request, "Chưa ghi được kết quả sơ kết, tổng kết: " + error_text(review_form.errors))
            return _render_detail(request, movement, editable, review_form)
        elif action == "dossier":
            review = movement.reviews.filter(pk=request.POST.get("review") or 0).first()
            if review is None:
                raise Http404
            dossier = run_action(request, movements.start_thematic_dossier, request.user, review,
                           proposing_unit=movement.launching_unit)
            if dossier is not None:
                messages.success(request, f"Đã lập hồ sơ khen thưởng chuyên đề {dossier.code} (dự thảo).")
                return redirect(dossier.get_absolute_url())
        elif action == "document":
            form = MovementDocumentForm(request.POST, request.FILES, user=request.user)
            if form.is_valid():
                run_action(request, movements.add_movement_document, request.user, movement, upload=form.cleaned_data["file"],
                     title=form.cleaned_data["title"], success="Đã tải lên văn bản của phong trào.")
            else:
                messages.error(request, error_text(form.errors))
        return redirect(movement.get_absolute_url())
    return _render_detail(request, movement, editable, review_form)


def _render_detail(request, movement, editable: bool, review_form):
    covered = list(movement.covered_units.order_by("sort_key"))
    return render(request, "emulation/movement_detail.html", {
        "movement": movement, "editable": editable, "review_form": review_form,
        "reach": movement.reach.count(), "covered": covered,
        "would_reach": movements.reach_count(movement) if movement.status == "draft" and editable else 0,
        "reviews": movement.reviews.select_related("dossier"), "documents": movement.documents.all(),
        "document_form": MovementDocumentForm(user=request.user) if editable else None})


def _movement_edit(request, movement, editable: bool):
    """A draft movement in the form it was drawn up with; a launched one is refused with the reason."""
    if not editable:
        raise Http404
    if movement.status != "draft":
        messages.error(request, "Phong trào đã phát động nên không sửa được nữa (các đơn vị đã nhận nội dung này). "
                                "Có thể tải lên văn bản bổ sung hoặc ghi sơ kết, tổng kết.")
        return redirect(movement.get_absolute_url())
    form = MovementForm(request.POST or None, user=request.user, initial=MovementForm.initial_of(movement))
    if request.method == "POST" and form.is_valid():
        if run_service(form, movements.update_movement, request.user, movement, **form.cleaned_data) is not None:
            messages.success(request, "Đã lưu phong trào (dự thảo); kiểm tra lại rồi phát động.")
            return redirect(movement.get_absolute_url())
    return render(request, "core/form.html", {"form": form, "title": f"Sửa phong trào: {movement.title}",
                                              "subtitle": "Phong trào còn là dự thảo; sửa được cho đến khi phát động.",
                                              "wide": MOVEMENT_WIDE, "cancel_url": movement.get_absolute_url()})


@login_required
@fetch(MovementDocument, name="document")
def movement_document(request, document):
    return send_stored(document)


@login_required
@require_http_methods(["GET", "POST"])
@fetch(Unit, "unit_id")
def key_tasks(request, unit, year):
    from ..choices import KeyTaskStatus

    refused = year_out_of_range(request, unit, year, "nhiệm vụ trọng tâm", "emulation:key_tasks")
    if refused is not None:
        return refused
    current = list(KeyTask.objects.filter(unit=unit, year=year).order_by("order"))
    if request.method == "POST":
        tasks = [t for t in _posted_tasks(request) if t["title"].strip()]
        if run_action(request, movements.save_key_tasks, request.user, unit, year, tasks,
                success=f"Đã lưu {len(tasks)} nhiệm vụ trọng tâm năm {year}.") is not None:
            return redirect("emulation:key_tasks", unit_id=unit.pk, year=year)
    if request.method == "POST":   # refused: show what was typed, not the saved list
        current = [KeyTask(**t) for t in _posted_tasks(request)]
    rows = [(i, current[i - 1] if i <= len(current) else None) for i in range(1, max(KEY_TASK_ROWS, len(current)) + 1)]
    return render(request, "emulation/key_tasks.html", {"unit": unit, "year": year, "rows": rows,
                                                        "statuses": KeyTaskStatus.choices,
                                                        "editable": can_write(request.user)})


def _posted_tasks(request) -> list[dict]:
    flagship = request.POST.get("flagship", "")
    return [{"title": request.POST.get(f"title_{i}", ""), "is_flagship": flagship == str(i),
             "status": request.POST.get(f"status_{i}", ""), "note": request.POST.get(f"note_{i}", "")}
            for i in range(1, KEY_TASK_ROWS + 1)]


# Blank rows offered on the key-task page (a unit keeps about ten; the form has room for a few more).
KEY_TASK_ROWS = 12


# --- Home page fragment ------------------------------------------------------------------------

def home_context(user) -> dict:
    """For the home page: {"emulation_movements": launched movements in progress reaching the user's
    units}; render with {% include "emulation/_home_movements.html" %}."""
    return {"emulation_movements": list(movements.movements_for(user)[:10])}


