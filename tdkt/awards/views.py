"""Pages of the award history: the award list and its Excel export, one award (with revocation),
the decision register and a decision's recipients, and the award catalogue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django_tables2 import RequestConfig

from tdkt.core import clock
from tdkt.core.excel import append_row, download, header_row
from tdkt.core.fetch import fetch, require
from tdkt.core.forms import run_service
from tdkt.core.scope import can_write
from tdkt.org.models import Person

from . import services
from .filters import AwardRecordFilter, DecisionFilter
from .forms import AwardEntryForm, DecisionForm, DisciplineForm, InitiativeForm, RatingForm, RevocationForm
from .models import AwardRecord, AwardType, Decision
from .tables import AwardRecordTable, DecisionTable, award_listing

PAGE_SIZE = 25
EXPORT_MAX_ROWS = 300_000


def _filtered_awards(request):
    # One page's award types, units and decisions come by prefetch (three small queries): joining
    # them in the main query leads SQLite's planner to sort a whole year instead of walking an index.
    qs = AwardRecord.objects.visible_to(request.user).prefetch_related("award_type", "unit", "decision")
    return AwardRecordFilter(request.GET, queryset=qs, request=request)


@login_required
def award_list(request):
    filterset = _filtered_awards(request)
    listing = award_listing(request, filterset.qs)
    for field in filterset.form.fields.values():
        field.widget.attrs.setdefault("class", "form-select form-select-sm" if hasattr(field, "choices") else "form-control form-control-sm")
    template = "awards/_award_results.html" if request.htmx else "awards/award_list.html"
    return render(request, template, {"filter": filterset, **listing, "query": request.GET.urlencode()})


@login_required
def award_export(request):
    """The filtered award list as an .xlsx file, with the same scope and filters as the page; a long
    list (more than TDKT_EXPORT_INLINE_ROWS rows) becomes a background job whose page offers the file."""
    from django.conf import settings

    from tdkt.core import jobs

    from .tasks import export_awards

    filterset = _filtered_awards(request)
    if not filterset.is_valid():
        return HttpResponse("Bộ lọc không hợp lệ: " + "; ".join(
            f"{filterset.form.fields[f].label}: {' '.join(e)}" for f, e in filterset.errors.items()), status=400,
            content_type="text/plain; charset=utf-8")
    if filterset.qs.count() > settings.TDKT_EXPORT_INLINE_ROWS:
        job = jobs.start(request.user, "awards.export", "Xuất Excel danh sách khen thưởng", export_awards,
                         request.GET.urlencode(), params={"query": request.GET.urlencode()})
        return redirect(job)
    return download(award_workbook(filterset.qs), f"khen-thuong-{clock.today():%Y%m%d}.xlsx")


def filtered_awards_for(user, query: str):
    """The award list's filters (a query string) over what `user` may see: the export job's rows."""
    from django.http import QueryDict

    qs = AwardRecord.objects.visible_to(user).prefetch_related("award_type", "unit", "decision")
    return AwardRecordFilter(QueryDict(query), queryset=qs)


def award_workbook(qs, progress=None):
    """The award rows of `qs` in a write-only workbook; `progress(done)` every 5,000 rows."""
    from openpyxl import Workbook

    rows = qs.order_by("-year", "award_type__rank", "recipient_sort_key").values_list(
        "recipient_name", "subject_kind", "person__birth_date", "unit__name", "award_type__code", "award_type__name",
        "year", "kind", "decision__number", "decision__signed_on", "decision__issuer_name", "status", "achievement")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Khen thưởng")
    header = ["STT", "Họ và tên / Tập thể", "Đối tượng", "Ngày sinh", "Đơn vị", "Mã", "Danh hiệu, hình thức", "Năm",
              "Loại hình", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Tình trạng", "Thành tích"]
    header_row(ws, header)
    from .choices import AwardStatus, CommendationKind, SubjectKind

    subj, kinds, statuses = dict(SubjectKind.choices), dict(CommendationKind.choices), dict(AwardStatus.choices)
    for n, row in enumerate(rows.iterator(chunk_size=5000), start=1):
        if n > EXPORT_MAX_ROWS:
            append_row(ws, [None, f"Danh sách dài hơn {EXPORT_MAX_ROWS:,} dòng; hãy lọc thêm để xuất phần còn lại."])
            break
        name, s, birth, unit, code, award, year, kind, number, signed, issuer, status, achievement = row
        append_row(ws, [n, name, subj.get(s, s), birth.strftime("%d/%m/%Y") if birth else "", unit, code, award, year,
                   kinds.get(kind, kind), number or "", signed.strftime("%d/%m/%Y") if signed else "", issuer or "",
                   statuses.get(status, status), achievement])
        if progress and n % 5000 == 0:
            progress(n)
    return wb


def _reward_money(record):
    """The reward money of a decided award (NĐ 152/2025 Điều 49–54), from its decision's date."""
    from tdkt.rules.case import CaseError
    from tdkt.rules.money import reward

    if record.decision is None:
        return None
    try:
        return reward(record.award_type.code, record.subject_kind, record.decision.signed_on)
    except CaseError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
