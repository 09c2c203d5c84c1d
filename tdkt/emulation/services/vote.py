"""The block's secret vote for its leading unit, and the draft award dossier that follows.

One vote per member unit, cast by that unit's clerk; counts are kept per candidate and who voted is
kept apart without the choice (the council ballot pattern of tdkt.dossiers.services.council). A candidate is
elected when it alone has the most votes and its votes reach the block's threshold of the member
count (by default more than half). At most the block's number of rounds (2 by default); round 2 is
between the candidates tied first in round 1, or the first two. If still undecided, the head and the
deputy decide together (legal-rules.md §2.5; TT 01/2024/TT-TANDTC Điều 29).

The result proposes the leading unit for the provincial Cờ thi đua and the block's configured number
of next-ranked units for Bằng khen of the province, in one DRAFT dossier of the dossier workflow
(proposing unit: the block head, who consolidates the block's proposals).
"""
from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404

from tdkt.core import audit, clock
from tdkt.rules import procedure

from ..choices import BlockStatus, EmulationAction, MemberRole, RoundStatus, SelectionMethod
from ..models import Block, LeaderSelection, Result, VoteReceipt, VoteRound, VoteTally
from ..workflow import fmt, is_office, lock_block, own_unit_id, require_office, user_of


def _role_unit(block: Block, role: str) -> int | None:
    return block.members.filter(role=role).values_list("unit_id", flat=True).first()


def _require_organiser(actor, block: Block) -> None:
    """The office or the block head's clerk runs the block's vote."""
    if not is_office(actor) and own_unit_id(actor) != _role_unit(block, MemberRole.HEAD):
        raise Http404("Chỉ trưởng khối hoặc Ban Thi đua – Khen thưởng tổ chức bỏ phiếu.")


def _selection(block: Block) -> LeaderSelection:
    selection, _ = LeaderSelection.objects.get_or_create(block=block)
    return selection


def _candidates(block: Block, previous: VoteRound | None) -> list[int]:
    if previous is None:
        return list(Result.objects.filter(block=block, disqualified=False, rank__isnull=False)
                    .order_by("rank", "id").values_list("unit_id", flat=True))
    tallies = list(previous.tallies.order_by("-votes", "id").values_list("candidate_id", "votes"))
    top = tallies[0][1]
    first = [uid for uid, v in tallies if v == top]
    if len(first) >= 2:
        return first
    second = max((v for _, v in tallies if v < top), default=None)
    return first + [uid for uid, v in tallies if v == second]


@transaction.atomic
def open_round(actor, block: Block) -> VoteRound:
    block = lock_block(block)
    _require_organiser(actor, block)
    if block.status != BlockStatus.CLOSED:
        raise ValidationError({"status": ["Khối chưa khóa điểm, công bố xếp hạng: chưa thể bỏ phiếu."]})
    selection = _selection(block)
    if selection.unit_id:
        raise ValidationError({"status": [f"Khối đã xác định đơn vị dẫn đầu: {selection.unit.name}."]})
    last = block.vote_rounds.order_by("-number").first()
    if last is not None and last.status == RoundStatus.OPEN:
        raise ValidationError({"status": [f"Vòng {last.number} đang bỏ phiếu."]})
    number = (last.number if last else 0) + 1
    if number > block.vote_max_rounds:
        raise ValidationError({"status": [f"Đã bỏ phiếu {block.vote_max_rounds} vòng: trưởng khối và phó khối quyết "
                                          "định đơn vị dẫn đầu."]})
    candidates = _candidates(block, last)
    if len(candidates) < 1:
        raise ValidationError({"status": ["Không có đơn vị nào đủ điều kiện để bầu chọn."]})
    vote_round = VoteRound.objects.create(block=block, number=number, electorate=block.members.count())
    VoteTally.objects.bulk_create([VoteTally(round=vote_round, candidate_id=uid) for uid in candidates])
    audit.created(actor, vote_round, note=f"{len(candidates)} đơn vị được bầu chọn")
    return vote_round


