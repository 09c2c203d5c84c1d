"""Pages of the eligibility engine: the "Điều kiện khen thưởng" panel of a person or a unit
(an HTMX fragment loaded by their pages, or a page of its own)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tdkt.core import clock
from tdkt.core.fetch import fetch
from tdkt.org.models import Person, Unit

from .services import person_panel, unit_panel, valid_year


def _year(request):
    value = request.GET.get("nam", "")
    if value.isdigit() and valid_year(int(value)):
        return int(value)
    return None


def _render(request, subject, panel, url_name):
    template = "eligibility/_panel.html" if request.htmx else "eligibility/panel_page.html"
    years = list(range(panel["year"] + 1, panel["year"] - 6, -1))
    return render(request, template, {"subject": subject, "panel": panel, "url_name": url_name, "years": years,
                                      "bad_year": "nam" in request.GET and _year(request) is None})


@login_required
@fetch(Person.objects.select_related("unit"))
def person_eligibility(request, person):
    return _render(request, person, person_panel(person, _year(request)), "eligibility:person")


@login_required
@fetch(Unit)
def unit_eligibility(request, unit):
    return _render(request, unit, unit_panel(unit, _year(request)), "eligibility:unit")


# --- timely awards and batch runs ------------------------------------------------------------------


from django.contrib import messages  # noqa: E402
from django.core.exceptions import PermissionDenied  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db.models import Case, When  # noqa: E402
from django.http import HttpResponse, QueryDict  # noqa: E402
from django.shortcuts import redirect  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402

from tdkt.core.excel import append_row, download, header_row  # noqa: E402
from tdkt.core.redirects import safe_next  # noqa: E402
from tdkt.core.scope import is_office  # noqa: E402
from tdkt.rules.catalogue import AWARDS  # noqa: E402

from .batch import spawn, start_run  # noqa: E402
from .forms import TimelyForm  # noqa: E402
from .models import EligibilityRun, RunStatus  # noqa: E402
from .timely import Criteria, due_people, latest_run  # noqa: E402

# tdkt.rules.priority in SQL: direct workers first (Luật TĐKT 2022 Điều 5), then women (NĐ 152 Điều 4, R6)
PRIORITY_ORDER = ("-is_direct_worker", Case(When(gender="female", then=0), default=1), "sort_key", "id")
EXPORT_MAX_ROWS = 100_000


def default_year() -> int:
    """The year shown on first load: the latest year with a finished batch run (not after this year),
    else last year, the latest achievement year that can be complete."""
    this_year = clock.today().year
    latest = (EligibilityRun.objects.filter(status=RunStatus.DONE, year__lte=this_year)
              .order_by("-year").values_list("year", flat=True).first())
    return latest or this_year - 1


def _criteria(request, *, default: bool = False):
    """The filter and its criteria; on the page's first load (no query: `default`), the default
    award and year in the user's whole scope, so the page is never blank before "Lọc"."""
    data = request.GET
    if default and "award" not in data and "year" not in data:
        data = data.copy() if data else QueryDict(mutable=True)
        data.update({"award": TimelyForm.base_fields["award"].initial, "year": str(default_year())})
    form = TimelyForm(data or None, user=request.user)
    if not data or not form.is_valid():
        return form, None
    d = form.cleaned_data
    return form, Criteria(award=d["award"], year=d["year"], unit=d["unit"], direct_worker=d["direct_worker"],
                          women=d["women"], leader=d["leader"])


@login_required
def timely(request):
    form, criteria = _criteria(request, default=True)
    context = {"form": form, "criteria": criteria, "can_run": is_office(request.user), "first_load": "year" not in request.GET}
    if criteria:
        run = latest_run(criteria.year)
        context.update(run=run, award=AWARDS[criteria.award])
        context["running"] = EligibilityRun.objects.visible_to(request.user).filter(year=criteria.year, status=RunStatus.RUNNING).first()
        if run:
            qs, share = due_people(request.user, run, criteria)
            page = Paginator(qs.order_by(*PRIORITY_ORDER), 50).get_page(request.GET.get("page"))
            context.update(page=page, share=share, query=form.data.urlencode())
    return render(request, "eligibility/timely.html", context)


@login_required
def timely_export(request):
    from openpyxl import Workbook

    form, criteria = _criteria(request)
    if criteria is None:
        errors = "; ".join(f"{form.fields[f].label if f in form.fields else f}: {' '.join(e)}"
                           for f, e in form.errors.items()) or "Chưa chọn danh hiệu và năm."
        return HttpResponse(f"Bộ lọc không hợp lệ: {errors}", status=400, content_type="text/plain; charset=utf-8")
    run = latest_run(criteria.year)
    if run is None:
        return HttpResponse(f"Chưa có kết quả xét hàng loạt cho năm {criteria.year}.", status=404,
                            content_type="text/plain; charset=utf-8")
    qs, share = due_people(request.user, run, criteria)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Khen thưởng kịp thời")
    append_row(ws, [f"Danh sách đủ điều kiện {AWARDS[criteria.award].name} năm {criteria.year}, chưa được khen"])
    append_row(ws, [f"Tổng số: {share['total']}; người trực tiếp lao động, sản xuất: {share['direct']} "
               f"({share['share']:.0%}). Kết quả xét ngày {run.finished_at:%d/%m/%Y}; {run.rule_set}"])
    header_row(ws, ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ", "Đơn vị", "Trực tiếp lao động",
                    "Lãnh đạo"])
    rows = qs.order_by(*PRIORITY_ORDER).values_list("full_name", "gender", "birth_date", "position", "unit__name",
                                                    "is_direct_worker", "is_leader")
    for n, (name, gender, birth, position, unit, direct, leader) in enumerate(rows.iterator(chunk_size=5000), 1):
        if n > EXPORT_MAX_ROWS:
            break
        append_row(ws, [n, name, "Nữ" if gender == "female" else "Nam", birth.strftime("%d/%m/%Y") if birth else "",
                   position, unit, "Có" if direct else "", "Có" if leader else ""])
    return download(wb, f"khen-thuong-kip-thoi-{criteria.award}-{criteria.year}.xlsx")


@login_required
@require_POST
def run_start(request):
    if not is_office(request.user):
        raise PermissionDenied("Chỉ chuyên viên Ban Thi đua – Khen thưởng tỉnh được chạy xét hàng loạt.")
    year = request.POST.get("year", "")
    if not year.isdigit() or not valid_year(int(year)) or int(year) > clock.today().year:
        messages.error(request, "Năm thành tích không hợp lệ.")
        return redirect("eligibility:timely")
    year = int(year)
    if EligibilityRun.objects.filter(year=year, status=RunStatus.RUNNING).exists():
        messages.warning(request, f"Đang có một lượt xét năm {year}; vui lòng chờ lượt đó xong.")
    else:
        spawn(start_run(request.user, year))
    return redirect(safe_next(request, reverse("eligibility:timely")))


@login_required
@fetch(EligibilityRun, name="run")
def run_status(request, run):
    return render(request, "eligibility/_run_status.html", {"run": run})
