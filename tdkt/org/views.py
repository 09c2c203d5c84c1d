"""Pages of units and people: the unit tree, a unit's page, person search, a person's page."""
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tdkt.core.fetch import fetch, require
from tdkt.core.forms import run_service
from tdkt.core.scope import can_write, scope_unit_ids, unit_subtree_ids

from . import sections, services
from .choices import UnitKind
from .filters import PersonFilter, UnitFilter
from .forms import MergeForm, PersonForm, TransferForm, UnitForm
from .models import Employment, Person, Unit
from .tables import SEARCH_COUNT_CAP, person_listing

GROUP_CHILDREN_OVER = 12


@login_required
def unit_tree(request):
    """The hierarchy of units the user may see, with people counts. A unit with many sub-units shows
    them grouped by kind in folding sections; merged units are struck out (hidden unless asked)."""
    show_merged = request.GET.get("da_sap_nhap") == "1"
    scoped = Unit.objects.visible_to(request.user)
    filterset = UnitFilter(request.GET, queryset=scoped)
    if request.GET.get("q"):
        matches = filterset.qs.select_related("parent").order_by("sort_key")[:200]
        return render(request, "org/unit_tree.html", {"matches": matches, "filter": filterset,
                                                      "show_merged": show_merged})
    units = list(scoped.select_related("merged_into").order_by("sort_key"))
    counts = dict(Person.objects.visible_to(request.user).values_list("unit_id").annotate(n=Count("id"))
                  .values_list("unit_id", "n"))
    by_parent = defaultdict(list)
    ids = {u.pk for u in units}
    roots = []
    for unit in units:
        unit.people_count = counts.get(unit.pk, 0)
        if not show_merged and unit.is_merged:
            continue
        if unit.parent_id in ids:
            by_parent[unit.parent_id].append(unit)
        else:
            roots.append(unit)
    kind_order = {value: i for i, value in enumerate(UnitKind.values)}
    for unit in units:
        children = by_parent.get(unit.pk, [])
        unit.tree_children = children
        unit.child_groups = []
        if len(children) > GROUP_CHILDREN_OVER:
            groups = defaultdict(list)
            for child in children:
                groups[child.kind].append(child)
            unit.child_groups = [(UnitKind(kind).label, members)
                                 for kind, members in sorted(groups.items(), key=lambda kv: kind_order[kv[0]])]
    return render(request, "org/unit_tree.html", {"roots": roots, "show_merged": show_merged, "filter": filterset,
                                                  "total": sum(1 for u in units if show_merged or not u.is_merged)})


@login_required
@fetch(Unit.objects.select_related("parent", "merged_into"))
def unit_detail(request, unit):
    user = request.user
    subtree = unit_subtree_ids(unit)
    own_ids = {unit.pk} | set(Unit.objects.filter(merged_into=unit).values_list("pk", flat=True))
    scope = scope_unit_ids(user)
    include_sub = request.GET.get("cap_duoi") == "1"
    member_ids = subtree if include_sub else own_ids
    members = Person.objects.visible_to(user).filter(unit_id__in=member_ids).prefetch_related("unit")
    listing = person_listing(request, members)
    children = Unit.objects.filter(parent=unit).order_by("sort_key")
    if scope is not None:
        children = children.filter(pk__in=scope)
    return render(request, "org/unit_detail.html", {
        "unit": unit, "ancestors": unit.ancestors(), "children": children,
        "merged_units": Unit.objects.filter(merged_into=unit).order_by("sort_key"),
        "successor": unit.final_successor() if unit.is_merged else None,
        "include_sub": include_sub, **listing,
        **sections.context("unit", user, unit, own_ids=own_ids, member_ids=member_ids),
    })


@login_required
def person_list(request):
    """Search people: diacritics, case and đ/d ignored; names in Vietnamese order."""
    # Units come by prefetch for the page's 25 rows: a join would lead SQLite to scan by unit and sort
    # everything instead of walking the (sort_key, search_text) index.
    qs = Person.objects.visible_to(request.user).prefetch_related("unit")
    filterset = PersonFilter(request.GET, queryset=qs, request=request)
    template = "org/_person_results.html" if request.htmx else "org/person_list.html"
    listing = person_listing(request, filterset.qs, count_cap=SEARCH_COUNT_CAP)
    return render(request, template, {"filter": filterset, **listing})


