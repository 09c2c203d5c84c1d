"""Registrations for the year's titles and movements: the overview and one unit's form.

The unit's form shows its people a page at a time (a hospital has more than a thousand): the page's
ticks are saved whenever the clerk moves to another page (the pager's buttons submit the form), so
nothing is lost and a request never carries more than one page of checkboxes; one title can be ticked
for every person of the unit at once, and the whole list can go through an Excel template."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tdkt.awards.models import AwardType
from tdkt.core import clock
from tdkt.core.excel import download
from tdkt.core.fetch import fetch
from tdkt.core.forms import error_text, run_service
from tdkt.core.scope import can_write, scope_unit_ids, unit_subtree_ids
from tdkt.core.text import fold
from tdkt.core.years import WORK_YEARS
from tdkt.org.models import Person, Unit

from .. import exports
from ..models import Registration
from ..services import registrations
from ..workflow import is_office, own_unit_id
from ..year_forms import RegistrationImportForm, RegistrationPeriodForm

# People on one page of the registration form (a department has hundreds, a hospital thousands).
REGISTRATION_PAGE = 100


def _year(request) -> int:
    value = request.GET.get("nam", "")
    return int(value) if value.isdigit() and int(value) in WORK_YEARS else clock.today().year


def year_out_of_range(request, unit, year: int, what: str, url_name: str):
    """A year outside the work years (1, 99999) answers a Vietnamese 404 page that says which years
    exist and links to this year's page, not an empty form to fill; None for a year in range."""
    if year in WORK_YEARS:
        return None
    current = clock.today().year
    return render(request, "emulation/year_out_of_range.html", {
        "what": what, "year": year, "message": WORK_YEARS.message("Năm"), "current_year": current,
        "current_url": reverse(url_name, args=[unit.pk, current])}, status=404)


@login_required
@require_http_methods(["GET", "POST"])
def registration_overview(request):
    """The year's registrations in the user's scope (the province for the office), the roll-up per
    award, registered against achieved; the office sets the deadline here."""
    year = _year(request)
    ids = scope_unit_ids(request.user)
    state = registrations.period_state(year)
    initial = {"year": year} | ({"deadline": state.period.deadline, "note": state.period.note} if state.period else {})
    form = RegistrationPeriodForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        if form.is_valid() and run_service(form, registrations.set_period, request.user, **form.cleaned_data):
            messages.success(request, f"Đã đặt hạn đăng ký thi đua năm {form.cleaned_data['year']}.")
            return redirect(f"{reverse('emulation:registrations')}?nam={form.cleaned_data['year']}")
    regs = Registration.objects.visible_to(request.user).filter(year=year).select_related("unit").annotate(
        n_items=Count("items"))
    return render(request, "emulation/registrations.html", {
        "year": year, "registrations": regs, "rollup": registrations.rollup(year, ids),
        "achieved": registrations.registered_vs_achieved(year, ids), "period_form": form if is_office(request.user)
        else None, "state": state, "own_unit": own_unit_id(request.user)})


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
    those registered), its people's titles; `?mau=xlsx` is the Excel template of all its people."""
    refused = year_out_of_range(request, unit, year, "đăng ký thi đua", "emulation:registration")
    if refused is not None:
        return refused
    if request.GET.get("mau") == "xlsx":
        return download(exports.registration_template(unit, year), f"dang-ky-thi-dua-{year}-{unit.code or unit.pk}.xlsx")
    state = registrations.period_state(year)
    import_form = RegistrationImportForm(user=request.user)
    typed, import_errors = None, []
    if request.method == "POST" and request.POST.get("action") == "import":
        import_form = RegistrationImportForm(request.POST, request.FILES, user=request.user)
        if import_form.is_valid():
            try:
                _reg, people, titles = registrations.import_registration(
                    request.user, unit, year, import_form.cleaned_data["file"])
            except ValidationError as exc:
                import_errors = [m for msgs in exc.message_dict.values() for m in msgs] \
                    if hasattr(exc, "error_dict") else exc.messages
            except PermissionDenied as exc:
                import_errors = [str(exc)]
            else:
                messages.success(request, f"Đã đăng ký từ tệp Excel: {people} người, {titles} danh hiệu.")
                return redirect(request.get_full_path())
    elif request.method == "POST":
        typed = _typed(request)
        saved = _save(request, unit, year, typed)
        if saved is not None:
            return redirect(_after_save(request, unit, year, typed))
    return render(request, "emulation/registration_edit.html",
                  _edit_context(request, unit, year, state, typed) | {
                      "import_form": import_form, "import_errors": import_errors})


def _ints(values) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


