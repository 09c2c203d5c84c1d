"""Issue 12, point 8 on the inspection team's page: the members are an editable table (name,
position, workplace, the role chosen from a list, the account), not "…|…|trưởng đoàn" lines; every
row's messages at once, nothing typed lost; the API's JSON body is unchanged."""
import pytest

from tdkt.emulation.models import InspectionTeam
from tdkt.testing import login

from .factories import make_block, template_spec

pytestmark = pytest.mark.django_db


def team_post(rows, **fields) -> dict:
    """The team page's POST: the team's fields and one row per (name, position, workplace, role, account)."""
    data = {"name": "Đoàn kiểm tra, chấm điểm thi đua", "tv-TOTAL_FORMS": len(rows), "tv-INITIAL_FORMS": 0,
            "tv-MIN_NUM_FORMS": 0, "tv-MAX_NUM_FORMS": 100, **fields}
    for i, (full_name, position, workplace, role, username) in enumerate(rows):
        data.update({f"tv-{i}-full_name": full_name, f"tv-{i}-position": position, f"tv-{i}-workplace": workplace,
                     f"tv-{i}-role": role, f"tv-{i}-username": username})
    return data


def test_point8_inspection_team_members_are_table_rows_with_every_message_at_once(world):
    bw = make_block(world, 3, open_scoring=False, spec=template_spec(block_scorer="inspection"))
    client = login(world.officer)
    url = f"/thi-dua/khoi/{bw.block.pk}/doan-kiem-tra/"
    page = client.get(url).content.decode()
    assert 'data-formset-add="tv"' in page and "Nhiệm vụ trong đoàn" in page and "Trưởng đoàn" in page
    assert "Họ và tên | Chức vụ" not in page and 'name="members"' not in page
    bad = client.post(url, team_post([
        ("Nguyễn Văn Hùng", "Phó Trưởng ban", "Ban TĐKT", "leader", "khong.co"),
        ("", "Chuyên viên", "Sở Y tế", "member", ""),
        ("Lê Thị Mai", "", "", "member", world.clerk_b.username),
        ("Phạm Văn Nam", "", "", "secretary", world.clerk_b.username)]))
    body = bad.content.decode()
    assert bad.status_code == 200 and not InspectionTeam.objects.exists()
    assert "Chưa lưu: 3 dòng thành viên có lỗi" in body
    assert "Dòng 1: Không có tài khoản “khong.co” đang hoạt động." in body
    assert "Dòng 2: Họ và tên: không được để trống." in body
    assert f"Dòng 4: Tài khoản “{world.clerk_b.username}” đã ghi ở dòng 3." in body
    for typed in ('value="Phó Trưởng ban"', 'value="Sở Y tế"', 'value="Phạm Văn Nam"', 'value="khong.co"'):
        assert typed in body
    assert '<option value="secretary" selected>' in body
    ok = client.post(url, team_post([
        ("Nguyễn Văn Hùng", "Phó Trưởng ban", "Ban TĐKT", "leader", ""), ("", "", "", "member", ""),
        ("Lê Thị Mai", "Chuyên viên", "Sở Y tế", "member", world.clerk_b.username)]))
    assert ok.status_code == 302
    team = InspectionTeam.objects.get()
    assert [(m.order, m.full_name, m.role, m.user) for m in team.members.all()] == [
        (1, "Nguyễn Văn Hùng", "leader", None), (2, "Lê Thị Mai", "member", world.clerk_b)]
    again = client.get(url).content.decode()
    assert 'name="tv-1-full_name" value="Lê Thị Mai"' in again and 'name="tv-1-username" value="vanthu.syt"' in again


def test_point8_a_team_without_its_head_says_so_above_the_table(world):
    bw = make_block(world, 3, open_scoring=False, spec=template_spec(block_scorer="inspection"))
    response = login(world.officer).post(f"/thi-dua/khoi/{bw.block.pk}/doan-kiem-tra/",
                                         team_post([("Nguyễn Văn Hùng", "", "", "member", "")]))
    assert "Đoàn kiểm tra phải có đúng một trưởng đoàn" in response.content.decode()


def test_point8_the_rows_messages_are_also_listed_above_the_table(world):
    """On a phone the table scrolls sideways: the banner lists every row's message too."""
    bw = make_block(world, 3, open_scoring=False, spec=template_spec(block_scorer="inspection"))
    body = login(world.officer).post(f"/thi-dua/khoi/{bw.block.pk}/doan-kiem-tra/", team_post([
        ("Nguyễn Văn Hùng", "", "", "leader", "khong.co")])).content.decode()
    banner = body[body.index('id="row-error-list"'):]
    assert "<li>Dòng 1: Không có tài khoản “khong.co” đang hoạt động.</li>" in banner[:banner.index("</ul>")]