@login_required
@fetch(Person.objects.select_related("unit"))
def person_detail(request, person):
    """A person's page: identity and employment history; the year-by-year timeline of ratings,
    awards, initiatives and discipline is the awards app's section (org.sections)."""
    employments = list(Employment.objects.filter(person=person).select_related("unit").order_by("-start"))
    return render(request, "org/person_detail.html", {
        "person": person, "employments": employments, **sections.context("person", request.user, person),
    })


# --- Data entry -------------------------------------------------------------------------------

def _form_page(request, form, title, cancel_url, submit="Lưu", subtitle="", wide=()):
    return render(request, "core/form.html", {"form": form, "title": title, "cancel_url": cancel_url,
                                              "submit": submit, "subtitle": subtitle, "wide": wide})


MSG_NO_WRITE = "Tài khoản của bạn không có quyền thay đổi dữ liệu."


def _require_writer(request):
    if not can_write(request.user):
        raise PermissionDenied(MSG_NO_WRITE)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    _require_writer(request)
    form = PersonForm(request.POST or None, user=request.user, with_unit=True,
                      initial={"unit": request.GET.get("don_vi")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        person = run_service(form, services.create_person, request.user, unit, **data)
        if person:
            messages.success(request, f"Đã thêm {person.full_name}.")
            return redirect(person)
    return _form_page(request, form, "Thêm cá nhân", reverse("org:people"))


@login_required
@require_http_methods(["GET", "POST"])
@require(can_write, MSG_NO_WRITE)
@fetch(Person, editable=True)
def person_edit(request, person):
    initial = {f: getattr(person, f) for f in services.PERSON_FIELDS}
    form = PersonForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_service(form, services.update_person, request.user, person, **form.cleaned_data):
            messages.success(request, "Đã lưu thay đổi.")
            return redirect(person)
    return _form_page(request, form, f"Sửa thông tin: {person.full_name}", person.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
@require(can_write, MSG_NO_WRITE)
@fetch(Person.objects.select_related("unit"), editable=True)
def person_transfer(request, person):
    form = TransferForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(form, services.transfer_person, request.user, person, data["unit"], data["start"],
                       post=data["post"]):
            messages.success(request, f"Đã chuyển {person.full_name} đến {data['unit'].name}.")
            return redirect(person)
    return _form_page(request, form, f"Chuyển công tác: {person.full_name}", person.get_absolute_url(),
                      subtitle=f"Đơn vị hiện tại: {person.unit.name}")


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request):
    _require_writer(request)
    form = UnitForm(request.POST or None, user=request.user, initial={"parent": request.GET.get("cap_tren")})
    if request.method == "POST" and form.is_valid():
        unit = run_service(form, services.create_unit, request.user, **form.cleaned_data)
        if unit:
            messages.success(request, f"Đã thêm đơn vị {unit.name}.")
            return redirect(unit)
    return _form_page(request, form, "Thêm đơn vị", reverse("org:units"))


@login_required
@require_http_methods(["GET", "POST"])
@require(can_write, MSG_NO_WRITE)
@fetch(Unit, editable=True)
def unit_edit(request, unit):
    initial = {f: getattr(unit, f) for f in services.UNIT_FIELDS}
    form = UnitForm(request.POST or None, user=request.user, initial=initial)
    scope = scope_unit_ids(request.user)
    if scope is not None and unit.parent_id not in scope:
        # The top unit of a clerk's scope keeps its parent: it is not theirs to move.
        del form.fields["parent"]
    if request.method == "POST" and form.is_valid():
        if run_service(form, services.update_unit, request.user, unit, **form.cleaned_data):
            messages.success(request, "Đã lưu thay đổi.")
            return redirect(unit)
    return _form_page(request, form, f"Sửa đơn vị: {unit.name}", unit.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def unit_merge(request):
    """Record a merger (sáp nhập): units absorbed into a successor, with the date and its basis."""
    _require_writer(request)
    form = MergeForm(request.POST or None, user=request.user, initial={"successor": request.GET.get("tiep_nhan")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        successor = run_service(form, services.merge_units, request.user, list(data["sources"]), data["successor"],
                                data["merged_on"], note=data["note"])
        if successor:
            messages.success(request, f"Đã ghi nhận sáp nhập vào {successor.name}.")
            return redirect(successor)
    return _form_page(request, form, "Sáp nhập đơn vị", reverse("org:units"), submit="Ghi nhận sáp nhập",
                      subtitle="Đơn vị bị sáp nhập được giữ lại để tra cứu; cán bộ đang công tác chuyển sang đơn vị "
                               "tiếp nhận; khen thưởng cũ vẫn tra cứu được từ đơn vị tiếp nhận.")
