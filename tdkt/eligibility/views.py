"""Pages of the eligibility engine: the "Điều kiện khen thưởng" panel of a person or a unit
(an HTMX fragment loaded by their pages, or a page of its own)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tdkt.core.scope import get_visible_or_404
from tdkt.org.models import Person, Unit

from .services import person_panel, unit_panel

MIN_YEAR, MAX_YEAR = 2016, 2100


def _year(request):
    value = request.GET.get("nam", "")
    if value.isdigit() and MIN_YEAR <= int(value) <= MAX_YEAR:
        return int(value)
    return None


def _render(request, subject, panel, url_name):
    template = "eligibility/_panel.html" if request.htmx else "eligibility/panel_page.html"
    years = list(range(panel["year"] + 1, panel["year"] - 6, -1))
    return render(request, template, {"subject": subject, "panel": panel, "url_name": url_name, "years": years,
                                      "bad_year": "nam" in request.GET and _year(request) is None})


@login_required
def person_eligibility(request, pk):
    person = get_visible_or_404(Person.objects.select_related("unit"), request.user, pk=pk)
    return _render(request, person, person_panel(person, _year(request)), "eligibility:person")


@login_required
def unit_eligibility(request, pk):
    unit = get_visible_or_404(Unit.objects.all(), request.user, pk=pk)
    return _render(request, unit, unit_panel(unit, _year(request)), "eligibility:unit")
