"""Pages of the emulation app: blocks and clusters with their scoring table, score sheets with
evidence, the ranking with the provenance of every number, the block vote, covenants with their
fulfilment chart, Excel exports. Views only call services; records come through the user's scope
(404 outside it)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tdkt.core import clock
from tdkt.core.excel import download
from tdkt.core.fetch import fetch
from tdkt.core.forms import error_text, run_service
from tdkt.core.scope import can_write, get_visible_or_404, scope_unit_ids, unit_subtree_ids
from tdkt.core.uploads import send_stored
from tdkt.org.models import Unit

from . import exports, services
from .choices import BlockStatus, MemberRole, ResultPeriod, RoundStatus, ScoreStage
from .forms import (
    AdjustForm,
    BlockForm,
    CovenantForm,
    DisqualifyForm,
    DocumentForm,
    InspectionTeamForm,
    MembersAddForm,
    MovementDocumentForm,
    MovementForm,
    OpenScoringForm,
    PeriodForm,
    RegistrationPeriodForm,
    ReviewForm,
    SignForm,
    TemplateForm,
    table_text,
    team_text,
)
from .models import (
    Block,
    BlockDocument,
    Covenant,
    CovenantEvidence,
    Evidence,
    FinalScore,
    InspectionTeam,
    KeyTask,
    LeaderSelection,
    Movement,
    MovementDocument,
    Registration,
    RegistrationPeriod,
    Result,
    ScoringTemplate,
)
from .services import covenants, movements, ranking, registrations, scoring, vote
from .workflow import STAGE_FOR_SCORER, is_office, own_unit_id

# Fields that take the whole width of the shared form page.
WIDE = ["units", "table", "bands", "disqualifiers", "note", "programme", "regulation", "indicators", "parties",
        "tie_break", "members"]


def _run(request, service, *args, success: str = "", **kwargs):
    """Call a service from a button: its refusal becomes an error message on the page."""
    try:
        result = service(*args, **kwargs)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
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
@fetch(Block)
def block_detail(request, block):
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
        "disqualify_form": DisqualifyForm(user=request.user, block=block)
        if template and template.disqualifiers.exists() else None,
        "document_form": DocumentForm(user=request.user),
        "registration_rollup": registrations.block_rollup(block),
        "rounds": list(block.vote_rounds.prefetch_related("tallies__candidate")),
        "covenants": block.covenants.all(), "documents": block.documents.all(),
        "team": InspectionTeam.objects.filter(block=block).prefetch_related("members").first(),
        "next_head": services.proposed_next_head(block),
        "sheet_units": _sheet_units(request.user, block, members),
    }
    return render(request, "emulation/block_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@fetch(Block)
def block_members(request, block):
    """The office arranges the members: the rotation order (next year's head follows it) and the
    women-led flags at any stage until the leader is chosen; while the table is being built, also
    the head, the deputy, and who is in the block."""
    if not is_office(request.user):
        raise PermissionDenied("Chỉ Ban Thi đua – Khen thưởng sắp xếp đơn vị thành viên.")
    members = list(block.members.select_related("unit"))
    setup = block.status == BlockStatus.SETUP
    add_form = MembersAddForm(request.POST or None, user=request.user, block=block) if setup else None
    errors: dict = {}
    if request.method == "POST":
        order = {m.unit_id: request.POST.get(f"order_{m.unit_id}", "") for m in members}
        women = {m.unit_id for m in members if request.POST.get(f"women_{m.unit_id}")}
        try:
            if setup:
                kept = [m for m in members if not request.POST.get(f"remove_{m.unit_id}")]
                units = services.read_rotation(kept, order)
                if not add_form.is_valid():
                    raise ValidationError({"add_units": [e for errs in add_form.errors.values() for e in errs]})
                added = list(add_form.cleaned_data["add_units"])
                roles = {m.unit_id: request.POST.get(f"role_{m.unit_id}", MemberRole.MEMBER) for m in kept}
                heads = [u for u in units if roles[u.pk] == MemberRole.HEAD]
                deputies = [u for u in units if roles[u.pk] == MemberRole.DEPUTY]
                if len(heads) > 1 or len(deputies) > 1:
                    raise ValidationError({"role": ["Mỗi khối chỉ có một trưởng khối và một phó khối."]})
                services.set_members(request.user, block, units=units + added, head=heads[0] if heads else None,
                                     deputy=deputies[0] if deputies else None,
                                     women_led=[u for u in units if u.pk in women])
            else:
                services.set_rotation(request.user, block, order=order, women_led=women)
        except ValidationError as exc:
            errors = exc.message_dict   # shown beside the rows they name
        else:
            messages.success(request, "Đã lưu đơn vị thành viên, thứ tự luân phiên.")
            return redirect(block.get_absolute_url())
    threshold = (block.template.women_share_threshold if hasattr(block, "template")
                 else ScoringTemplate._meta.get_field("women_share_threshold").default)
    shares = ranking.women_shares(members, threshold) if members else {}
    rows = [{"member": m, "share": shares.get(m.unit_id, (False, None))[1],
             "order": request.POST.get(f"order_{m.unit_id}", m.rotation_order) if request.method == "POST"
             else m.rotation_order,
             "women": bool(request.POST.get(f"women_{m.unit_id}")) if request.method == "POST" else m.women_led,
             "role": request.POST.get(f"role_{m.unit_id}", m.role) if request.method == "POST" else m.role,
             "error": errors.get(f"order_{m.unit_id}", [])} for m in members]
    head, deputy = services.proposed_next_head(block)
    return render(request, "emulation/block_members.html", {
        "the_block": block, "rows": rows, "setup": setup, "add_form": add_form, "roles": MemberRole.choices,
        "general_errors": [e for k, v in errors.items() if not k.startswith("order_") for e in v],
        "next_head": head, "next_deputy": deputy, "threshold": threshold,
        "rows_have_errors": any(row["error"] for row in rows),
        "decided": LeaderSelection.objects.filter(block=block, unit__isnull=False).select_related("unit").first()})


@login_required
@require_http_methods(["GET", "POST"])
@fetch(Block)
def inspection_team(request, block):
    if not is_office(request.user):
        raise PermissionDenied("Chỉ Ban Thi đua – Khen thưởng lập đoàn kiểm tra.")
    team = InspectionTeam.objects.filter(block=block).first()
    initial = {"name": team.name, "decision_ref": team.decision_ref, "note": team.note,
               "members": team_text(team)} if team else {}
    form = InspectionTeamForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_service(form, services.set_inspection_team, request.user, block, **form.cleaned_data) is not None:
            messages.success(request, "Đã lưu đoàn kiểm tra của khối.")
            return redirect(block.get_absolute_url())
    return render(request, "core/form.html", {"form": form, "title": f"Đoàn kiểm tra, chấm điểm – {block}",
                                              "wide": WIDE, "cancel_url": block.get_absolute_url()})


def _sheet_units(user, block: Block, members) -> list:
    """(unit, stage label) pairs the user may open a score sheet for."""
    if block.status != BlockStatus.SCORING:
        return []
    mine, roles = own_unit_id(user), {m.role: m.unit_id for m in members}
    member_ids, scorer, office = {m.unit_id for m in members}, block.template.block_scorer, is_office(user)
    team = scorer == "inspection" and services.on_inspection_team(user, block)
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
        elif scorer == "inspection" and (office or (team and m.unit_id != mine)):
            out.append((m.unit, "khoi", "Đoàn kiểm tra chấm"))
    return out


@login_required
@require_http_methods(["GET", "POST"])
@fetch(Block)
def block_template(request, block):
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
@fetch(Block)
def block_action(request, block, action):
    if action == "mo-cham-diem":
        form = OpenScoringForm(request.POST, user=request.user)
        if form.is_valid():
            _run(request, scoring.open_scoring, request.user, block, success="Đã mở chấm điểm.", **form.cleaned_data)
        else:
            messages.error(request, error_text(form.errors))
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
            messages.error(request, error_text(form.errors))
    elif action == "khong-xet":
        form = DisqualifyForm(request.POST, user=request.user, block=block)
        if form.is_valid():
            d = form.cleaned_data
            _run(request, scoring.disqualify, request.user, block, d["unit"], d["condition"], d["reason"],
                 success=f"Đã ghi nhận {d['unit'].name} không xét thi đua: {d['condition'].text}.")
        else:
            messages.error(request, error_text(form.errors))
    elif action == "tai-lieu":
        form = DocumentForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            d = form.cleaned_data
            _run(request, services.add_block_document, request.user, block, upload=d["file"], kind=d["kind"],
                 title=d["title"], success="Đã tải lên tài liệu của khối.")
        else:
            messages.error(request, error_text(form.errors))
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
@fetch(Block)
def score_sheet(request, block, unit_id, mode):
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
            messages.error(request, "Chưa lưu: " + error_text(exc))
        else:
            messages.success(request, f"Đã lưu điểm {'tự chấm' if mode == 'tu-cham' else 'của khối'} của {unit.name}.")
            return redirect(block.get_absolute_url())
    stage = ScoreStage.SELF if mode == "tu-cham" else STAGE_FOR_SCORER[template.block_scorer]
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
@fetch(Evidence.objects.select_related("block"))
def evidence_download(request, evidence):
    if not scoring.may_read_sheet(request.user, evidence.block, evidence.unit_id):
        raise Http404
    return send_stored(evidence)


@login_required
@fetch(BlockDocument, name="document")
def document_download(request, document):
    return send_stored(document)


# --- Ranking and provenance --------------------------------------------------------------------

def _require_closed(block: Block) -> None:
    if block.status != BlockStatus.CLOSED:
        raise Http404("Khối chưa công bố xếp hạng.")


def _finals(result):
    return (FinalScore.objects.filter(result=result)
            .select_related("criterion__group", "source__actor", "source__scorer_unit")
            .order_by("criterion__order"))


@login_required
@fetch(Block)
def result_detail(request, block, unit_id):
    _require_closed(block)
    result = Result.objects.filter(block=block, unit_id=unit_id).select_related("unit").first()
    if result is None:
        raise Http404
    return render(request, "emulation/result_detail.html", {
        "the_block": block, "result": result, "finals": _finals(result),
        "team": InspectionTeam.objects.filter(block=block).first()})


@login_required
@fetch(Block)
def ranking_xlsx(request, block):
    _require_closed(block)
    return download(exports.ranking_workbook(block), f"xep-hang-khoi-{block.pk}-{block.year}.xlsx")


# --- The block vote ----------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
@fetch(Block)
def block_vote(request, block):
    _require_closed(block)
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
        extra = {"parties": list(d["parties"])} if d["kind"] == "province_commune" else {}
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
        saved = _run(request, registrations.save_registration, request.user, unit, year,
                     commitments=request.POST.get("commitments", ""), unit_titles=unit_titles, individuals=rows)
        if saved is not None and request.POST.get("submit"):
            _run(request, registrations.submit_registration, request.user, saved,
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
            _run(request, movements.launch_movement, request.user, movement, success="Đã phát động phong trào.")
        elif action == "review" and review_form.is_valid():
            _run(request, movements.record_review, request.user, movement, success="Đã ghi kết quả.",
                 **review_form.cleaned_data)
        elif action == "dossier":
            review = movement.reviews.filter(pk=request.POST.get("review") or 0).first()
            if review is None:
                raise Http404
            dossier = _run(request, movements.start_thematic_dossier, request.user, review,
                           proposing_unit=movement.launching_unit)
            if dossier is not None:
                messages.success(request, f"Đã lập hồ sơ khen thưởng chuyên đề {dossier.code} (dự thảo).")
                return redirect(dossier.get_absolute_url())
        elif action == "review":
            messages.error(request, error_text(review_form.errors))
        elif action == "document":
            form = MovementDocumentForm(request.POST, request.FILES, user=request.user)
            if form.is_valid():
                _run(request, movements.add_movement_document, request.user, movement, upload=form.cleaned_data["file"],
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
    from .choices import KeyTaskStatus

    current = list(KeyTask.objects.filter(unit=unit, year=year).order_by("order"))
    if request.method == "POST":
        tasks = [t for t in _posted_tasks(request) if t["title"].strip()]
        if _run(request, movements.save_key_tasks, request.user, unit, year, tasks,
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


