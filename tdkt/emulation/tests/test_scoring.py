"""Scoring: the table, self-scores with evidence, the head's scores, the office's adjustments, the
ranking with provenance and tie-breaks, deadlines and visibility; bad input saves nothing."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tdkt.core import clock
from tdkt.core.services import system_actor
from tdkt.dossiers.tests.factories import docx, pdf
from tdkt.emulation.models import Evidence, FinalScore, Result, Score, ScoringTemplate
from tdkt.emulation.services import scoring
from tdkt.emulation.services.ranking import block_standing
from tdkt.org import services as org_services

from .factories import criteria, make_block, template_spec

pytestmark = pytest.mark.django_db


def full(c, a, b, d, bonus=0, deduction=0):
    return {c["1.1"].pk: (a, ""), c["1.2"].pk: (b, ""), c["2.1"].pk: (d, "Có kế hoạch và báo cáo"),
            c["3.1"].pk: (bonus, ""), c["3.2"].pk: (deduction, "")}


def self_score_all(bw, values):
    c = criteria(bw.block)
    for unit, clerk, row in zip(bw.units, bw.clerks, values):
        scoring.self_score(clerk, bw.block, unit, full(c, *row), evidence={c["2.1"].pk: [pdf("bao-cao.pdf")]})


def head_score_all(bw, values):
    c = criteria(bw.block)
    for i, (unit, row) in enumerate(zip(bw.units, values)):
        scorer = bw.clerks[1] if i == 0 else bw.clerks[0]   # the deputy scores the head
        scoring.block_score(scorer, bw.block, unit, full(c, *row))


class TestTemplate:
    def test_table_sums_are_checked_row_by_row(self, world):
        bw = make_block(world, 3, open_scoring=False)
        spec = template_spec()
        spec["groups"][0]["criteria"][0]["max_points"] = 35
        spec["groups"][1]["criteria"][0]["max_points"] = "abc"
        with pytest.raises(ValidationError) as exc:
            scoring.set_template(world.officer, bw.block, **spec)
        messages = exc.value.message_dict
        assert "Nhóm I: tổng điểm các tiêu chí (55) khác điểm tối đa của nhóm (60)." in messages["groups"]
        assert any("Tiêu chí 2.1: điểm tối đa: “abc” không phải là số." == m for m in messages["criteria"])
        # The old table is untouched.
        assert criteria(bw.block)["1.1"].max_points == 40

    def test_the_table_cannot_change_once_scoring_is_open(self, world):
        bw = make_block(world, 3)
        with pytest.raises(ValidationError):
            scoring.set_template(world.officer, bw.block, **template_spec())
        assert ScoringTemplate.objects.count() == 1


class TestSelfScore:
    def test_clerk_self_scores_with_evidence(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        scoring.self_score(bw.clerks[2], bw.block, bw.units[2], full(c, 40, 18, 35, 10, 2),
                           evidence={c["2.1"].pk: [pdf()]})
        assert Score.objects.filter(unit=bw.units[2], stage="self", is_current=True).count() == 5
        ev = Evidence.objects.get()
        assert ev.criterion == c["2.1"] and ev.content_kind == "pdf" and ev.uploaded_by == bw.clerks[2]

    def test_score_above_max_is_refused_in_vietnamese_and_nothing_saved(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        with pytest.raises(ValidationError) as exc:
            scoring.self_score(bw.clerks[2], bw.block, bw.units[2], full(c, 45, 18, 35),
                               evidence={c["2.1"].pk: [pdf()]})
        assert exc.value.message_dict[f"score_{c['1.1'].pk}"] == [
            "Tiêu chí 1.1 “Hoàn thành chỉ tiêu kế hoạch năm”: 45 điểm vượt điểm tối đa 40 điểm."]
        assert not Score.objects.exists() and not Evidence.objects.exists()

    def test_deduction_beyond_its_cap_is_refused(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        with pytest.raises(ValidationError) as exc:
            scoring.self_score(bw.clerks[2], bw.block, bw.units[2], full(c, 40, 18, 35, 0, "7,5"),
                               evidence={c["2.1"].pk: [pdf()]})
        assert exc.value.message_dict[f"score_{c['3.2'].pk}"] == [
            "Tiêu chí 3.2 “Báo cáo chậm so với thời hạn”: trừ 7,5 điểm vượt mức trừ tối đa 5 điểm."]
        assert not Score.objects.exists() and not Evidence.objects.exists()

    def test_negative_and_non_numbers_are_refused(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        with pytest.raises(ValidationError) as exc:
            scoring.self_score(bw.clerks[2], bw.block, bw.units[2], {c["1.1"].pk: ("-1", ""), c["1.2"].pk: ("mười", "")})
        messages = exc.value.message_dict
        assert "không được nhỏ hơn 0" in messages[f"score_{c['1.1'].pk}"][0]
        assert "“mười” không phải là số" in messages[f"score_{c['1.2'].pk}"][0]

    def test_required_evidence_missing_is_refused(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        with pytest.raises(ValidationError) as exc:
            scoring.self_score(bw.clerks[2], bw.block, bw.units[2], full(c, 40, 18, 35))
        assert "phải tải lên minh chứng (Kế hoạch, báo cáo tổng kết)" in exc.value.message_dict[f"evidence_{c['2.1'].pk}"][0]
        assert not Score.objects.exists()

    def test_a_fake_evidence_file_saves_nothing(self, world):
        from django.core.files.uploadedfile import SimpleUploadedFile

        bw = make_block(world, 3)
        c = criteria(bw.block)
        fake = SimpleUploadedFile("bao-cao.pdf", b"not a pdf at all")
        with pytest.raises(ValidationError) as exc:
            scoring.self_score(bw.clerks[2], bw.block, bw.units[2], full(c, 40, 18, 35), evidence={c["2.1"].pk: [fake]})
        assert "Minh chứng tiêu chí 2.1" in exc.value.message_dict[f"evidence_{c['2.1'].pk}"][0]
        assert not Score.objects.exists() and not Evidence.objects.exists()

    def test_self_score_after_the_deadline_is_refused(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        clock.travel(11)
        with pytest.raises(ValidationError) as exc:
            scoring.self_score(bw.clerks[2], bw.block, bw.units[2], full(c, 40, 18, 35), evidence={c["2.1"].pk: [docx()]})
        deadline = bw.block.self_score_deadline.strftime("%d/%m/%Y")
        assert exc.value.message_dict["scores"] == [f"Đã hết hạn tự chấm điểm (hạn {deadline}): không nhận điểm tự chấm."]
        assert not Score.objects.exists() and not Evidence.objects.exists()

    def test_self_score_before_scoring_opens_is_refused(self, world):
        bw = make_block(world, 3, open_scoring=False)
        c = criteria(bw.block)
        with pytest.raises(ValidationError) as exc:
            scoring.self_score(bw.clerks[2], bw.block, bw.units[2], {c["1.1"].pk: (10, "")})
        assert "Đang xây dựng bảng điểm" in exc.value.message_dict["status"][0]

    def test_a_unit_cannot_score_another_unit_itself(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        with pytest.raises(Http404):
            scoring.self_score(bw.clerks[2], bw.block, bw.units[1], {c["1.1"].pk: (10, "")})
        with pytest.raises(PermissionDenied):
            scoring.self_score(world.viewer, bw.block, bw.units[1], {c["1.1"].pk: (10, "")})

    def test_a_correction_supersedes_but_keeps_the_old_number(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        scoring.self_score(bw.clerks[2], bw.block, bw.units[2], {c["1.1"].pk: (30, "")})
        scoring.self_score(bw.clerks[2], bw.block, bw.units[2], {c["1.1"].pk: (35, "Bổ sung số liệu")})
        rows = list(Score.objects.filter(unit=bw.units[2], criterion=c["1.1"]).order_by("id").values_list(
            "points", "is_current"))
        assert rows == [(Decimal("30.00"), False), (Decimal("35.00"), True)]


class TestBlockScore:
    def test_head_scores_members_and_the_deputy_scores_the_head(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        scoring.block_score(bw.clerks[0], bw.block, bw.units[2], {c["1.1"].pk: (38, "Thiếu 1 chỉ tiêu")})
        with pytest.raises(Http404):
            scoring.block_score(bw.clerks[0], bw.block, bw.units[0], {c["1.1"].pk: (40, "")})
        scoring.block_score(bw.clerks[1], bw.block, bw.units[0], {c["1.1"].pk: (40, "")})
        with pytest.raises(Http404):
            scoring.block_score(bw.clerks[2], bw.block, bw.units[1], {c["1.1"].pk: (40, "")})
        scorers = dict(Score.objects.filter(stage="head").values_list("unit_id", "scorer_unit_id"))
        assert scorers == {bw.units[2].pk: bw.units[0].pk, bw.units[0].pk: bw.units[1].pk}

    def test_head_scores_are_hidden_from_the_scored_unit_until_scoring_closes(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        scoring.self_score(bw.clerks[2], bw.block, bw.units[2], {c["1.1"].pk: (40, "")})
        scoring.block_score(bw.clerks[0], bw.block, bw.units[2], {c["1.1"].pk: (36, "")})
        seen = scoring.scores_visible_to(bw.clerks[2], bw.block)
        assert set(seen.values_list("stage", flat=True)) == {"self"}
        assert set(scoring.scores_visible_to(bw.clerks[0], bw.block).values_list("stage", flat=True)) == {"head"}
        assert scoring.scores_visible_to(bw.clerks[1], bw.block).count() == 0
        scoring.close_scoring(world.officer, bw.block, override_reason="Chỉ chấm một phần trong phép thử")
        bw.block.refresh_from_db()
        assert set(scoring.scores_visible_to(bw.clerks[2], bw.block).values_list("stage", flat=True)) == {"self", "head"}

    def test_peer_scoring_takes_the_mean_of_peers(self, world):
        bw = make_block(world, 3, spec=template_spec(block_scorer="peers"))
        c = criteria(bw.block)
        scoring.block_score(bw.clerks[1], bw.block, bw.units[0], {c["1.1"].pk: (30, "")})
        scoring.block_score(bw.clerks[2], bw.block, bw.units[0], {c["1.1"].pk: (35, "")})
        with pytest.raises(ValidationError):
            scoring.block_score(bw.clerks[0], bw.block, bw.units[0], {c["1.1"].pk: (40, "")})
        scoring.close_scoring(world.officer, bw.block, override_reason="Chỉ chấm một phần trong phép thử")
        final = FinalScore.objects.get(result__unit=bw.units[0], criterion=c["1.1"])
        assert final.points == Decimal("32.50") and final.stage == "peer"
        assert final.note == "Bình quân điểm của 2 đơn vị chấm chéo"


class TestRanking:
    def test_ranking_with_provenance_caps_bands_and_standing(self, world):
        bw = make_block(world, 4)
        self_score_all(bw, [(40, 20, 40, 10, 0), (40, 18, 38, 0, 0), (35, 15, 30, 0, 5), (30, 10, 20, 0, 0)])
        head_score_all(bw, [(40, 20, 38, 10, 0), (40, 18, 38, 0, 0), (35, 15, 30, 0, 5), (30, 10, 20, 0, 0)])
        c = criteria(bw.block)
        scoring.adjust_score(world.officer, bw.block, bw.units[1], c["1.2"], 20, "Bổ sung nhiệm vụ đột xuất được giao")
        scoring.close_scoring(world.officer, bw.block)
        results = {r.unit_id: r for r in Result.objects.filter(block=bw.block)}
        top = results[bw.units[0].pk]
        assert (top.total, top.rank, top.classification) == (Decimal("108.00"), 1, "Xuất sắc")
        second = results[bw.units[1].pk]
        assert (second.total, second.rank) == (Decimal("98.00"), 2)
        adjusted = FinalScore.objects.select_related("source__actor").get(result=second, criterion=c["1.2"])
        assert adjusted.stage == "office" and adjusted.source.actor == world.officer
        assert adjusted.source.comment == "Bổ sung nhiệm vụ đột xuất được giao"
        by_head = FinalScore.objects.select_related("source__scorer_unit").get(result=top, criterion=c["2.1"])
        assert by_head.points == 38 and by_head.source.scorer_unit == bw.units[1]
        assert [results[u.pk].rank for u in bw.units] == [1, 2, 3, 4]
        assert results[bw.units[3].pk].classification == ""
        standing = block_standing([u.pk for u in bw.units] + [world.unit_a.pk], bw.block.year)
        assert standing[bw.units[0].pk].rank == 1 and standing[bw.units[0].pk].size == 4
        assert world.unit_a.pk not in standing
        assert block_standing([bw.units[0].pk], bw.block.year - 1) == {}

    def test_total_bonus_cap_is_applied_and_explained(self, world):
        spec = template_spec(bonus_cap=5)
        bw = make_block(world, 3, spec=spec)
        c = criteria(bw.block)
        scoring.block_score(bw.clerks[1], bw.block, bw.units[0], full(c, 40, 20, 40, 10, 0))
        scoring.close_scoring(world.officer, bw.block, override_reason="Chỉ chấm một phần trong phép thử")
        result = Result.objects.get(unit=bw.units[0])
        assert result.bonus_points == 5 and result.total == 105
        assert "Điểm thưởng 10 vượt mức tối đa, tính 5" in result.note

    def test_women_led_unit_wins_a_tie_then_fewer_deductions(self, world):
        bw = make_block(world, 4)
        root = system_actor()
        # Unit 3 has 3 of 4 people women (75 % ≥ 70 %); unit 2 is equal on points but not women-led.
        for i, gender in enumerate(["female", "female", "female", "male"]):
            org_services.create_person(root, bw.units[3], full_name=f"Người thứ {i}", gender=gender,
                                       birth_date=dt.date(1990, 1, 1))
        head_score_all(bw, [(40, 20, 40, 0, 0), (40, 20, 30, 0, 0), (40, 20, 30, 0, 0), (40, 20, 30, 0, 0)])
        c = criteria(bw.block)
        # Unit 1 reaches the same 90 with a deduction: behind both on "fewer deductions".
        scoring.block_score(bw.clerks[0], bw.block, bw.units[1], full(c, 40, 20, 35, 0, 5))
        scoring.close_scoring(world.officer, bw.block)
        results = {r.unit_id: r for r in Result.objects.filter(block=bw.block)}
        assert [results[u.pk].rank for u in bw.units] == [1, 4, 3, 2]
        women = results[bw.units[3].pk]
        assert women.women_priority and women.women_share == Decimal("0.750")
        assert "Bằng 90 điểm với" in women.tie_note and "đơn vị nữ: có, tỷ lệ nữ 75%" in women.tie_note

    def test_units_equal_on_every_key_share_the_rank(self, world):
        bw = make_block(world, 3)
        head_score_all(bw, [(40, 20, 30, 0, 0)] * 3)
        scoring.close_scoring(world.officer, bw.block)
        assert sorted(Result.objects.values_list("rank", flat=True)) == [1, 1, 1]

    def test_disqualified_unit_is_not_ranked(self, world):
        bw = make_block(world, 3)
        head_score_all(bw, [(40, 20, 40, 0, 0), (40, 20, 30, 0, 0), (30, 20, 30, 0, 0)])
        condition = bw.block.template.disqualifiers.get()
        with pytest.raises(ValidationError):
            scoring.disqualify(world.officer, bw.block, bw.units[0], condition, " ")
        scoring.disqualify(world.officer, bw.block, bw.units[0], condition, "Quyết định kỷ luật số 12/QĐ-UBND")
        scoring.close_scoring(world.officer, bw.block)
        top = Result.objects.get(unit=bw.units[0])
        assert top.rank is None and top.disqualified and "Không xét xếp hạng" in top.note
        assert Result.objects.get(unit=bw.units[1]).rank == 1
        assert bw.units[0].pk not in block_standing([bw.units[0].pk], bw.block.year)

    def test_adjustment_needs_a_reason_and_the_office(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        with pytest.raises(ValidationError) as exc:
            scoring.adjust_score(world.officer, bw.block, bw.units[1], c["1.1"], 30, "")
        assert exc.value.message_dict["reason"] == ["Tiêu chí 1.1: phải ghi lý do điều chỉnh điểm."]
        with pytest.raises(PermissionDenied):
            scoring.adjust_score(bw.clerks[0], bw.block, bw.units[1], c["1.1"], 30, "Lý do")
        assert not Score.objects.exists()

    def test_adjusting_after_close_recomputes_the_ranking(self, world):
        bw = make_block(world, 3)
        head_score_all(bw, [(40, 20, 40, 0, 0), (40, 20, 30, 0, 0), (30, 20, 30, 0, 0)])
        scoring.close_scoring(world.officer, bw.block)
        c = criteria(bw.block)
        scoring.adjust_score(world.officer, bw.block, bw.units[2], c["3.1"], 10, "Được tặng Cờ thi đua Chính phủ")
        assert Result.objects.get(unit=bw.units[2]).total == 90
        assert Result.objects.get(unit=bw.units[1]).rank == 2
        assert Result.objects.get(unit=bw.units[2]).rank == 2


class TestDeadlinesAndOpening:
    def test_block_score_after_its_deadline_is_refused(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        clock.travel(21)
        with pytest.raises(ValidationError) as exc:
            scoring.block_score(bw.clerks[0], bw.block, bw.units[2], {c["1.1"].pk: (30, "")})
        assert exc.value.message_dict["scores"][0].startswith("Đã hết hạn khối chấm điểm (hạn ")
        assert not Score.objects.exists()

    def test_opening_needs_a_head_and_deputy_and_a_future_deadline(self, world):
        from tdkt.emulation import services

        from .factories import member_units

        units, _ = member_units(world, 3, prefix="Q")
        block = services.create_block(world.officer, name="Cụm không có phó", year=2026, units=units, head=units[0])
        scoring.set_template(world.officer, block, **template_spec())
        with pytest.raises(ValidationError) as exc:
            scoring.open_scoring(world.officer, block, self_score_deadline=clock.today() - dt.timedelta(days=1))
        assert {"head", "self_score_deadline"} <= set(exc.value.message_dict)
        block.refresh_from_db()
        assert block.status == "setup"
        with pytest.raises(PermissionDenied):
            scoring.open_scoring(world.clerk_a, block, self_score_deadline=clock.today())


def test_the_rule_engine_reads_the_published_block_ranking(world):
    """Cờ thi đua goes to the unit leading its block (Luật TĐKT 2022 Điều 26 khoản 1): the unit's
    eligibility panel takes its place from the block's closed ranking."""
    from tdkt.eligibility.services import unit_panel

    bw = make_block(world, 4)
    self_score_all(bw, [(40, 20, 40, 10, 0), (40, 18, 38, 0, 0), (35, 15, 30, 0, 5), (30, 10, 20, 0, 0)])
    head_score_all(bw, [(40, 20, 38, 10, 0), (40, 18, 38, 0, 0), (35, 15, 30, 0, 5), (30, 10, 20, 0, 0)])

    def leader_check(unit):
        panel = unit_panel(unit, bw.block.year)
        flag = next(r for r in panel["rows"] if r["award"].code == "CO_TD_TINH")
        ground = next(c for c in flag["verdict"]["checks"] if c["code"] == "co_td_tinh_ground")
        return next(c for c in ground["alternatives"] if c["code"] == "block_leader")

    assert leader_check(bw.units[0])["passed"] is not True  # not ranked before scoring closes
    scoring.close_scoring(world.officer, bw.block)
    assert leader_check(bw.units[0])["passed"] is True
    assert leader_check(bw.units[1])["passed"] is False
