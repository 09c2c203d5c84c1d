"""Pages of the emulation app: blocks and clusters with their scoring table, score sheets with
evidence, the ranking with the provenance of every number, the block vote, covenants with their
fulfilment chart, Excel exports. Views only call services; records come through the user's scope
(404 outside it)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tdkt.core import clock
from tdkt.core.forms import run_service
from tdkt.core.scope import get_visible_or_404, scope_unit_ids

from . import covenants, movements, scoring, services, vote
from .choices import BlockStatus, MemberRole, ResultPeriod, RoundStatus, ScoreStage
from .common import is_office, own_unit_id
from .forms import AdjustForm, BlockForm, CovenantForm, OpenScoringForm, PeriodForm, SignForm, TemplateForm, table_text
from .models import Block, Covenant, Evidence, FinalScore, LeaderSelection, Result, ScoringTemplate


# Fields that take the whole width of the shared form page.
WIDE = ["units", "table", "bands", "disqualifiers", "note", "programme", "regulation", "indicators", "parties",
        "tie_break"]


def _error_text(exc: ValidationError) -> str:
    return " ".join(m for msgs in (exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages])
                    for m in msgs)


def _run(request, service, *args, success: str = "", **kwargs):
    """Call a service from a button: its refusal becomes an error message on the page."""
    try:
        result = service(*args, **kwargs)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        return None
    if success:
        messages.success(request, success)
    return result


def _block(request, pk) -> Block:
    return get_visible_or_404(Block.objects, request.user, pk=pk)


def _roles(block: Block) -> dict:
    return {m.role: m.unit for m in block.members.select_related("unit") if m.role != MemberRole.MEMBER}


# --- Blocks --------------------------------------------------------------------------------------

@login_required
def block_list(request):
    year = request.GET.get("nam", "")
    blocks = Block.objects.visible_to(request.user).prefetch_related("members__unit")
    if year.isdigit():
        blocks = blocks.filter(year=int(year))
    return render(request, "emulation/block_list.html", {"blocks": blocks, "year": year,
                                                         "can_create": is_office(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def block_create(request):
    if not is_office(request.user):
        raise PermissionDenied("Chỉ Ban Thi đua – Khen thưởng lập khối, cụm thi đua.")
    form = BlockForm(request.POST or None, user=request.user, initial={"year": clock.today().year})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        units = list(data.pop("units"))
        block = run_service(form, services.create_block, request.user, units=units, **data)
        if block is not None:
            messages.success(request, f"Đã lập {block.name} năm {block.year} với {len(units)} đơn vị.")
            return redirect(block.get_absolute_url())
    return render(request, "core/form.html", {"form": form, "title": "Lập khối, cụm thi đua", "wide": WIDE,
                                              "cancel_url": reverse("emulation:blocks")})


@login_required
def block_detail(request, pk):
    block = _block(request, pk)
    template = ScoringTemplate.objects.filter(block=block).first()
    members = list(block.members.select_related("unit"))
    mine = own_unit_id(request.user)
    results = []
    if block.status == BlockStatus.CLOSED:
        results = list(Result.objects.filter(block=block).select_related("unit").order_by("rank", "unit__sort_key"))
    selection = LeaderSelection.objects.filter(block=block).select_related("unit", "dossier").first()
    context = {
        "the_block": block, "template": template, "members": members, "results": results, "selection": selection,
        "is_office": is_office(request.user), "my_unit": mine,
        "is_member": any(m.unit_id == mine for m in members),
        "criteria": list(template.criteria.select_related("group")) if template else [],
        "open_form": OpenScoringForm(user=request.user) if block.status == BlockStatus.SETUP else None,
        "adjust_form": AdjustForm(user=request.user, block=block) if template and block.status != BlockStatus.SETUP
        else None,
        "rounds": list(block.vote_rounds.prefetch_related("tallies__candidate")),
        "covenants": block.covenants.all(), "documents": block.documents.all(),
        "next_head": services.proposed_next_head(block),
        "sheet_units": _sheet_units(request.user, block, members),
    }
    return render(request, "emulation/block_detail.html", context)


def _sheet_units(user, block: Block, members) -> list:
    """(unit, stage label) pairs the user may open a score sheet for."""
    if block.status != BlockStatus.SCORING:
        return []
    mine, roles = own_unit_id(user), {m.role: m.unit_id for m in members}
    member_ids, scorer, office = {m.unit_id for m in members}, block.template.block_scorer, is_office(user)
    out = []
    for m in members:
        if m.unit_id == mine:
            out.append((m.unit, "tu-cham", "Tự chấm điểm"))
        if scorer == "head":
            head_side = roles.get(MemberRole.DEPUTY) if m.role == MemberRole.HEAD else roles.get(MemberRole.HEAD)
            if office or head_side == mine:
                out.append((m.unit, "khoi", "Chấm điểm của khối"))
        elif scorer == "peers" and mine in member_ids and mine != m.unit_id:
            out.append((m.unit, "khoi", "Chấm chéo"))
        elif scorer == "inspection" and office:
            out.append((m.unit, "khoi", "Đoàn kiểm tra chấm"))
    return out


@login_required
@require_http_methods(["GET", "POST"])
def block_template(request, pk):
    block = _block(request, pk)
    if not is_office(request.user):
        raise PermissionDenied("Chỉ Ban Thi đua – Khen thưởng xây dựng bảng điểm.")
    current = ScoringTemplate.objects.filter(block=block).first()
    initial = {}
    if current:
        initial = {"scale": current.scale, "block_scorer": current.block_scorer, "bonus_cap": current.bonus_cap,
                   "deduction_cap": current.deduction_cap, "women_share_threshold": current.women_share_threshold,
                   "tie_break": ", ".join(current.tie_break), "table": table_text(current), "note": current.note,
                   "bands": "\n".join(f"{b.name} | {b.min_score.normalize():f}" for b in current.bands.all()),
                   "disqualifiers": "\n".join(f"{d.code} | {d.text}" for d in current.disqualifiers.all())}
    form = TemplateForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_service(form, scoring.set_template, request.user, block, **form.spec()) is not None:
            messages.success(request, "Đã lưu bảng điểm của khối.")
            return redirect(block.get_absolute_url())
    return render(request, "core/form.html", {"form": form, "title": f"Bảng điểm – {block}", "wide": WIDE,
                                              "cancel_url": block.get_absolute_url()})


@login_required
@require_POST
def block_action(request, pk, action):
    block = _block(request, pk)
    if action == "mo-cham-diem":
        form = OpenScoringForm(request.POST, user=request.user)
        if form.is_valid():
            _run(request, scoring.open_scoring, request.user, block, success="Đã mở chấm điểm.", **form.cleaned_data)
        else:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    elif action == "khoa-diem":
        _run(request, scoring.close_scoring, request.user, block, success="Đã khóa điểm và công bố xếp hạng.")
    elif action == "sao-chep":
        copy = _run(request, services.copy_to_next_year, request.user, block)
        if copy is not None:
            messages.success(request, f"Đã sao chép sang năm {copy.year}; trưởng khối luân phiên được đề xuất.")
            return redirect(copy.get_absolute_url())
    elif action == "dieu-chinh":
        form = AdjustForm(request.POST, user=request.user, block=block)
        if form.is_valid():
            d = form.cleaned_data
            _run(request, scoring.adjust_score, request.user, block, d["unit"], d["criterion"], d["points"], d["reason"],
                 success=f"Đã điều chỉnh điểm tiêu chí {d['criterion'].code} của {d['unit'].name}.")
        else:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    elif action == "lap-ho-so":
        dossier = _run(request, vote.propose_awards, request.user, block)
        if dossier is not None:
            messages.success(request, f"Đã lập hồ sơ {dossier.code} (dự thảo) đề nghị Cờ thi đua và Bằng khen.")
            return redirect(dossier.get_absolute_url())
    else:
        raise Http404
    return redirect(block.get_absolute_url())


# --- Score sheets ------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def score_sheet(request, pk, unit_id, mode):
    block = _block(request, pk)
    member = block.members.filter(unit_id=unit_id).select_related("unit").first()
    if member is None or mode not in ("tu-cham", "khoi") or block.status == BlockStatus.SETUP:
        raise Http404
    unit, template = member.unit, block.template
    if not scoring.may_read_sheet(request.user, block, unit.pk):
        raise Http404
    criteria = list(template.criteria.select_related("group"))
    errors: dict = {}
    if request.method == "POST":
        entries = {}
        for c in criteria:
            value = request.POST.get(f"points_{c.pk}", "").strip()
            if value:
                entries[c.pk] = (value, request.POST.get(f"comment_{c.pk}", ""))
        try:
            if mode == "tu-cham":
                evidence = {c.pk: request.FILES.getlist(f"evidence_{c.pk}") for c in criteria}
                scoring.self_score(request.user, block, unit, entries, evidence)
            else:
                scoring.block_score(request.user, block, unit, entries)
        except ValidationError as exc:
            errors = exc.message_dict
            messages.error(request, "Chưa lưu: " + _error_text(exc))
        else:
            messages.success(request, f"Đã lưu điểm {'tự chấm' if mode == 'tu-cham' else 'của khối'} của {unit.name}.")
            return redirect(block.get_absolute_url())
    stage = ScoreStage.SELF if mode == "tu-cham" else scoring.STAGE_FOR_SCORER[template.block_scorer]
    visible = scoring.scores_visible_to(request.user, block).filter(unit=unit, stage=stage)
    if stage == ScoreStage.PEER:
        visible = visible.filter(scorer_unit_id=own_unit_id(request.user))
    current = {s.criterion_id: s for s in visible}
    evidence = {}
    for e in Evidence.objects.filter(block=block, unit=unit):
        evidence.setdefault(e.criterion_id, []).append(e)
    rows = [{"criterion": c, "score": current.get(c.pk), "evidence": evidence.get(c.pk, []),
             "posted": request.POST.get(f"points_{c.pk}", "") if request.method == "POST" else None,
             "error": (errors.get(f"score_{c.pk}") or []) + (errors.get(f"evidence_{c.pk}") or [])} for c in criteria]
    return render(request, "emulation/score_sheet.html", {
        "the_block": block, "unit": unit, "mode": mode, "rows": rows, "template": template,
        "general_errors": errors.get("scores", []) + errors.get("status", []),
        "deadline": block.self_score_deadline if mode == "tu-cham" else block.block_score_deadline,
        "stage_label": ScoreStage(stage).label})


@login_required
def evidence_download(request, pk):
    evidence = Evidence.objects.select_related("block").filter(pk=pk).first()
    if evidence is None or not Block.objects.visible_to(request.user).filter(pk=evidence.block_id).exists():
        raise Http404
    if not scoring.may_read_sheet(request.user, evidence.block, evidence.unit_id):
        raise Http404
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name)


# --- Ranking and provenance --------------------------------------------------------------------

def _closed_block(request, pk) -> Block:
    block = _block(request, pk)
    if block.status != BlockStatus.CLOSED:
        raise Http404("Khối chưa công bố xếp hạng.")
    return block


def _finals(result):
    return (FinalScore.objects.filter(result=result)
            .select_related("criterion__group", "source__actor", "source__scorer_unit")
            .order_by("criterion__order"))


@login_required
def result_detail(request, pk, unit_id):
    block = _closed_block(request, pk)
    result = Result.objects.filter(block=block, unit_id=unit_id).select_related("unit").first()
    if result is None:
        raise Http404
    return render(request, "emulation/result_detail.html", {"the_block": block, "result": result,
                                                            "finals": _finals(result)})


@login_required
def ranking_xlsx(request, pk):
    from openpyxl import Workbook

    from tdkt.core.excel import download, header_row

    block = _closed_block(request, pk)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Xếp hạng")
    header_row(ws, ["Hạng", "Đơn vị", "Điểm tiêu chí", "Điểm thưởng", "Điểm trừ", "Tổng điểm", "Xếp loại",
                    "Căn cứ khi bằng điểm", "Ghi chú"])
    for r in Result.objects.filter(block=block).select_related("unit").order_by("rank", "unit__sort_key"):
        ws.append([r.rank or "Không xét", r.unit.name, float(r.regular_points), float(r.bonus_points),
                   float(r.deduction_points), float(r.total), r.classification, r.tie_note, r.note])
    sheet = wb.create_sheet("Điểm từng tiêu chí")
    header_row(sheet, ["Đơn vị", "Nhóm", "Tiêu chí", "Loại", "Điểm tối đa", "Điểm", "Lấy từ bước", "Đơn vị chấm",
                       "Người chấm", "Thời điểm", "Nhận xét, lý do", "Căn cứ"])
    finals = (FinalScore.objects.filter(result__block=block)
              .select_related("result__unit", "criterion__group", "source__actor", "source__scorer_unit")
              .order_by("result__rank", "result__unit__sort_key", "criterion__order"))
    for f in finals:
        s = f.source
        sheet.append([f.result.unit.name, f.criterion.group.code, f"{f.criterion.code}. {f.criterion.name}",
                      f.criterion.get_kind_display(), float(f.criterion.max_points), float(f.points),
                      f.get_stage_display() if f.stage else "", s.scorer_unit.name if s and s.scorer_unit else
                      ("Ban TĐKT" if s else ""), (s.actor.get_full_name() or s.actor.username) if s and s.actor else "",
                      clock_text(s.at) if s else "", s.comment if s else "", f.note])
    return download(wb, f"xep-hang-khoi-{block.pk}-{block.year}.xlsx")


def clock_text(moment) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


# --- The block vote ----------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def block_vote(request, pk):
    block = _closed_block(request, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        current = block.vote_rounds.order_by("-number").first()
        unit = None
        if request.POST.get("candidate", "").isdigit():
            unit = block.members.filter(unit_id=int(request.POST["candidate"])).select_related("unit").first()
            unit = unit.unit if unit else None
        if action == "open":
            _run(request, vote.open_round, request.user, block, success="Đã mở vòng bỏ phiếu.")
        elif action == "close" and current:
            done = _run(request, vote.close_round, request.user, current)
            if done:
                messages.success(request, done.outcome)
        elif action == "cast" and current and unit:
            _run(request, vote.cast_vote, request.user, current, unit, success="Đã ghi nhận phiếu của đơn vị.")
        elif action == "choose" and unit:
            _run(request, vote.head_deputy_choose, request.user, block, unit, request.POST.get("note", ""),
                 success=f"Đã ghi nhận lựa chọn {unit.name}.")
        else:
            messages.error(request, "Chưa chọn đơn vị.")
        return redirect("emulation:vote", pk=block.pk)
    rounds = list(block.vote_rounds.prefetch_related("tallies__candidate"))
    current = rounds[-1] if rounds else None
    mine = own_unit_id(request.user)
    voted = bool(current and mine and current.receipts.filter(voter_unit_id=mine).exists())
    roles = _roles(block)
    selection = LeaderSelection.objects.filter(block=block).select_related("unit", "dossier", "head_choice",
                                                                           "deputy_choice").first()
    return render(request, "emulation/vote.html", {
        "the_block": block, "rounds": rounds, "current": current, "voted": voted, "selection": selection,
        "is_member": block.members.filter(unit_id=mine).exists(), "is_office": is_office(request.user),
        "is_organiser": is_office(request.user) or (roles.get(MemberRole.HEAD) and roles[MemberRole.HEAD].pk == mine),
        "is_head_or_deputy": mine in {u.pk for u in roles.values()}, "open": RoundStatus.OPEN})


# --- Covenants ---------------------------------------------------------------------------------

@login_required
def covenant_list(request):
    return render(request, "emulation/covenant_list.html", {
        "covenants": Covenant.objects.visible_to(request.user).select_related("block"),
        "can_create": is_office(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def covenant_create(request):
    block = None
    if request.GET.get("khoi", "").isdigit():
        block = _block(request, int(request.GET["khoi"]))
    form = CovenantForm(request.POST or None, user=request.user,
                        initial={"year": block.year if block else clock.today().year,
                                 "kind": "block" if block else "province_commune"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        extra = {}
        if d["kind"] == "province_commune":
            from tdkt.org.models import Unit

            extra = {"chair_unit": Unit.objects.filter(parent__isnull=True).order_by("id").first(),
                     "parties": list(d["parties"])}
        covenant = run_service(form, covenants.create_covenant, request.user, kind=d["kind"], year=d["year"],
                               title=d["title"], theme=d["theme"], block=block, indicators=d["indicators"], **extra)
        if covenant is not None:
            messages.success(request, f"Đã lập giao ước với {covenant.indicators.count()} chỉ tiêu.")
            return redirect(covenant.get_absolute_url())
    return render(request, "core/form.html", {"form": form, "title": "Lập giao ước thi đua", "wide": WIDE,
                                              "subtitle": f"Giao ước của {block}" if block else "",
                                              "cancel_url": block.get_absolute_url() if block else reverse("emulation:covenants")})


@login_required
@require_http_methods(["GET", "POST"])
def covenant_detail(request, pk):
    covenant = get_visible_or_404(Covenant.objects, request.user, pk=pk)
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
                _run(request, covenants.sign, request.user, covenant, party.unit, form.cleaned_data["signatory"],
                     success=f"{party.unit.name} đã ký giao ước.")
            else:
                messages.error(request, "Ghi họ tên, chức vụ người ký.")
        else:
            form = PeriodForm(request.POST, user=request.user)
            chosen = form.cleaned_data["period"] if form.is_valid() else period
            values = {i.pk: (request.POST.get(f"actual_{i.pk}"), request.POST.get(f"note_{i.pk}", ""))
                      for i in covenant.indicators.all() if request.POST.get(f"actual_{i.pk}", "").strip()}
            evidence = {i.pk: request.FILES.get(f"evidence_{i.pk}") for i in covenant.indicators.all()}
            _run(request, covenants.record_results, request.user, covenant, party.unit, period=chosen, values=values,
                 evidence=evidence, success=f"Đã lưu kết quả thực hiện của {party.unit.name}.")
            period = chosen
        return redirect(f"{covenant.get_absolute_url()}?ky={period}")
    return render(request, "emulation/covenant_detail.html", {
        "covenant": covenant, "parties": parties, "mine": mine, "indicators": list(covenant.indicators.all()),
        "fulfilment": covenants.fulfilment(covenant, period), "period": period, "periods": ResultPeriod.choices,
        "signed": covenant.status == "signed"})


# --- Home page fragment ------------------------------------------------------------------------

def home_context(user) -> dict:
    """For the home page: {"emulation_movements": launched movements in progress reaching the user's
    units}; render with {% include "emulation/_home_movements.html" %}."""
    return {"emulation_movements": list(movements.movements_for(user)[:10])}


