"""The demo's emulation data (tdkt/demo/emulation.py) on a small generated province: what a user who
opens the demo finds, and that the demo clerk of Sở Y tế can self-score right away."""
import datetime as dt
import io

from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse

from tdkt.core import clock
from tdkt.demo import emulation as demo_emulation, generator
from tdkt.demo.accounts import create_demo_accounts
from tdkt.demo.plan import HISTORY_LAST_YEAR
from tdkt.demo.uploads import pdf_upload
from tdkt.emulation.models import (
    Block,
    Covenant,
    FinalScore,
    KeyTask,
    LeaderSelection,
    Movement,
    Result,
    Score,
    VoteRound,
)
from tdkt.emulation.services import registrations
from tdkt.emulation.services.covenants import fulfilment
from tdkt.emulation.services.movements import movements_for

CURRENT = HISTORY_LAST_YEAR + 1


class DemoEmulationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        generator.generate(people=600, seed=11)
        create_demo_accounts()
        cls.out = io.StringIO()
        cls.result = demo_emulation.seed(HISTORY_LAST_YEAR, seed=11, out=cls.out)
        cls.clerk = User.objects.get(username="vanthu.syt")
        cls.syt = cls.clerk.profile.unit
        cls.commune = demo_emulation.demo_commune()

    def test_the_closed_year_is_scored_ranked_and_voted_and_the_current_year_is_open(self):
        closed = Block.objects.filter(year=HISTORY_LAST_YEAR)
        assert set(closed.values_list("name", flat=True)) == {name for name, *_ in demo_emulation.BLOCKS} | {
            demo_emulation.CLUSTER}
        assert set(closed.values_list("status", flat=True)) == {"closed"}
        assert closed.get(kind="cluster").members.filter(unit=self.commune).exists()
        current = Block.objects.filter(year=CURRENT)
        assert current.count() == closed.count() and set(current.values_list("status", flat=True)) == {"scoring"}
        assert all(b.self_score_deadline > clock.today() and b.block_score_deadline > b.self_score_deadline
                   for b in current)
        for block in current.select_related("previous"):
            # The rotation: last year's deputy heads this year.
            assert block.members.get(role="head").unit == block.previous.members.get(role="deputy").unit
            assert block.template.criteria.count() == block.previous.template.criteria.count()
        self_scored = Score.objects.filter(block__year=CURRENT, stage="self").values("unit").distinct().count()
        assert 0 < self_scored < sum(b.members.count() for b in current)
        assert "Thi đua năm" in self.out.getvalue() and "7/10 chỉ tiêu đạt và vượt" in self.out.getvalue()

    def test_the_table_is_a_realistic_hundred_points_with_evidence_bands_caps_and_a_bar(self):
        template = Block.objects.get(year=HISTORY_LAST_YEAR, name=demo_emulation.PROPOSING_BLOCK).template
        assert template.scale == 100 and template.bonus_cap and template.deduction_cap
        assert sum(g.max_points for g in template.groups.all()) == 100
        assert list(template.bands.values_list("name", flat=True)) == ["Xuất sắc", "Tốt", "Khá", "Trung bình"]
        assert template.disqualifiers.exists()
        assert {"bonus", "deduction", "regular"} == set(template.criteria.values_list("kind", flat=True))
        required = template.criteria.filter(evidence_required=True)
        assert required.exists() and not required.filter(required_evidence="").exists()
        block = template.block
        # One evidence PDF per evidence-required criterion and member.
        assert block.evidence.count() == required.count() * block.members.count()

    def test_results_carry_ranks_and_the_provenance_of_every_number(self):
        for block in Block.objects.filter(year=HISTORY_LAST_YEAR):
            results = list(block.results.order_by("rank"))
            assert len(results) == block.members.count() and results[0].rank == 1
            assert all(r.classification for r in results)
        finals = FinalScore.objects.filter(result__block__year=HISTORY_LAST_YEAR)
        assert finals.filter(stage="head", source__isnull=False).exists()
        assert not finals.filter(stage="").exists()
        assert finals.count() == sum(b.members.count() * b.template.criteria.count()
                                     for b in Block.objects.filter(year=HISTORY_LAST_YEAR))

    def test_the_vote_decides_in_round_one_or_two_and_one_block_has_its_draft_dossier(self):
        selections = LeaderSelection.objects.filter(block__year=HISTORY_LAST_YEAR, unit__isnull=False)
        assert selections.count() == Block.objects.filter(year=HISTORY_LAST_YEAR).count()
        assert {s.round.number for s in selections} == {1, 2}
        economy = Block.objects.get(year=HISTORY_LAST_YEAR, name=demo_emulation.BLOCKS[1][0])
        assert "Chưa xác định" in VoteRound.objects.get(block=economy, number=1).outcome
        proposed = LeaderSelection.objects.get(dossier__isnull=False)
        assert proposed.block.name == demo_emulation.PROPOSING_BLOCK
        dossier = proposed.dossier
        assert dossier.status == "draft"
        codes = sorted(dossier.nominees.values_list("award_type__code", flat=True))
        assert codes == ["BK_TINH", "BK_TINH", "CO_TD_TINH"]
        assert dossier.nominees.get(award_type__code="CO_TD_TINH").recipient_unit == proposed.unit
        assert Result.objects.get(block=proposed.block, unit=proposed.unit).rank == 1

    def test_covenants_are_signed_with_values_and_the_demo_commune_met_seven_of_ten(self):
        covenant = Covenant.objects.get(kind="province_commune", year=HISTORY_LAST_YEAR)
        assert covenant.status == "signed" and covenant.indicators.count() == 10
        assert covenant.parties.get(commits=False).unit.kind == "province"
        commune = self.commune
        tally = next(t for p, t in fulfilment(covenant)["parties"] if p.unit == commune)
        assert tally.label == "7/10 chỉ tiêu đạt và vượt" and tally.reported == 10
        assert fulfilment(covenant, "mid_year")["total"].reported == fulfilment(covenant)["total"].total
        block_covenant = Covenant.objects.get(kind="block", year=CURRENT)
        assert block_covenant.status == "signed"
        assert block_covenant.parties.get(unit=self.syt).signed_by == self.clerk

    def test_registrations_roll_up_and_compare_with_the_awards(self):
        for year in (HISTORY_LAST_YEAR, CURRENT):
            rollup = {r["award"].code: r for r in registrations.rollup(year)}
            assert rollup["LDTT"]["individuals"] > 0 and rollup["CO_TD_TINH"]["collectives"] > 0
        achieved = {r["award"].code: r for r in registrations.registered_vs_achieved(HISTORY_LAST_YEAR)}
        assert 0 < achieved["LDTT"]["achieved"] < achieved["LDTT"]["registered"]
        statuses = set(self.syt.registrations.values_list("status", flat=True))
        assert statuses and statuses <= {"draft", "submitted"}

    def test_movements_reach_the_demo_clerk_and_the_thematic_one_closed_with_a_dossier(self):
        launched = movements_for(self.clerk, today=dt.date(CURRENT, 6, 1))
        assert launched.filter(kind="regular", start_year=CURRENT).exists()
        thematic = Movement.objects.get(kind="thematic")
        assert thematic.status == "closed" and thematic.theme and thematic.motto and len(thematic.contents) >= 5
        assert thematic.documents.exists() and thematic.covered_units.exists()
        final = thematic.reviews.get(kind="final")
        assert thematic.reviews.filter(kind="interim").exists() and final.dossier.kind == "thematic"
        for year in (HISTORY_LAST_YEAR, CURRENT):
            tasks = KeyTask.objects.filter(unit=self.syt, year=year)
            assert tasks.count() == 10 and tasks.filter(is_flagship=True).count() == 1

    def test_the_demo_clerk_of_so_y_te_self_scores_right_away(self):
        block = Block.objects.get(year=CURRENT, members__unit=self.syt)
        url = reverse("emulation:sheet", args=[block.pk, self.syt.pk, "tu-cham"])
        self.client.force_login(self.clerk)
        assert self.client.get(url).status_code == 200
        criteria = list(block.template.criteria.all())
        data = {f"points_{c.pk}": "0" if c.kind != "regular" else str(c.max_points) for c in criteria}
        data |= {f"evidence_{c.pk}": pdf_upload("minh-chung.pdf") for c in criteria if c.evidence_required}
        response = self.client.post(url, data)
        assert response.status_code == 302
        assert Score.objects.filter(block=block, unit=self.syt, stage="self").count() == len(criteria)

    def test_seeding_again_does_nothing(self):
        assert self.result["created"] > 0
        assert demo_emulation.seed(HISTORY_LAST_YEAR, seed=11, out=io.StringIO())["created"] == 0
