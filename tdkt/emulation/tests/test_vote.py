"""The block vote for the leading unit: secret, one vote per member unit, at most two rounds, then
the head and deputy decide; the result becomes a DRAFT dossier of the dossier workflow."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tdkt.core.models import AuditEvent
from tdkt.dossiers.models import Dossier
from tdkt.emulation.models import LeaderSelection, VoteReceipt, VoteTally
from tdkt.emulation.services import scoring, vote

from .test_scoring import head_score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(world):
    from .factories import make_block

    bw = make_block(world, 8, merit_quota=2)
    head_score_all(bw, [(40, 20, 40, 0, 0), (40, 20, 38, 0, 0), (40, 20, 36, 0, 0), (40, 18, 36, 0, 0),
                        (38, 18, 36, 0, 0), (36, 18, 36, 0, 0), (34, 18, 36, 0, 0), (30, 18, 36, 0, 0)])
    scoring.close_scoring(world.officer, bw.block)
    bw.block.refresh_from_db()
    return bw


def ballots(bw, vote_round, choices):
    """Member i votes for units[choices[i]] (None: abstains)."""
    for clerk, choice in zip(bw.clerks, choices):
        if choice is not None:
            vote.cast_vote(clerk, vote_round, bw.units[choice])


def test_first_round_majority_elects_and_the_dossier_is_drafted(world, closed):
    bw = closed
    r1 = vote.open_round(bw.clerks[0], bw.block)
    assert r1.tallies.count() == 8 and r1.electorate == 8
    ballots(bw, r1, [0, 0, 0, 0, 0, 1, 2, 1])
    r1 = vote.close_round(bw.clerks[0], r1)
    assert r1.outcome == "Sở Nội vụ trúng cử với 5/8 phiếu (8 đơn vị bỏ phiếu)."
    selection = LeaderSelection.objects.get(block=bw.block)
    assert selection.unit == bw.units[0] and selection.method == "vote"
    with pytest.raises(PermissionDenied):
        vote.propose_awards(bw.clerks[0], bw.block)
    dossier = vote.propose_awards(world.officer, bw.block)
    assert dossier.status == "draft" and dossier.proposing_unit == bw.units[0] and dossier.year == bw.block.year
    nominees = [(n.recipient_unit, n.award_type.code) for n in dossier.nominees.order_by("order")]
    assert nominees == [(bw.units[0], "CO_TD_TINH"), (bw.units[1], "BK_TINH"), (bw.units[2], "BK_TINH")]
    first = dossier.nominees.order_by("order").first()
    assert "Đơn vị dẫn đầu Khối các sở quản lý nhà nước" in first.achievement and "xếp hạng 1/8" in first.achievement
    with pytest.raises(ValidationError):
        vote.propose_awards(world.officer, bw.block)
    assert Dossier.objects.count() == 1


def test_the_ballot_is_secret_and_one_per_unit(world, closed):
    bw = closed
    r1 = vote.open_round(world.officer, bw.block)
    vote.cast_vote(bw.clerks[3], r1, bw.units[0])
    with pytest.raises(ValidationError) as exc:
        vote.cast_vote(bw.clerks[3], r1, bw.units[1])
    assert "mỗi đơn vị một phiếu" in exc.value.message_dict["round"][0]
    with pytest.raises(Http404):
        vote.cast_vote(world.officer, r1, bw.units[0])
    with pytest.raises(Http404):
        vote.cast_vote(world.clerk_a, r1, bw.units[0])
    assert VoteReceipt.objects.count() == 1 and sum(VoteTally.objects.values_list("votes", flat=True)) == 1
    # Nothing links the voter to the choice: the receipt has no candidate, the audit row no name.
    assert {f.name for f in VoteReceipt._meta.get_fields()} == {"id", "round", "voter_unit", "at"}
    note = AuditEvent.objects.filter(model="emulation.voteround").last().note
    assert bw.units[0].name not in note


def test_tie_twice_then_head_and_deputy_decide(world, closed):
    bw = closed
    r1 = vote.open_round(bw.clerks[0], bw.block)
    ballots(bw, r1, [0, 1, 0, 1, 0, 1, 2, 1])   # 4 – 3 – 1: no majority of 8
    r1 = vote.close_round(bw.clerks[0], r1)
    assert "Sở Tư pháp được 4 phiếu, chưa đạt trên 50% của 8 đơn vị" in r1.outcome
    with pytest.raises(ValidationError):
        vote.head_deputy_choose(bw.clerks[0], bw.block, bw.units[0])
    r2 = vote.open_round(bw.clerks[0], bw.block)
    assert set(r2.tallies.values_list("candidate_id", flat=True)) == {bw.units[0].pk, bw.units[1].pk}
    ballots(bw, r2, [0, 1, 0, 1, 0, 1, 0, 1])
    r2 = vote.close_round(bw.clerks[0], r2)
    assert "2 đơn vị cùng 4 phiếu" in r2.outcome and "trưởng khối và phó khối quyết định" in r2.outcome
    with pytest.raises(ValidationError):
        vote.open_round(bw.clerks[0], bw.block)
    with pytest.raises(Http404):
        vote.head_deputy_choose(bw.clerks[4], bw.block, bw.units[0])
    with pytest.raises(ValidationError):
        vote.head_deputy_choose(bw.clerks[0], bw.block, bw.units[2])   # not a round-2 candidate
    selection = vote.head_deputy_choose(bw.clerks[0], bw.block, bw.units[0])
    assert selection.unit is None
    selection = vote.head_deputy_choose(bw.clerks[1], bw.block, bw.units[0], "Thành tích nổi trội hơn")
    assert selection.unit == bw.units[0] and selection.method == "head_deputy"
    assert "trưởng khối và phó khối thống nhất chọn Sở Nội vụ" in selection.note
    dossier = vote.propose_awards(world.officer, bw.block)
    assert dossier.nominees.get(award_type__code="CO_TD_TINH").recipient_unit == bw.units[0]


def test_no_vote_before_scoring_closes(world):
    from .factories import make_block

    bw = make_block(world, 3)
    with pytest.raises(ValidationError) as exc:
        vote.open_round(world.officer, bw.block)
    assert "chưa thể bỏ phiếu" in exc.value.message_dict["status"][0]


def test_a_disqualified_unit_is_not_a_candidate(world, closed):
    bw = closed
    bw.block.status = "scoring"
    bw.block.save()
    scoring.disqualify(world.officer, bw.block, bw.units[0], bw.block.template.disqualifiers.get(), "Kỷ luật")
    scoring.close_scoring(world.officer, bw.block)
    r1 = vote.open_round(world.officer, bw.block)
    assert bw.units[0].pk not in set(r1.tallies.values_list("candidate_id", flat=True))
    with pytest.raises(ValidationError):
        vote.cast_vote(bw.clerks[1], r1, bw.units[0])
