"""Covenants: drawing up, signing per party, mid-year and year-end values with evidence, fulfilment."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tdkt.core.services import system_actor
from tdkt.dossiers.tests.factories import pdf
from tdkt.emulation.models import Covenant, CovenantEvidence, CovenantResult
from tdkt.emulation.services import covenants
from tdkt.org import services as org_services

from .factories import make_block

pytestmark = pytest.mark.django_db

TEN = [{"name": f"Chỉ tiêu số {i}", "unit_of_measure": "%", "target": 90 + i} for i in range(1, 10)] + [
    {"name": "Tỷ lệ hồ sơ giải quyết trễ hạn", "unit_of_measure": "%", "target": "1,5", "direction": "lower"}]


def block_covenant(world, n=3):
    bw = make_block(world, n, open_scoring=False)
    covenant = covenants.create_covenant(bw.clerks[0], kind="block", year=bw.block.year, block=bw.block,
                                         title="Giao ước thi đua năm 2026", theme="Đoàn kết, kỷ cương, sáng tạo",
                                         indicators=TEN)
    return bw, covenant


def sign_all(bw, covenant):
    for unit, clerk in zip(bw.units, bw.clerks):
        covenants.sign(clerk, covenant, unit, f"Giám đốc {unit.name}")


def test_block_covenant_signed_by_every_member_then_fulfilment(world):
    bw, covenant = block_covenant(world)
    assert covenant.parties.count() == 3 and covenant.indicators.count() == 10
    covenants.sign(bw.clerks[0], covenant, bw.units[0], "Nguyễn Văn A")
    covenant.refresh_from_db()
    assert covenant.status == "signing"
    with pytest.raises(ValidationError):
        covenants.sign(bw.clerks[0], covenant, bw.units[0], "Nguyễn Văn A")
    with pytest.raises(Http404):
        covenants.sign(bw.clerks[0], covenant, bw.units[1], "Nguyễn Văn A")
    for unit, clerk in list(zip(bw.units, bw.clerks))[1:]:
        covenants.sign(clerk, covenant, unit, "Giám đốc")
    covenant.refresh_from_db()
    assert covenant.status == "signed" and covenant.signed_on is not None
    indicators = list(covenant.indicators.all())
    # Unit 0 meets 7 of 10 (exceeds 5, meets 2); unit 1 reports only mid-year.
    values = {i.pk: (i.target + (1 if n < 5 else 0 if n < 6 else -1), "") for n, i in enumerate(indicators[:9])}
    values[indicators[9].pk] = ("1,2", "Báo cáo của Văn phòng")
    covenants.record_results(bw.clerks[0], covenant, bw.units[0], period="year_end", values=values,
                             evidence={indicators[0].pk: pdf("bao-cao-tong-ket.pdf")})
    covenants.record_results(bw.clerks[1], covenant, bw.units[1], period="mid_year",
                             values={i.pk: (i.target, "") for i in indicators})
    result = covenants.fulfilment(covenant)
    tallies = {p.unit_id: t for p, t in result["parties"]}
    assert tallies[bw.units[0].pk].label == "7/10 chỉ tiêu đạt và vượt"
    assert tallies[bw.units[0].pk].exceeded == 6 and tallies[bw.units[0].pk].percent == 70
    assert tallies[bw.units[1].pk].label == "0/10 chỉ tiêu đạt và vượt" and tallies[bw.units[1].pk].reported == 0
    assert result["total"].label == "7/30 chỉ tiêu đạt và vượt"
    mid = covenants.fulfilment(covenant, "mid_year")
    assert {p.unit_id: t.met for p, t in mid["parties"]}[bw.units[1].pk] == 10
    assert CovenantEvidence.objects.get().result.indicator == indicators[0]


def test_bad_values_save_nothing(world):
    bw, covenant = block_covenant(world)
    sign_all(bw, covenant)
    first, second = list(covenant.indicators.all())[:2]
    with pytest.raises(ValidationError) as exc:
        covenants.record_results(bw.clerks[2], covenant, bw.units[2], period="year_end",
                                 values={first.pk: ("95", ""), second.pk: ("chín mươi", "")},
                                 evidence={first.pk: pdf()})
    assert exc.value.message_dict[f"value_{second.pk}"] == [
        "Chỉ tiêu 2 “Chỉ tiêu số 2”: “chín mươi” không phải là số."]
    assert not CovenantResult.objects.exists() and not CovenantEvidence.objects.exists()


def test_values_only_on_a_signed_covenant_and_by_the_party(world):
    bw, covenant = block_covenant(world)
    first = covenant.indicators.first()
    with pytest.raises(ValidationError):
        covenants.record_results(bw.clerks[0], covenant, bw.units[0], period="year_end", values={first.pk: 1})
    sign_all(bw, covenant)
    with pytest.raises(Http404):
        covenants.record_results(bw.clerks[1], covenant, bw.units[0], period="year_end", values={first.pk: 1})


def test_indicators_are_checked_row_by_row(world):
    bw = make_block(world, 3, open_scoring=False)
    with pytest.raises(ValidationError) as exc:
        covenants.create_covenant(world.officer, kind="block", year=2026, block=bw.block, title="Giao ước",
                                  indicators=[{"name": "Thu ngân sách", "unit_of_measure": "", "target": "-5"}])
    messages = exc.value.message_dict["indicators"]
    assert "Chỉ tiêu 1: chưa có đơn vị tính." in messages
    assert "Chỉ tiêu 1: chỉ tiêu đăng ký: không được nhỏ hơn 0." in messages
    assert not Covenant.objects.exists()


def test_only_the_head_or_office_draws_up_a_block_covenant(world):
    bw = make_block(world, 3, open_scoring=False)
    # A member that is not the head sees the block but may not draw up its covenant; an outsider
    # does not see the block at all.
    with pytest.raises(PermissionDenied):
        covenants.create_covenant(bw.clerks[2], kind="block", year=2026, block=bw.block, title="Giao ước",
                                  indicators=TEN)
    with pytest.raises(Http404):
        covenants.create_covenant(world.clerk_b, kind="block", year=2026, block=bw.block, title="Giao ước",
                                  indicators=TEN)
    assert not Covenant.objects.exists()


def test_province_commune_covenant_the_chair_signs_without_targets(world):
    root = system_actor()
    second = org_services.create_unit(root, name="UBND xã Kim Bảng", code="X-KB", kind="commune", parent=world.province)
    with pytest.raises(PermissionDenied):
        covenants.create_covenant(world.clerk_a, kind="province_commune", year=2026, title="Giao ước",
                                  chair_unit=world.province, parties=[world.commune, second], indicators=TEN)
    covenant = covenants.create_covenant(
        world.officer, kind="province_commune", year=2026, title="Giao ước thi đua giữa Chủ tịch UBND tỉnh và Chủ tịch "
        "UBND các xã năm 2026", chair_unit=world.province, parties=[world.commune, second], indicators=TEN[:3])
    for unit in (world.province, world.commune, second):
        covenants.sign(world.officer, covenant, unit, "Chủ tịch UBND")
    covenant.refresh_from_db()
    assert covenant.status == "signed"
    with pytest.raises(ValidationError):
        covenants.record_results(world.officer, covenant, world.province, period="year_end",
                                 values={covenant.indicators.first().pk: 1})
    result = covenants.fulfilment(covenant)
    assert [p.unit for p, _ in result["parties"]] == [world.commune, second]
    assert result["total"].total == 6
