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

from ..forms import (
    MovementDocumentForm,
    MovementForm,
    ReviewForm,
)
from ..models import (
    KeyTask,
    Movement,
    MovementDocument,
)
from ..services import movements
from .common import WIDE, run_action

# --- Movements and key tasks -------------------------------------------------------------------

@login_required
def movement_list(request):
    return render(request, "emulation/movement_list.html", {
        "movements": Movement.objects.visible_to(request.user).select_related("launching_unit"),
        "can_create": can_write(request.user)})


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
    return render(request, "core/form.html", {"form": form, "title": "Lập phong trào thi đua", "wide": WIDE + [
        "contents", "covered_units", "targets"], "cancel_url": reverse("emulation:movements")})


@login_required
@require_http_methods(["GET", "POST"])
@fetch(Movement)
def movement_detail(request, movement):
    editable = Movement.objects.editable_by(request.user).filter(pk=movement.pk).exists()
    review_form = ReviewForm(request.POST or None, user=request.user, initial={"held_on": clock.today()})
    if request.method == "POST":
        if not editable:
            raise Http404
        action = request.POST.get("action")
        if action == "launch":
            run_action(request, movements.launch_movement, request.user, movement, success="Đã phát động phong trào.")
        elif action == "review" and review_form.is_valid():
            run_action(request, movements.record_review, request.user, movement, success="Đã ghi kết quả.",
                 **review_form.cleaned_data)
        elif action == "dossier":
            review = movement.reviews.filter(pk=request.POST.get("review") or 0).first()
            if review is None:
                raise Http404
            dossier = run_action(request, movements.start_thematic_dossier, request.user, review,
                           proposing_unit=movement.launching_unit)
            if dossier is not None:
                messages.success(request, f"Đã lập hồ sơ khen thưởng chuyên đề {dossier.code} (dự thảo).")
                return redirect(dossier.get_absolute_url())
        elif action == "review":
            messages.error(request, error_text(review_form.errors))
        elif action == "document":
            form = MovementDocumentForm(request.POST, request.FILES, user=request.user)
            if form.is_valid():
                run_action(request, movements.add_movement_document, request.user, movement, upload=form.cleaned_data["file"],
                     title=form.cleaned_data["title"], success="Đã tải lên văn bản của phong trào.")
            else:
                messages.error(request, error_text(form.errors))
        return redirect(movement.get_absolute_url())
    return render(request, "emulation/movement_detail.html", {
        "movement": movement, "editable": editable, "review_form": review_form,
        "reach": movement.reach.count(), "covered": list(movement.covered_units.order_by("sort_key")),
        "reviews": movement.reviews.select_related("dossier"), "documents": movement.documents.all(),
        "document_form": MovementDocumentForm(user=request.user) if editable else None})


@login_required
@fetch(MovementDocument, name="document")
def movement_document(request, document):
    return send_stored(document)


@login_required
@require_http_methods(["GET", "POST"])
@fetch(Unit, "unit_id")
def key_tasks(request, unit, year):
    from ..choices import KeyTaskStatus

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


