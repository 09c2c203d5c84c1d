"""Registrations for the year's titles and movements: the overview and one unit's form."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tdkt.core import clock
from tdkt.core.excel import download
from tdkt.core.fetch import fetch
from tdkt.core.forms import run_service
from tdkt.core.scope import scope_unit_ids, unit_subtree_ids
from tdkt.org.models import Unit

from .. import exports
from ..forms import (
    RegistrationPeriodForm,
)
from ..models import (
    Registration,
    RegistrationPeriod,
)
from ..services import registrations
from ..workflow import is_office, own_unit_id
from .common import run_action

# --- Registrations -----------------------------------------------------------------------------

def _year(request) -> int:
    value = request.GET.get("nam", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else clock.today().year


@login_required
@require_http_methods(["GET", "POST"])
def registration_overview(request):
    """The year's registrations in the user's scope (the province for the office), the roll-up per
    award, registered against achieved; the office sets the deadline here."""
    year = _year(request)
    ids = scope_unit_ids(request.user)
    form = RegistrationPeriodForm(request.POST or None, user=request.user, initial={"year": year})
    if request.method == "POST":
        if form.is_valid() and run_service(form, registrations.set_period, request.user, **form.cleaned_data):
            messages.success(request, f"Đã đặt hạn đăng ký thi đua năm {form.cleaned_data['year']}.")
            return redirect(f"{reverse('emulation:registrations')}?nam={form.cleaned_data['year']}")
    regs = Registration.objects.visible_to(request.user).filter(year=year).select_related("unit").annotate(
        n_items=Count("items"))
    own = own_unit_id(request.user)
    return render(request, "emulation/registrations.html", {
        "year": year, "registrations": regs, "rollup": registrations.rollup(year, ids),
        "achieved": registrations.registered_vs_achieved(year, ids), "period_form": form if is_office(request.user)
        else None, "period": RegistrationPeriod.objects.filter(year=year).first(), "own_unit": own})


@login_required
def registrations_xlsx(request):
    year = _year(request)
    wb = exports.registrations_workbook(year, scope_unit_ids(request.user))
    return download(wb, f"dang-ky-thi-dua-{year}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
@fetch(Unit, "unit_id")
def registration_edit(request, unit, year):
    """A unit's registration: its own titles and, a page of people at a time (searchable, or only
    those registered), its people's titles. Saving changes only the people on the page; the rest of
    the registration is kept as it was."""
    from django.core.paginator import Paginator

    from tdkt.awards.models import AwardType
    from tdkt.org.models import Person

    subtree = Person.objects.filter(unit_id__in=unit_subtree_ids(unit))
    collective = list(AwardType.objects.filter(for_collective=True, category="title").order_by("rank"))
    individual = list(AwardType.objects.filter(for_individual=True, category="title").order_by("rank"))
    current = Registration.objects.filter(unit=unit, year=year).first()
    items = list(current.items.select_related("person", "award_type")) if current else []
    query, only_registered = request.GET.get("q", "").strip()[:100], request.GET.get("da_dang_ky") == "1"
    listed = subtree.order_by("sort_key", "id")
    if query:
        listed = listed.filter(full_name__icontains=query)
    if only_registered:
        listed = listed.filter(registrations__registration=current) if current else listed.none()
    page = Paginator(listed.distinct(), REGISTRATION_PAGE).get_page(request.GET.get("trang"))
    chosen: dict[int, set] = {}
    for i in items:
        if i.person_id:
            chosen.setdefault(i.person_id, set()).add(i.award_type_id)
    page.object_list = list(page.object_list)
    for person in page.object_list:
        person.chosen_awards = chosen.get(person.pk, set())
    if request.method == "POST":
        awards = {a.pk: a for a in collective + individual}
        shown = {p.pk: p for p in subtree.filter(pk__in=[int(v) for v in request.POST.getlist("shown")
                                                          if v.isdigit()][:REGISTRATION_PAGE])}
        unit_titles = [awards[int(v)] for v in request.POST.getlist("unit_titles") if v.isdigit() and int(v) in awards]
        rows = [(i.person, i.award_type) for i in items if i.person_id and i.person_id not in shown]
        for key in request.POST.getlist("individual"):
            pid, _, aid = key.partition(":")
            if pid.isdigit() and aid.isdigit() and int(pid) in shown and int(aid) in awards:
                rows.append((shown[int(pid)], awards[int(aid)]))
        saved = run_action(request, registrations.save_registration, request.user, unit, year,
                     commitments=request.POST.get("commitments", ""), unit_titles=unit_titles, individuals=rows)
        if saved is not None and request.POST.get("submit"):
            run_action(request, registrations.submit_registration, request.user, saved,
                 success=f"Đã gửi đăng ký thi đua năm {year} của {unit.name}.")
        elif saved is not None:
            messages.success(request, f"Đã lưu đăng ký thi đua năm {year} của {unit.name}.")
        back = reverse("emulation:registration", args=[unit.pk, year])
        return redirect(f"{back}?{request.GET.urlencode()}" if request.GET else back)
    return render(request, "emulation/registration_edit.html", {
        "unit": unit, "year": year, "page": page, "collective": collective, "individual": individual,
        "unit_chosen": {i.award_type_id for i in items if not i.person_id},
        "registered_people": len(chosen), "total_people": subtree.count(),
        "query": query, "only_registered": only_registered, "registration": current,
        "period": RegistrationPeriod.objects.filter(year=year).first()})


# People on one page of the registration form (a department has hundreds, a hospital thousands).
REGISTRATION_PAGE = 100