@fetch(AwardRecord.objects.select_related("award_type", "unit", "decision", "person", "recipient_unit", "household"),
       name="record")
def award_detail(request, record):
    form = RevocationForm(request.POST or None)
    if request.method == "POST":
        if not can_write(request.user):
            raise PermissionDenied("Tài khoản của bạn không có quyền thu hồi khen thưởng.")
        services.require_revoker(request.user, record)
        if form.is_valid() and run_service(form, services.revoke_award_record, request.user, record,
                                           **form.cleaned_data):
            messages.success(request, "Đã ghi nhận việc thu hồi khen thưởng.")
            return redirect(record.get_absolute_url())
    revocation = getattr(record, "revocation", None) if record.status == "revoked" else None
    may_consider = can_write(request.user) and record.status == "valid"
    refusal = services.revocation_refusal(request.user, record) if may_consider else None
    return render(request, "awards/award_detail.html", {"record": record, "form": form, "revocation": revocation,
                                                         "money": _reward_money(record),
                                                         "can_revoke": may_consider and not refusal,
                                                         "revoke_refusal": refusal})


@login_required
def decision_list(request):
    qs = Decision.objects.visible_to(request.user).annotate(n_records=Count("records"))
    filterset = DecisionFilter(request.GET, queryset=qs)
    table = DecisionTable(filterset.qs, order_by=request.GET.get("sort", "-signed_on"))
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    for field in filterset.form.fields.values():
        field.widget.attrs.setdefault("class", "form-select form-select-sm" if hasattr(field, "choices") else "form-control form-control-sm")
    template = "awards/_decision_results.html" if request.htmx else "awards/decision_list.html"
    return render(request, template, {"filter": filterset, "table": table})


@login_required
@fetch(Decision.objects.select_related("issuer_unit", "body"))
def decision_detail(request, decision):
    records = (AwardRecord.objects.visible_to(request.user).filter(decision=decision)
               .select_related("award_type", "unit").order_by("award_type__rank", "recipient_sort_key"))
    table = AwardRecordTable(records, exclude=("decision",), order_by=request.GET.get("sort"))
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "awards/decision_detail.html", {"decision": decision, "table": table})


@login_required
@fetch(Decision)
def decision_file(request, decision):
    """The decision's attached file, served only to those who may see the decision."""
    if not decision.file:
        raise Http404("Quyết định chưa có tệp đính kèm.")
    return FileResponse(decision.file.open("rb"), as_attachment=True, filename=decision.file.name.rsplit("/", 1)[-1])


@login_required
def catalogue(request):
    return render(request, "awards/catalogue.html", {"types": AwardType.objects.all()})


# --- Data entry on a person's page -------------------------------------------------------------

MSG_NO_WRITE = "Tài khoản của bạn không có quyền thay đổi dữ liệu."


def _entry_page(request, form, title, person, wide=()):
    return render(request, "core/form.html", {"form": form, "title": title, "cancel_url": person.get_absolute_url(),
                                              "subtitle": f"{person.full_name} – {person.unit.name}", "wide": wide})