@transaction.atomic
def cast_vote(actor, vote_round: VoteRound, candidate) -> None:
    """A member unit's one vote in a round. The receipt (who) and the count (what) go to separate
    tables in one transaction; a second vote hits the unique receipt."""
    vote_round = VoteRound.objects.select_for_update().select_related("block").get(pk=vote_round.pk)
    voter = own_unit_id(actor)
    block = vote_round.block
    if is_office(actor) or voter is None or not block.members.filter(unit_id=voter).exists():
        raise Http404("Chỉ đơn vị thành viên của khối được bỏ phiếu.")
    if vote_round.status != RoundStatus.OPEN:
        raise ValidationError({"round": [f"Vòng {vote_round.number} đã kết thúc."]})
    tally = vote_round.tallies.filter(candidate=candidate).first()
    if tally is None:
        raise ValidationError({"candidate": [f"{candidate.name} không có trong danh sách bầu chọn vòng "
                                             f"{vote_round.number}."]})
    try:
        with transaction.atomic():
            VoteReceipt.objects.create(round=vote_round, voter_unit_id=voter)
    except IntegrityError:
        raise ValidationError({"round": [f"Đơn vị của bạn đã bỏ phiếu ở vòng {vote_round.number}: mỗi đơn vị một "
                                         "phiếu."]}) from None
    VoteTally.objects.filter(pk=tally.pk).update(votes=F("votes") + 1)
    # The audit row says that the unit voted, never for whom.
    audit.record(actor, EmulationAction.VOTE_CAST, vote_round, note=f"Đơn vị {voter} đã bỏ phiếu")


def _passes(votes: int, electorate: int, block: Block) -> bool:
    if electorate <= 0:
        return False
    share = Decimal(votes) / Decimal(electorate)
    return share > block.vote_threshold if block.vote_strict else share >= block.vote_threshold


@transaction.atomic
def close_round(actor, vote_round: VoteRound) -> VoteRound:
    vote_round = VoteRound.objects.select_for_update().select_related("block").get(pk=vote_round.pk)
    block = lock_block(vote_round.block)
    _require_organiser(actor, block)
    if vote_round.status != RoundStatus.OPEN:
        raise ValidationError({"round": [f"Vòng {vote_round.number} đã kết thúc."]})
    tallies = list(vote_round.tallies.select_related("candidate").order_by("-votes", "id"))
    cast = vote_round.receipts.count()
    top = tallies[0].votes if tallies else 0
    leaders = [t for t in tallies if t.votes == top]
    need = f"{'trên' if block.vote_strict else 'từ'} {fmt(block.vote_threshold * 100)}% của {vote_round.electorate} đơn vị"
    before = audit.snapshot(vote_round)
    if len(leaders) == 1 and _passes(top, vote_round.electorate, block):
        winner = leaders[0].candidate
        vote_round.outcome = f"{winner.name} trúng cử với {top}/{vote_round.electorate} phiếu ({cast} đơn vị bỏ phiếu)."
        selection = _selection(block)
        selection.unit, selection.method, selection.round = winner, SelectionMethod.VOTE, vote_round
        selection.decided_at, selection.decided_by = clock.now(), user_of(actor)
        selection.note = vote_round.outcome
        selection.save()
    else:
        why = (f"{len(leaders)} đơn vị cùng {top} phiếu" if len(leaders) > 1
               else f"{leaders[0].candidate.name} được {top} phiếu, chưa đạt {need}" if leaders else "không có phiếu")
        then = ("bỏ phiếu vòng tiếp theo" if vote_round.number < block.vote_max_rounds
                else "trưởng khối và phó khối quyết định đơn vị dẫn đầu")
        vote_round.outcome = f"Chưa xác định được đơn vị dẫn đầu: {why}; {then}."
    vote_round.status, vote_round.closed_at = RoundStatus.CLOSED, clock.now()
    vote_round.save()
    audit.changed(actor, vote_round, before, action=EmulationAction.VOTE_CLOSE, note=vote_round.outcome)
    return vote_round


