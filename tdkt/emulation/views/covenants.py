"""Covenants between units: the list, drafting, the values and their evidence."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tdkt.core import clock
from tdkt.core.excel import download
from tdkt.core.fetch import fetch
from tdkt.core.scope import scope_unit_ids
from tdkt.core.uploads import send_stored

from .. import exports
from ..choices import ResultPeriod
from ..models import (
    Covenant,
    CovenantEvidence,
)
from ..services import covenants
from ..workflow import is_office
from ..year_forms import INDICATOR_HELP, CovenantEditor, PeriodForm, SignForm
from .common import WIDE, run_action, visible_block

# --- Covenants ---------------------------------------------------------------------------------

@login_required
def covenant_list(request):
    return render(request, "emulation/covenant_list.html", {
        "covenants": Covenant.objects.visible_to(request.user).select_related("block"),
        "can_create": is_office(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def covenant_create(request):
    """Drawing up a covenant: its fields and its indicators as an editable table (a row per
    indicator, "Thêm dòng" adds one); every row's messages at once and nothing typed lost."""
    block = None
    if request.GET.get("khoi", "").isdigit():
        block = visible_block(request, int(request.GET["khoi"]))
    editor = CovenantEditor(request.POST if request.method == "POST" else None, user=request.user,
                            initial={"year": block.year if block else clock.today().year,
                                     "kind": "block" if block else "province_commune"})
    if block is not None:   # a block's covenant binds its members: no communes to choose
        editor.form.fields.pop("parties")
    if request.method == "POST" and editor.is_valid():
        d = editor.form.cleaned_data
        extra = {"parties": list(d.get("parties") or [])} if d["kind"] == "province_commune" else {}
        try:
            covenant = covenants.create_covenant(request.user, kind=d["kind"], year=d["year"], title=d["title"],
                                                 theme=d["theme"], block=block, indicators=editor.rows(), **extra)
        except (ValidationError, PermissionDenied) as exc:
            editor.add_service_errors(exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            messages.success(request, f"Đã lập giao ước với {covenant.indicators.count()} chỉ tiêu.")
            return redirect(covenant.get_absolute_url())
    return render(request, "emulation/table_form.html", {
        "editor": editor, "form": editor.form, "wide": WIDE, "table_formset": editor.indicators,
        "table_prefix": editor.prefix, "table_title": "Chỉ tiêu giao ước", "table_help": INDICATOR_HELP,
        "row_noun": "chỉ tiêu", "submit": "Lập giao ước", "hint": "giao_uoc",
        "title": "Lập giao ước thi đua", "subtitle": f"Giao ước của {block}" if block else "",
        "row_errors": editor.row_errors() if request.method == "POST" else 0,
        "cancel_url": block.get_absolute_url() if block else reverse("emulation:covenants")})


@login_required
@require_http_methods(["GET", "POST"])
@fetch(Covenant)
def covenant_detail(request, covenant):
    period = request.GET.get("ky", ResultPeriod.YEAR_END)
    if period not in ResultPeriod.values:
        period = ResultPeriod.YEAR_END
    ids = scope_unit_ids(request.user)
    parties = list(covenant.parties.select_related("unit"))
    mine = [p for p in parties if ids is None or p.unit_id in ids]
    if request.method == "POST":
        party = next((p for p in mine if str(p.pk) == request.POST.get("party")), None)
        if party is None:
            raise Http404
        if request.POST.get("action") == "sign":
            form = SignForm(request.POST, user=request.user)
            if form.is_valid():
                run_action(request, covenants.sign, request.user, covenant, party.unit, form.cleaned_data["signatory"],
                     success=f"{party.unit.name} đã ký giao ước.")
            else:
                messages.error(request, "Ghi họ tên, chức vụ người ký.")
        else:
            form = PeriodForm(request.POST, user=request.user)
            chosen = form.cleaned_data["period"] if form.is_valid() else period
            values = {i.pk: (request.POST.get(f"actual_{i.pk}"), request.POST.get(f"note_{i.pk}", ""))
                      for i in covenant.indicators.all() if request.POST.get(f"actual_{i.pk}", "").strip()}
            evidence = {i.pk: request.FILES.get(f"evidence_{i.pk}") for i in covenant.indicators.all()}
            run_action(request, covenants.record_results, request.user, covenant, party.unit, period=chosen, values=values,
                 evidence=evidence, success=f"Đã lưu kết quả thực hiện của {party.unit.name}.")
            period = chosen
        return redirect(f"{covenant.get_absolute_url()}?ky={period}")
    result = covenants.fulfilment(covenant, period)
    evidence: dict[int, list] = {}
    for e in CovenantEvidence.objects.filter(result__indicator__covenant=covenant, result__period=period):
        evidence.setdefault(e.result_id, []).append(e)
    for _party, tally in result["parties"]:
        for _indicator, value, _status in tally.rows:
            if value is not None:
                value.evidence_list = evidence.get(value.pk, [])
    return render(request, "emulation/covenant_detail.html", {
        "covenant": covenant, "parties": parties, "mine": mine, "indicators": list(covenant.indicators.all()),
        "fulfilment": result, "period": period, "periods": ResultPeriod.choices,
        "signed": covenant.status == "signed"})


@login_required
@fetch(Covenant)
def covenant_xlsx(request, covenant):
    return download(exports.covenant_workbook(covenant), f"giao-uoc-{covenant.pk}-{covenant.year}.xlsx")


@login_required
@fetch(CovenantEvidence, name="evidence")
def covenant_evidence(request, evidence):
    """A party's evidence of a covenant value: whoever sees the covenant sees the evidence (the
    results are shared among the parties by nature of the covenant: CovenantEvidence.objects)."""
    return send_stored(evidence)