@login_required
@require_http_methods(["GET", "POST"])
@require(can_write, MSG_NO_WRITE)
@fetch(Person.objects.select_related("unit"), editable=True)
def person_rating(request, person):
    form = RatingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if run_service(form, services.set_rating, request.user, person=person, **form.cleaned_data):
            messages.success(request, "Đã ghi xếp loại.")
            return redirect(person)
    return _entry_page(request, form, "Xếp loại hằng năm", person)


@login_required
@require_http_methods(["GET", "POST"])
@require(can_write, MSG_NO_WRITE)
@fetch(Person.objects.select_related("unit"), editable=True)
def person_award(request, person):
    """Enter one award of a person's history by hand; the decision is found in the register or added."""
    form = AwardEntryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            decision = run_service(form, services.find_decision, request.user, issuer_name=data["issuer_name"],
                                   number=data["decision_number"], year=data["decision_date"].year)
            if decision is None and not form.errors:
                decision = run_service(form, services.create_decision, request.user,
                                       number=data["decision_number"], signed_on=data["decision_date"],
                                       authority=data["authority"], issuer_name=data["issuer_name"])
            record = decision and run_service(
                form, services.create_award_record, request.user, award_type=data["award_type"],
                subject_kind="individual", person=person, year=data["year"], kind=data["kind"],
                achievement=data["achievement"], decision=decision)
            if not record:
                transaction.set_rollback(True)
        if record:
            chosen = getattr(decision, "body_message", "")
            messages.success(request, f"Đã ghi {record.award_type.name} năm {record.year}." + (f" {chosen}" if chosen else ""))
            return redirect(person)
    return _entry_page(request, form, "Ghi khen thưởng", person, wide=("achievement",))


@login_required
@require_http_methods(["GET", "POST"])
@require(can_write, MSG_NO_WRITE)
@fetch(Person.objects.select_related("unit"), editable=True)
def person_discipline(request, person):
    form = DisciplineForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if run_service(form, services.create_discipline, request.user, person=person, **form.cleaned_data):
            messages.success(request, "Đã ghi kỷ luật.")
            return redirect(person)
    return _entry_page(request, form, "Ghi kỷ luật", person)


@login_required
@require_http_methods(["GET", "POST"])
@require(can_write, MSG_NO_WRITE)
@fetch(Person.objects.select_related("unit"), editable=True)
def person_initiative(request, person):
    form = InitiativeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if run_service(form, services.create_initiative, request.user, unit=person.unit, authors=[person],
                       **form.cleaned_data):
            messages.success(request, "Đã ghi sáng kiến.")
            return redirect(person)
    return _entry_page(request, form, "Ghi sáng kiến", person, wide=("title",))


# --- The decision register ----------------------------------------------------------------------

DECISION_FIELDS = ("number", "signed_on", "authority", "issuer_name", "signer_name", "signer_title", "summary")


def _decision_page(request, form, title, cancel_url):
    return render(request, "core/form.html", {"form": form, "title": title, "cancel_url": cancel_url,
                                              "wide": ("summary", "file"), "multipart": True})


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request):
    if not can_write(request.user):
        raise PermissionDenied("Tài khoản của bạn không có quyền thay đổi dữ liệu.")
    form = DecisionForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "file" or v}
        decision = run_service(form, services.create_decision, request.user, **data)
        if decision:
            messages.success(request, f"Đã thêm quyết định {decision.number} vào sổ. {decision.body_message}")
            return redirect(decision)
    return _decision_page(request, form, "Thêm quyết định vào sổ", reverse("awards:decisions"))


@login_required
@require_http_methods(["GET", "POST"])
@require(can_write, MSG_NO_WRITE)
@fetch(Decision, editable=True)
def decision_edit(request, decision):
    form = DecisionForm(request.POST or None, request.FILES or None, user=request.user,
                        initial={f: getattr(decision, f) for f in DECISION_FIELDS})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "file" or v}
        if run_service(form, services.update_decision, request.user, decision, **data):
            messages.success(request, f"Đã lưu quyết định. {decision.body_message}".strip())
            return redirect(decision)
    return _decision_page(request, form, f"Sửa quyết định {decision.number}", decision.get_absolute_url())
