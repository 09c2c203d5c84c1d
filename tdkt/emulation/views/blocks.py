"""Emulation blocks and clusters: the list, a block with its members and inspection team, the scoring
template, the block's actions, score sheets, results with their provenance, the ranking and the vote."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tdkt.core import clock
from tdkt.core.excel import download
from tdkt.core.fetch import fetch
from tdkt.core.forms import error_text, run_service
from tdkt.core.uploads import send_stored

from .. import exports, services
from ..block_forms import HINTS, AdjustForm, BlockForm, DisqualifyForm, ReopenForm, TableEditor
from ..choices import BlockStatus, MemberRole, RoundStatus, ScoreStage
from ..forms import TEAM_HELP, DocumentForm, MembersAddForm, OpenScoringForm, TeamEditor
from ..models import (
    Block,
    BlockDocument,
    Evidence,
    FinalScore,
    InspectionTeam,
    LeaderSelection,
    Result,
    ScoringTemplate,
)
from ..services import ranking, registrations, scoring, vote
from ..workflow import STAGE_FOR_SCORER, fmt, is_office, own_unit_id
from .common import WIDE, block_roles, run_action

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
        "missing": scoring.missing_scores(block) if block.status == BlockStatus.SCORING and is_office(request.user)
        else [],
        "reopen_form": ReopenForm(user=request.user) if block.status == BlockStatus.CLOSED else None,
        "reopened": scoring.last_reopening(block) if block.status == BlockStatus.SCORING else None,
    }
    context["missing_blocking"] = [r for r in context["missing"] if r["blocking"]]
    context["reopen_reason"] = (context["reopened"].after or {}).get("lý do", "") if context["reopened"] else ""
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
    editor = TeamEditor(request.POST if request.method == "POST" else None, user=request.user, team=team)
    if request.method == "POST" and editor.is_valid():
        d = editor.form.cleaned_data
        try:
            services.set_inspection_team(request.user, block, name=d["name"], decision_ref=d["decision_ref"],
                                         note=d["note"], members=editor.members())
        except (ValidationError, PermissionDenied) as exc:
            editor.add_service_errors(exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            messages.success(request, "Đã lưu đoàn kiểm tra của khối.")
            return redirect(block.get_absolute_url())
    return render(request, "emulation/table_form.html", {
        "editor": editor, "form": editor.form, "wide": WIDE, "table_formset": editor.rows_formset,
        "table_prefix": editor.prefix, "table_title": "Thành viên đoàn", "table_help": TEAM_HELP,
        "row_noun": "thành viên", "submit": "Lưu đoàn kiểm tra", "hint": "cham_diem",
        "title": f"Đoàn kiểm tra, chấm điểm – {block}", "cancel_url": block.get_absolute_url(),
        "row_errors": editor.row_errors() if request.method == "POST" else 0})


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
    """The scoring table as an editable table: groups, criteria, bands and disqualifying conditions
    as rows (rows added with "Thêm dòng", removed with "Xóa dòng"), each row with its own messages."""
    if not is_office(request.user):
        raise PermissionDenied("Chỉ Ban Thi đua – Khen thưởng xây dựng bảng điểm.")
    current = ScoringTemplate.objects.filter(block=block).first()
    editor = TableEditor(request.POST if request.method == "POST" else None, user=request.user, template=current)
    if request.method == "POST" and editor.is_valid():
        try:
            scoring.set_template(request.user, block, **editor.spec())
        except (ValidationError, PermissionDenied) as exc:
            editor.add_service_errors(exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            messages.success(request, "Đã lưu bảng điểm của khối.")
            return redirect(block.get_absolute_url())
    return render(request, "emulation/template_edit.html", {
        "the_block": block, "editor": editor, "locked": block.status != BlockStatus.SETUP, "hints": HINTS,
        "row_errors": editor.row_errors() if request.method == "POST" else 0})


@login_required
@require_POST
@fetch(Block)
def block_action(request, block, action):
    if action == "mo-cham-diem":
        form = OpenScoringForm(request.POST, user=request.user)
        if form.is_valid():
            run_action(request, scoring.open_scoring, request.user, block, success="Đã mở chấm điểm.", **form.cleaned_data)
        else:
            messages.error(request, error_text(form.errors))
    elif action == "khoa-diem":
        run_action(request, scoring.close_scoring, request.user, block,
                   override_reason=request.POST.get("override_reason", ""), success="Đã khóa điểm và công bố xếp hạng.")
    elif action == "mo-lai":
        form = ReopenForm(request.POST, user=request.user)
        if form.is_valid():
            run_action(request, scoring.reopen_scoring, request.user, block, **form.cleaned_data,
                       success="Đã mở lại chấm điểm; bảng xếp hạng được rút lại cho đến khi khóa điểm lại.")
        else:
            messages.error(request, error_text(form.errors))
    elif action == "sao-chep":
        copy = run_action(request, services.copy_to_next_year, request.user, block)
        if copy is not None:
            messages.success(request, f"Đã sao chép sang năm {copy.year}; trưởng khối luân phiên được đề xuất.")
            return redirect(copy.get_absolute_url())
    elif action == "dieu-chinh":
        form = AdjustForm(request.POST, user=request.user, block=block)
        if form.is_valid():
            d = form.cleaned_data
            run_action(request, scoring.adjust_score, request.user, block, d["unit"], d["criterion"], d["points"], d["reason"],
                 success=f"Đã điều chỉnh điểm tiêu chí {d['criterion'].code} của {d['unit'].name}.")
        else:
            messages.error(request, error_text(form.errors))
    elif action == "khong-xet":
        form = DisqualifyForm(request.POST, user=request.user, block=block)
        if form.is_valid():
            d = form.cleaned_data
            run_action(request, scoring.disqualify, request.user, block, d["unit"], d["condition"], d["reason"],
                 success=f"Đã ghi nhận {d['unit'].name} không xét thi đua: {d['condition'].text}.")
        else:
            messages.error(request, error_text(form.errors))
    elif action == "tai-lieu":
        form = DocumentForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            d = form.cleaned_data
            run_action(request, services.add_block_document, request.user, block, upload=d["file"], kind=d["kind"],
                 title=d["title"], success="Đã tải lên tài liệu của khối.")
        else:
            messages.error(request, error_text(form.errors))
    elif action == "lap-ho-so":
        dossier = run_action(request, vote.propose_awards, request.user, block)
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
    """A member's sheet. What was typed survives a refusal (numbers and comments re-shown, each row
    with its own message); evidence files chosen on a refused self-score sheet are stored at once
    (scoring.keep_evidence), since a browser cannot keep a chosen file across a re-render. A closed
    period is said before the sheet is filled, and the sheet is then read-only."""
    member = block.members.filter(unit_id=unit_id).select_related("unit").first()
    if member is None or mode not in ("tu-cham", "khoi") or block.status == BlockStatus.SETUP:
        raise Http404
    unit, template = member.unit, block.template
    if not scoring.may_read_sheet(request.user, block, unit.pk):
        raise Http404
    criteria = list(template.criteria.select_related("group"))
    closed = scoring.sheet_closed(block, "self" if mode == "tu-cham" else "block")
    errors: dict = {}
    kept: dict = {}
    if request.method == "POST" and not closed:
        entries = {}
        for c in criteria:
            value = request.POST.get(f"points_{c.pk}", "").strip()
            if value:
                entries[c.pk] = (value, request.POST.get(f"comment_{c.pk}", ""))
        evidence = {c.pk: request.FILES.getlist(f"evidence_{c.pk}") for c in criteria} if mode == "tu-cham" else {}
        evidence = {pk: files for pk, files in evidence.items() if files}
        try:
            if mode == "tu-cham":
                scoring.self_score(request.user, block, unit, entries, evidence)
            else:
                scoring.block_score(request.user, block, unit, entries)
        except ValidationError as exc:
            errors = exc.message_dict
            files_refused = {k for k in errors if k.startswith("evidence_")}
            if evidence and not set(errors) & {"status", "stage"}:
                # The files of every row are kept (a refused file is named on its row).
                stored, refused = scoring.keep_evidence(request.user, block, unit, evidence)
                for row in stored:
                    kept.setdefault(row.criterion_id, []).append(row)
                for field, problems in refused.items():
                    if field not in files_refused:
                        errors.setdefault(field, []).extend(problems)
                # A missing-evidence message is answered by a file just kept.
                for pk in kept:
                    if f"evidence_{pk}" not in refused:
                        errors.pop(f"evidence_{pk}", None)
            messages.error(request, "Chưa lưu điểm: " + error_text(ValidationError(errors)) if errors else
                           "Chưa lưu điểm.")
            if kept:
                names = ", ".join(row.original_name for rows in kept.values() for row in rows)
                messages.info(request, f"Đã giữ tệp minh chứng {names}: không cần chọn lại khi lưu điểm.")
        else:
            messages.success(request, f"Đã lưu điểm {'tự chấm' if mode == 'tu-cham' else 'của khối'} của {unit.name}.")
            return redirect(block.get_absolute_url())
    stage = ScoreStage.SELF if mode == "tu-cham" else STAGE_FOR_SCORER[template.block_scorer]
    visible = scoring.scores_visible_to(request.user, block).filter(unit=unit, stage=stage)
    if stage == ScoreStage.PEER:
        visible = visible.filter(scorer_unit_id=own_unit_id(request.user))
    current = {s.criterion_id: s for s in visible}
    evidence_rows = {}
    for e in Evidence.objects.filter(block=block, unit=unit):
        evidence_rows.setdefault(e.criterion_id, []).append(e)
    posted = request.method == "POST" and not closed
    rows = [{"criterion": c, "score": current.get(c.pk), "evidence": evidence_rows.get(c.pk, []),
             "points": request.POST.get(f"points_{c.pk}", "") if posted
             else (_points_text(current[c.pk].points) if c.pk in current else ""),
             "comment": request.POST.get(f"comment_{c.pk}", "") if posted
             else (current[c.pk].comment if c.pk in current else ""),
             "kept": {row.pk for row in kept.get(c.pk, [])},
             "error": (errors.get(f"score_{c.pk}") or []) + (errors.get(f"evidence_{c.pk}") or [])} for c in criteria]
    return render(request, "emulation/score_sheet.html", {
        "the_block": block, "unit": unit, "mode": mode, "rows": rows, "template": template, "closed": closed,
        "general_errors": [e for k in ("scores", "status", "stage", "evidence") for e in errors.get(k, [])],
        "row_errors": sum(1 for row in rows if row["error"]),
        "deadline": block.self_score_deadline if mode == "tu-cham" else block.block_score_deadline,
        "stage_label": ScoreStage(stage).label})


def _points_text(value) -> str:
    return fmt(value)


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
            run_action(request, vote.open_round, request.user, block, success="Đã mở vòng bỏ phiếu.")
        elif action == "close" and current:
            done = run_action(request, vote.close_round, request.user, current)
            if done:
                messages.success(request, done.outcome)
        elif action == "cast" and current and unit:
            run_action(request, vote.cast_vote, request.user, current, unit, success="Đã ghi nhận phiếu của đơn vị.")
        elif action == "choose" and unit:
            run_action(request, vote.head_deputy_choose, request.user, block, unit, request.POST.get("note", ""),
                 success=f"Đã ghi nhận lựa chọn {unit.name}.")
        else:
            messages.error(request, "Chưa chọn đơn vị.")
        return redirect("emulation:vote", pk=block.pk)
    rounds = list(block.vote_rounds.prefetch_related("tallies__candidate"))
    current = rounds[-1] if rounds else None
    mine = own_unit_id(request.user)
    voted = bool(current and mine and current.receipts.filter(voter_unit_id=mine).exists())
    roles = block_roles(block)
    selection = LeaderSelection.objects.filter(block=block).select_related("unit", "dossier", "head_choice",
                                                                           "deputy_choice").first()
    return render(request, "emulation/vote.html", {
        "the_block": block, "rounds": rounds, "current": current, "voted": voted, "selection": selection,
        "is_member": block.members.filter(unit_id=mine).exists(), "is_office": is_office(request.user),
        "is_organiser": is_office(request.user) or (roles.get(MemberRole.HEAD) and roles[MemberRole.HEAD].pk == mine),
        "is_head_or_deputy": mine in {u.pk for u in roles.values()}, "open": RoundStatus.OPEN})