@transaction.atomic
def head_deputy_choose(actor, block: Block, unit, note: str = "") -> LeaderSelection:
    """After the last round without a result, the head and the deputy each record their choice among
    the last round's candidates; when both choose the same unit, it leads the block."""
    block = lock_block(block)
    head, deputy = _role_unit(block, MemberRole.HEAD), _role_unit(block, MemberRole.DEPUTY)
    side = own_unit_id(actor)
    if is_office(actor) or side not in (head, deputy):
        raise Http404("Chỉ trưởng khối và phó khối quyết định đơn vị dẫn đầu.")
    selection = _selection(block)
    if selection.unit_id:
        raise ValidationError({"status": [f"Khối đã xác định đơn vị dẫn đầu: {selection.unit.name}."]})
    last = block.vote_rounds.order_by("-number").first()
    if last is None or last.status != RoundStatus.CLOSED or last.number < block.vote_max_rounds:
        raise ValidationError({"status": [f"Trưởng khối và phó khối chỉ quyết định khi đã bỏ phiếu đủ "
                                          f"{block.vote_max_rounds} vòng mà chưa có kết quả."]})
    if not last.tallies.filter(candidate=unit).exists():
        raise ValidationError({"unit": [f"{unit.name} không có trong danh sách bầu chọn vòng {last.number}."]})
    before = audit.snapshot(selection)
    if side == head:
        selection.head_choice = unit
    else:
        selection.deputy_choice = unit
    if selection.head_choice_id and selection.head_choice_id == selection.deputy_choice_id:
        selection.unit, selection.method, selection.round = unit, SelectionMethod.HEAD_DEPUTY, last
        selection.decided_at, selection.decided_by = clock.now(), user_of(actor)
        selection.note = (f"Sau {last.number} vòng bỏ phiếu chưa có kết quả, trưởng khối và phó khối thống nhất chọn "
                          f"{unit.name}." + (f" {note.strip()}" if (note or "").strip() else ""))[:500]
    selection.save()
    audit.changed(actor, selection, before, note=f"{'Trưởng' if side == head else 'Phó'} khối chọn {unit.name}")
    return selection


@transaction.atomic
def propose_awards(actor, block: Block):
    """Create the DRAFT dossier proposing the leading unit for the provincial Cờ thi đua and the next
    `merit_quota` ranked units for Bằng khen of the province."""
    from tdkt.awards.models import AwardType
    from tdkt.dossiers import services as dossier_services

    require_office(actor)
    block = lock_block(block)
    selection = (LeaderSelection.objects.select_for_update(of=("self",)).filter(block=block)
                 .select_related("unit", "dossier").first())
    if selection is None or selection.unit_id is None:
        raise ValidationError({"status": ["Khối chưa xác định đơn vị dẫn đầu."]})
    if selection.dossier_id:
        raise ValidationError({"status": [f"Đã lập hồ sơ {selection.dossier.code} cho kết quả của khối."]})
    head = block.members.filter(role=MemberRole.HEAD).select_related("unit").first()
    if head is None:
        raise ValidationError({"head": ["Khối chưa có trưởng khối để đứng tên đề nghị."]})
    results = {r.unit_id: r for r in Result.objects.filter(block=block).select_related("unit")}
    size = sum(1 for r in results.values() if r.rank)
    awards = procedure.block_awards(clock.today())  # rule data: the flag and the merit award of a block
    dossier = dossier_services.create_dossier(
        actor, proposing_unit=head.unit, authority="province_chair", kind="regular", year=block.year,
        title=f"Đề nghị tặng Cờ thi đua và Bằng khen của UBND tỉnh cho đơn vị thuộc {block.name} năm {block.year}")
    leader = results[selection.unit_id]
    dossier_services.add_nominee(
        actor, dossier, award_type=AwardType.objects.get(code=awards.flag), subject_kind="collective",
        recipient_unit=selection.unit,
        achievement=(f"Đơn vị dẫn đầu {block.name} năm {block.year}: {fmt(leader.total)} điểm, xếp hạng "
                     f"{leader.rank}/{size}; {selection.note}"))
    merit = AwardType.objects.get(code=awards.merit)
    others = sorted((r for r in results.values() if r.rank and r.unit_id != selection.unit_id),
                    key=lambda r: (r.rank, r.unit.sort_key))[:block.merit_quota]
    for r in others:
        dossier_services.add_nominee(
            actor, dossier, award_type=merit, subject_kind="collective", recipient_unit=r.unit,
            achievement=f"{block.name} năm {block.year}: {fmt(r.total)} điểm, xếp hạng {r.rank}/{size}"
                        + (f", xếp loại {r.classification}" if r.classification else ""))
    selection.dossier = dossier
    selection.save(update_fields=["dossier"])
    audit.record(actor, EmulationAction.VOTE_PROPOSE, block, note=f"Lập hồ sơ {dossier.code}: 1 Cờ thi đua, {len(others)} Bằng khen")
    return dossier
