"""The final score, classification and rank of every member of a block, with the provenance of each
number, and the block standing the rule engine reads.

Final number of a criterion: the office's adjustment if any; else the block's score (the head's, the
inspection team's, or the mean of the peers' scores, as the block's table says); else the unit's
self-score; else nothing (0). Bonus and deduction totals are capped by the table. Members meeting a
disqualifying condition are listed but not ranked.

Ties on the total: the table's keys in order. The default puts first a collective led by a woman
or with at least the configured share of women (NĐ 152/2025 Điều 4; 70 % by default), then fewer
deduction points; "group:<code>" prefers the higher score in that group. Units still equal share the
rank (1, 1, 3); the block vote decides the leading unit anyway.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from tdkt.core import clock
from tdkt.rules.case import Block as Standing

from ..choices import BlockStatus, CriterionKind, ScoreStage
from ..models import Block, Disqualification, FinalScore, Result, Score
from ..workflow import STAGE_FOR_SCORER, fmt, stage_label, tie_break_label

CENT = Decimal("0.01")


def _final_of(cell: dict, block_stage: str, block_label: str) -> tuple[Decimal, str, int | None, str]:
    """(points, stage, source score id, note) of one criterion from its current scores by stage."""
    if cell.get(ScoreStage.OFFICE):
        s = cell[ScoreStage.OFFICE][0]
        return s["points"], ScoreStage.OFFICE, s["id"], "Ban TĐKT điều chỉnh"
    given = cell.get(block_stage) or []
    if len(given) == 1:
        s = given[0]
        return s["points"], block_stage, s["id"], block_label
    if given:
        mean = (sum(s["points"] for s in given) / len(given)).quantize(CENT, ROUND_HALF_UP)
        return mean, block_stage, None, f"Bình quân điểm của {len(given)} đơn vị chấm chéo"
    if cell.get(ScoreStage.SELF):
        s = cell[ScoreStage.SELF][0]
        return s["points"], ScoreStage.SELF, s["id"], "Theo điểm tự chấm (khối chưa chấm tiêu chí này)"
    return Decimal(0), "", None, "Chưa có điểm"


def women_shares(members, threshold: Decimal) -> dict[int, tuple[bool, Decimal | None]]:
    """{unit id: (priority, share)} for tied members: led by a woman, or at least `threshold` women
    among the people of the unit and its sub-units. One grouped query for all of them."""
    from functools import reduce
    from operator import or_

    from tdkt.org.models import Person

    paths = {m.unit_id: m.unit.path for m in members}
    counts = list(Person.objects.filter(reduce(or_, (Q(unit__path__startswith=p) for p in set(paths.values()))))
                  .values("unit__path").annotate(total=Count("id"), women=Count("id", filter=Q(gender="female")))
                  .values_list("unit__path", "total", "women"))
    out = {}
    for member in members:
        total = sum(t for path, t, _ in counts if path.startswith(paths[member.unit_id]))
        women = sum(w for path, _, w in counts if path.startswith(paths[member.unit_id]))
        share = (Decimal(women) / total).quantize(Decimal("0.001")) if total else None
        out[member.unit_id] = (member.women_led or (share is not None and share >= threshold), share)
    return out


def compute(block: Block) -> list[Result]:
    """Recompute and store the block's results (called in the service's transaction)."""
    template = block.template
    criteria = list(template.criteria.select_related("group"))
    members = list(block.members.select_related("unit"))
    block_stage = STAGE_FOR_SCORER[template.block_scorer]
    block_label = stage_label(block, block_stage)
    cells: dict = defaultdict(lambda: defaultdict(list))
    for s in (Score.objects.filter(block=block, is_current=True)
              .values("id", "unit_id", "criterion_id", "stage", "points").order_by("id")):
        cells[(s["unit_id"], s["criterion_id"])][s["stage"]].append(s)
    barred = defaultdict(list)
    for d in Disqualification.objects.filter(block=block).select_related("condition"):
        barred[d.unit_id].append(d.condition.text)
    bands = list(template.bands.order_by("-min_score"))
    now = clock.now()

    rows = []   # (member, result, finals, group points)
    for member in members:
        sums = {CriterionKind.REGULAR: Decimal(0), CriterionKind.BONUS: Decimal(0), CriterionKind.DEDUCTION: Decimal(0)}
        groups: dict[str, Decimal] = defaultdict(Decimal)
        finals = []
        for c in criteria:
            points, stage, source, note = _final_of(cells.get((member.unit_id, c.pk), {}), block_stage, block_label)
            sums[c.kind] += points
            if c.kind == CriterionKind.REGULAR:
                groups[c.group.code] += points
            finals.append(FinalScore(criterion_id=c.pk, points=points, stage=stage, source_id=source, note=note))
        notes = []
        bonus, deduction = sums[CriterionKind.BONUS], sums[CriterionKind.DEDUCTION]
        if template.bonus_cap is not None and bonus > template.bonus_cap:
            notes.append(f"Điểm thưởng {fmt(bonus)} vượt mức tối đa, tính {fmt(template.bonus_cap)}")
            bonus = template.bonus_cap
        if template.deduction_cap is not None and deduction > template.deduction_cap:
            notes.append(f"Điểm trừ {fmt(deduction)} vượt mức tối đa, tính {fmt(template.deduction_cap)}")
            deduction = template.deduction_cap
        total = sums[CriterionKind.REGULAR] + bonus - deduction
        band = next((b.name for b in bands if total >= b.min_score), "")
        disqualified = bool(barred.get(member.unit_id))
        if disqualified:
            notes.append("Không xét xếp hạng: " + "; ".join(barred[member.unit_id]))
        result = Result(block=block, unit_id=member.unit_id, regular_points=sums[CriterionKind.REGULAR],
                        bonus_points=bonus, deduction_points=deduction, total=total,
                        classification="Không xét" if disqualified else band, disqualified=disqualified,
                        note="; ".join(notes)[:500], computed_at=now)
        rows.append((member, result, finals, groups))

    _rank([r for r in rows if not r[1].disqualified], template)
    Result.objects.filter(block=block).delete()
    Result.objects.bulk_create([r[1] for r in rows])
    finals = []
    for _, result, own, _ in rows:
        for f in own:
            f.result_id = result.pk
        finals.extend(own)
    FinalScore.objects.bulk_create(finals, batch_size=2000)
    return [r[1] for r in rows]


def _rank(rows: list, template) -> None:
    """Order by total, break ties by the table's keys, give competition ranks and explain ties."""
    by_total: dict[Decimal, list] = defaultdict(list)
    for row in rows:
        by_total[row[1].total].append(row)
    keys = list(template.tie_break or [])
    tied_members = [row[0] for group in by_total.values() if len(group) > 1 for row in group]
    women = women_shares(tied_members, template.women_share_threshold) if "women" in keys and tied_members else {}
    ordered = []
    for total in sorted(by_total, reverse=True):
        tied = by_total[total]
        if len(tied) == 1:
            ordered.append((tied[0], ()))
            continue
        values = {}
        for member, result, _, groups in tied:
            row_key = []
            for key in keys:
                if key == "women":
                    priority, share = women[member.unit_id]
                    result.women_priority, result.women_share = priority, share
                    row_key.append(0 if priority else 1)
                elif key == "fewer_deductions":
                    row_key.append(result.deduction_points)
                elif key.startswith("group:"):
                    row_key.append(-groups.get(key[6:], Decimal(0)))
            values[member.unit_id] = tuple(row_key)
        for row in sorted(tied, key=lambda r: values[r[0].unit_id]):
            ordered.append((row, values[row[0].unit_id]))
        names = {r[0].unit_id: r[0].unit.name for r in tied}
        for member, result, _, groups in tied:
            others = ", ".join(n for uid, n in names.items() if uid != member.unit_id)
            facts = []
            for key in keys:
                if key == "women":
                    share = f", tỷ lệ nữ {fmt(result.women_share * 100)}%" if result.women_share is not None else ""
                    facts.append(f"đơn vị nữ: {'có' if result.women_priority else 'không'}{share}")
                elif key == "fewer_deductions":
                    facts.append(f"điểm trừ {fmt(result.deduction_points)}")
                else:
                    facts.append(f"điểm nhóm {key[6:]} {fmt(groups.get(key[6:], Decimal(0)))}")
            order = "; ".join(tie_break_label(k) for k in keys) or "không có tiêu chí phụ (đồng hạng)"
            result.tie_note = (f"Bằng {fmt(total)} điểm với {others}. Thứ tự ưu tiên: {order}. "
                               f"Đơn vị: {', '.join(facts)}.")[:500]
    rank, previous = 0, None
    for position, (row, key) in enumerate(ordered, start=1):
        marker = (row[1].total, key)
        if marker != previous:
            rank = position
        row[1].rank = rank
        previous = marker


def block_standing(unit_ids, year: int) -> dict[int, Standing]:
    """{unit id: Block(rank, size)} from the published ranking of the blocks of `year` (two queries).
    A unit in two blocks keeps its better rank; units not ranked (or disqualified) are absent."""
    ranked = list(Result.objects.filter(unit_id__in=list(unit_ids), block__year=year, block__status=BlockStatus.CLOSED,
                                        rank__isnull=False).values_list("unit_id", "block_id", "rank"))
    if not ranked:
        return {}
    sizes = dict(Result.objects.filter(block_id__in={b for _, b, _ in ranked}, rank__isnull=False)
                 .values_list("block_id").annotate(n=Count("id")).values_list("block_id", "n"))
    standing: dict[int, Standing] = {}
    for unit_id, block_id, rank in ranked:
        if unit_id not in standing or rank < standing[unit_id].rank:
            standing[unit_id] = Standing(rank=rank, size=sizes[block_id])
    return standing