def _typed(request) -> dict:
    """What the clerk typed and ticked on the page, kept to show again if the save is refused."""
    ticks = []
    for key in request.POST.getlist("individual"):
        pid, _, aid = key.partition(":")
        if pid.isdigit() and aid.isdigit():
            ticks.append((int(pid), int(aid)))
    everyone = None
    if request.POST.get("tat_ca") in ("add", "remove") and request.POST.get("all_award", "").isdigit():
        everyone = (request.POST["tat_ca"], int(request.POST["all_award"]))
    return {"commitments": request.POST.get("commitments", ""), "unit_titles": set(_ints(request.POST.getlist("unit_titles"))),
            "shown": _ints(request.POST.getlist("shown"))[:REGISTRATION_PAGE], "ticks": ticks, "everyone": everyone,
            "submit": bool(request.POST.get("submit"))}


def _listed(request, unit, year: int):
    """The unit's people on the form, after the search and the “only registered” filter."""
    query, only_registered = request.GET.get("q", "").strip()[:100], request.GET.get("da_dang_ky") == "1"
    people = Person.objects.filter(unit_id__in=unit_subtree_ids(unit)).order_by("sort_key", "id")
    if query:
        people = people.filter(search_text__contains=fold(query))
    if only_registered:
        people = people.filter(registrations__registration__unit=unit, registrations__registration__year=year)
    return people.distinct(), query, only_registered


def _save(request, unit, year: int, typed: dict):
    everyone = None
    if typed["everyone"]:
        action, award_id = typed["everyone"]
        listed, _query, _only = _listed(request, unit, year)
        everyone = (action, award_id, list(listed.values_list("pk", flat=True)))
    try:
        saved = registrations.save_ticks(request.user, unit, year, commitments=typed["commitments"],
                                         unit_titles=sorted(typed["unit_titles"]), shown=typed["shown"],
                                         ticks=typed["ticks"], everyone=everyone)
        if typed["submit"]:
            registrations.submit_registration(request.user, saved)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        return None
    if typed["submit"]:
        messages.success(request, f"Đã gửi đăng ký thi đua năm {year} của {unit.name}.")
    elif everyone:
        what = "Đã đăng ký" if everyone[0] == "add" else "Đã bỏ đăng ký"
        award = AwardType.objects.get(pk=everyone[1])
        messages.success(request, f"{what} “{award.name}” cho cả {len(everyone[2])} người.")
    else:
        messages.success(request, f"Đã lưu đăng ký thi đua năm {year} của {unit.name}.")
    return saved


def _after_save(request, unit, year: int, typed: dict) -> str:
    """Back to the form; a pager button also moves to its page (its ticks saved on the way)."""
    query = request.GET.copy() if request.GET else QueryDict(mutable=True)
    page = request.POST.get("go", "")
    if page.isdigit():
        query["trang"] = page
    back = reverse("emulation:registration", args=[unit.pk, year])
    return f"{back}?{query.urlencode()}" if query else back


def _edit_context(request, unit, year: int, state, typed: dict | None) -> dict:
    collective = list(AwardType.objects.filter(for_collective=True, category="title").order_by("rank"))
    individual = registrations.individual_titles()
    current = Registration.objects.filter(unit=unit, year=year).first()
    items = list(current.items.values_list("person_id", "award_type_id")) if current else []
    listed, query, only_registered = _listed(request, unit, year)
    page = Paginator(listed, REGISTRATION_PAGE).get_page(request.GET.get("trang"))
    chosen: dict[int, set] = {}
    for person_id, award_id in items:
        if person_id:
            chosen.setdefault(person_id, set()).add(award_id)
    unit_chosen = {a for p, a in items if not p}
    commitments = current.commitments if current else ""
    if typed is not None:   # a refused save: show every value as typed
        commitments, unit_chosen = typed["commitments"], typed["unit_titles"]
        for pid in typed["shown"]:
            chosen[pid] = set()
        for pid, aid in typed["ticks"]:
            if pid in typed["shown"]:
                chosen.setdefault(pid, set()).add(aid)
    page.object_list = list(page.object_list)
    for person in page.object_list:
        person.chosen_awards = chosen.get(person.pk, set())
    editable = state.is_open and can_write(request.user)
    for award in individual:   # the page's “tick all” box of the column starts ticked when all are
        award.page_ticked = bool(page.object_list) and all(award.pk in p.chosen_awards for p in page.object_list)
    return {
        "unit": unit, "year": year, "page": page, "collective": collective, "individual": individual,
        "unit_chosen": unit_chosen, "commitments": commitments, "registered_people": sum(1 for awards in chosen.values() if awards),
        "total_people": Person.objects.filter(unit_id__in=unit_subtree_ids(unit)).count(),
        "query": query, "only_registered": only_registered, "registration": current, "state": state,
        "period": state.period, "editable": editable, "typed": typed is not None}
