"""Movements (launch cascade, reviews, thematic dossier) and key tasks."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tdkt.core import clock
from tdkt.dossiers.tests.factories import pdf
from tdkt.emulation.models import KeyTask, Movement
from tdkt.emulation.services import movements

pytestmark = pytest.mark.django_db


def provincial(world, **overrides):
    data = dict(launching_unit=world.province, title="Thi đua chuyển đổi số năm 2026", kind="thematic",
                theme="Đoàn kết, sáng tạo, chuyển đổi số", motto="Kỷ cương, đổi mới, hiệu quả",
                contents=["Hoàn thành cổng dịch vụ công", "100% hồ sơ điện tử"], period_kind="calendar_year",
                start_year=clock.today().year, end_year=clock.today().year, covered_units=[world.unit_a],
                targets="100% thủ tục trực tuyến toàn trình")
    data.update(overrides)
    return movements.create_movement(world.officer, **data)


def test_launch_cascades_to_covered_units_and_their_subtree(world):
    movement = provincial(world)
    assert list(movements.movements_for(world.clerk_a)) == []     # a draft reaches nobody
    movements.launch_movement(world.officer, movement)
    assert list(movements.movements_for(world.clerk_a)) == [movement]
    assert set(movement.reach.values_list("unit_id", flat=True)) == {world.unit_a.pk, world.unit_a_child.pk}
    assert list(movements.movements_for(world.clerk_b)) == []
    assert Movement.objects.visible_to(world.clerk_b).count() == 0
    assert list(movements.movements_for(world.officer)) == [movement]


def test_bad_movement_input_is_named_and_nothing_saved(world):
    with pytest.raises(ValidationError) as exc:
        provincial(world, title="", contents=["", "x"], period_kind="school_year", start_year=2026, end_year=2026,
                   covered_units=[])
    messages = exc.value.message_dict
    assert {"title", "contents", "end_year", "covered_units"} <= set(messages)
    assert messages["end_year"] == ["Năm học kết thúc vào năm sau năm bắt đầu."]
    assert not Movement.objects.exists()


def test_a_department_launches_only_inside_its_own_subtree(world):
    with pytest.raises(ValidationError) as exc:
        movements.create_movement(world.clerk_a, launching_unit=world.unit_a, title="Phong trào của Sở",
                                  kind="regular", contents=["Nội dung"], period_kind="calendar_year",
                                  start_year=2026, end_year=2026, covered_units=[world.unit_b])
    assert "Không thuộc phạm vi của Sở Tài chính: Sở Y tế." in exc.value.message_dict["covered_units"]
    with pytest.raises(Http404):
        movements.create_movement(world.clerk_a, launching_unit=world.unit_b, title="X", kind="regular",
                                  contents=["N"], period_kind="calendar_year", start_year=2026, end_year=2026,
                                  covered_units=[world.unit_b])


def test_reviews_then_a_thematic_dossier(world):
    movement = provincial(world)
    with pytest.raises(ValidationError):
        movements.record_review(world.officer, movement, kind="interim", held_on=clock.today(), results="Tốt")
    movements.launch_movement(world.officer, movement)
    movements.add_movement_document(world.officer, movement, upload=pdf("ke-hoach.pdf"), title="Kế hoạch số 12/KH-UBND")
    movements.record_review(world.officer, movement, kind="interim", held_on=clock.today(),
                            results="85% thủ tục trực tuyến")
    final = movements.record_review(world.officer, movement, kind="final", held_on=clock.today() + dt.timedelta(days=1),
                                    results="100% thủ tục trực tuyến toàn trình")
    movement.refresh_from_db()
    assert movement.status == "closed"
    dossier = movements.start_thematic_dossier(world.officer, final, proposing_unit=world.province)
    assert dossier.kind == "thematic" and dossier.status == "draft" and dossier.movement == movement.title
    with pytest.raises(ValidationError):
        movements.start_thematic_dossier(world.officer, final, proposing_unit=world.province)


def test_key_tasks_need_exactly_one_flagship(world):
    tasks = [{"title": f"Nhiệm vụ trọng tâm {i}"} for i in range(1, 11)]
    with pytest.raises(ValidationError) as exc:
        movements.save_key_tasks(world.clerk_a, world.unit_a, 2026, tasks)
    assert exc.value.message_dict["tasks"] == ["Phải chọn đúng một nhiệm vụ đột phá (đang chọn 0)."]
    tasks[3]["is_flagship"] = True
    saved = movements.save_key_tasks(world.clerk_a, world.unit_a, 2026, tasks)
    assert len(saved) == 10 and KeyTask.objects.get(is_flagship=True).title == "Nhiệm vụ trọng tâm 4"
    task = KeyTask.objects.get(order=1)
    movements.set_key_task_status(world.clerk_a, task, status="done", note="Đã hoàn thành quý III")
    assert KeyTask.objects.get(order=1).status == "done"
    with pytest.raises(Http404):
        movements.set_key_task_status(world.clerk_b, task, status="done")
    assert KeyTask.objects.visible_to(world.clerk_b).count() == 0


def test_home_fragment_lists_the_movements_reaching_the_user(world):
    from django.template.loader import render_to_string

    from tdkt.emulation.views.movements import home_context

    movement = provincial(world)
    movements.launch_movement(world.officer, movement)
    html = render_to_string("emulation/_home_movements.html", home_context(world.clerk_a))
    assert movement.title in html and "Phương châm: Kỷ cương, đổi mới, hiệu quả" in html
    assert render_to_string("emulation/_home_movements.html", home_context(world.clerk_b)).strip() == ""


def test_launch_date_is_not_in_the_future_nor_after_the_movement(world):
    movement = provincial(world, start_year=2020, end_year=2021, period_kind="multi_year")
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        movements.launch_movement(world.officer, movement, launched_on=clock.today() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="trước khi phong trào kết thúc"):
        movements.launch_movement(world.officer, movement, launched_on=dt.date(2022, 1, 5))
    movement.refresh_from_db()
    assert movement.status == "draft" and not movement.reach.exists()
