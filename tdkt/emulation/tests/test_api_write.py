"""The emulation API's writes, through HTTP with a bearer token: blocks (create, change, members, copy,
scoring table, open and close scoring, the office's adjustment), covenants (draw up, sign, results),
registrations, movements and key tasks. Each write is stored with its AuditEvent; bad input answers
422 naming the field in Vietnamese and saves nothing; outside the scope is 404; a missing role 403."""
import datetime as dt
import json

import pytest

from tdkt.core import clock
from tdkt.core.choices import Role
from tdkt.core.models import AuditEvent
from tdkt.emulation import services
from tdkt.emulation.models import (
    Block,
    BlockMember,
    Covenant,
    CovenantResult,
    KeyTask,
    Movement,
    MovementReach,
    MovementReview,
    Registration,
    RegistrationItem,
    Result,
    Score,
    ScoringTemplate,
)
from tdkt.emulation.services import covenants, movements, registrations, scoring
from tdkt.testing import fields_of, make_user, patch, post, token_client

from .factories import criteria, make_block, member_units, template_spec
from .test_covenants import TEN, sign_all

pytestmark = pytest.mark.django_db

NOT_IN_SCOPE = "Không tìm thấy đơn vị có mã số {} trong phạm vi của bạn."
# An id no table holds.
NOWHERE = 987654


def put(client, path, payload):
    return client.put(path, json.dumps(payload), content_type="application/json")


def errors_of(response) -> dict:
    """{field: [messages]} of an API error answer (fields_of keeps one message a field)."""
    out = {}
    for item in response.json()["detail"]:
        out.setdefault(item["field"], []).append(item["message"])
    return out


def events(obj, action=None):
    """The audit rows of one record, oldest first."""
    rows = AuditEvent.objects.filter(model=obj._meta.label_lower, object_id=str(obj.pk)).order_by("id")
    return list(rows.filter(action=action) if action else rows)


# --- Blocks -------------------------------------------------------------------------------------

def block_payload(members, **overrides):
    """A block of these units in rotation order: the second is head, the third deputy, the last women-led."""
    data = {"name": "Khối các sở kinh tế", "year": 2026, "units": [u.pk for u in members], "head": members[1].pk,
            "deputy": members[2].pk, "women_led": [members[-1].pk], "supervising_leader": "Phó Chủ tịch UBND tỉnh",
            "vote_threshold": "0,6", "merit_quota": 2}
    data.update(overrides)
    return data


class TestBlocks:
    def test_the_office_creates_a_block_with_members_in_rotation_order(self, world):
        units, _ = member_units(world, 4)
        response = post(token_client(world.officer), "/api/emulation/blocks", block_payload(units))
        assert response.status_code == 201, response.json()
        block = Block.objects.get()
        assert response.json()["id"] == block.pk and str(block.vote_threshold) == "0.600" and block.merit_quota == 2
        members = [(m.unit_id, m.role, m.rotation_order, m.women_led) for m in block.members.order_by("rotation_order")]
        assert members == [(units[0].pk, "member", 1, False), (units[1].pk, "head", 2, False),
                           (units[2].pk, "deputy", 3, False), (units[3].pk, "member", 4, True)]
        [event] = events(block)
        assert event.action == "create" and event.actor == world.officer and event.note == "4 đơn vị thành viên"

    def test_bad_ids_are_named_by_their_place_and_nothing_is_saved(self, world):
        units, _ = member_units(world, 4)
        client = token_client(world.officer)
        ids = [units[0].pk, units[1].pk, NOWHERE, units[0].pk]
        response = post(client, "/api/emulation/blocks", block_payload(units, units=ids, women_led=[units[3].pk]))
        assert response.status_code == 422
        errors = fields_of(response)
        assert errors["units[2]"] == NOT_IN_SCOPE.format(NOWHERE)
        assert errors["units[3]"] == f"Đơn vị mã số {units[0].pk} đã có ở units[0]."
        assert errors["women_led[0]"] == f"Đơn vị mã số {units[3].pk} không có trong danh sách thành viên (units)."
        # The service's own checks: named fields too.
        response = post(client, "/api/emulation/blocks", block_payload(units, name=" ", units=[units[0].pk],
                                                                      head=units[0].pk, deputy=units[0].pk,
                                                                      women_led=[], vote_threshold="0,3"))
        errors = fields_of(response)
        assert response.status_code == 422 and errors["name"] == "Tên khối, cụm thi đua không được để trống."
        assert errors["units"] == "Khối, cụm thi đua phải có ít nhất 2 đơn vị thành viên."
        assert errors["deputy"] == "Trưởng khối và phó khối phải là hai đơn vị khác nhau."
        assert errors["vote_threshold"] == "Tỷ lệ phiếu cần đạt phải từ 0,5 đến 1."
        # The input types: a year is a number, a field the API does not know is refused.
        response = post(client, "/api/emulation/blocks", block_payload(units, year="2026", nam=2026))
        assert fields_of(response) == {"year": "Phải là số nguyên.",
                                       "nam": "Trường này không có trong API (hoặc không được sửa ở đây)."}
        assert not Block.objects.exists() and not BlockMember.objects.exists()
        assert not AuditEvent.objects.filter(model="emulation.block").exists()

    def test_a_clerk_gets_403_to_create_and_to_change_a_member_block_and_404_outside_it(self, world):
        bw = make_block(world, 3, open_scoring=False)
        units, _ = member_units(world, 3, prefix="M")
        clerk = bw.clerks[2]
        response = post(token_client(clerk), "/api/emulation/blocks", block_payload(units, units=[NOWHERE, NOWHERE]))
        assert response.status_code == 403 and "Ban Thi đua – Khen thưởng" in response.json()["detail"]
        url = f"/api/emulation/blocks/{bw.block.pk}"
        assert patch(token_client(clerk), url, {"name": "Khối mới"}).status_code == 403
        assert patch(token_client(world.clerk_b), url, {"name": "Khối mới"}).status_code == 404
        assert put(token_client(clerk), f"{url}/members", {"units": [u.pk for u in units]}).status_code == 403
        assert put(token_client(world.clerk_b), f"{url}/members", {"units": [u.pk for u in units]}).status_code == 404
        for action in ("copy", "close-scoring"):
            assert post(token_client(clerk), f"{url}/{action}", {}).status_code == 403
            assert post(token_client(world.clerk_b), f"{url}/{action}", {}).status_code == 404
        assert put(token_client(clerk), f"{url}/template", template_spec()).status_code == 403
        bw.block.refresh_from_db()
        assert bw.block.name == "Khối các sở quản lý nhà nước" and Block.objects.count() == 1
        assert list(bw.block.members.values_list("unit_id", flat=True)) == [u.pk for u in bw.units]

    def test_patch_changes_only_the_fields_sent(self, world):
        bw = make_block(world, 3, open_scoring=False)
        other = services.create_block(world.officer, name="Khối các sở văn hóa, xã hội", year=bw.block.year,
                                      units=member_units(world, 2, prefix="V")[0])
        client, url = token_client(world.officer), f"/api/emulation/blocks/{bw.block.pk}"
        response = patch(client, url, {"decision_ref": "QĐ 348/QĐ-UBND", "vote_threshold": "0,75"})
        assert response.status_code == 200 and response.json()["decision_ref"] == "QĐ 348/QĐ-UBND"
        bw.block.refresh_from_db()
        assert bw.block.decision_ref == "QĐ 348/QĐ-UBND" and str(bw.block.vote_threshold) == "0.750"
        assert bw.block.supervising_leader == "Phó Chủ tịch UBND tỉnh Nguyễn Văn An"   # not sent, kept
        event = events(bw.block, "update")[-1]
        assert event.after["decision_ref"] == "QĐ 348/QĐ-UBND" and event.before["decision_ref"] == ""
        before = AuditEvent.objects.count()
        bad = patch(client, url, {"name": other.name, "vote_max_rounds": 9, "decision_ref": "QĐ khác"})
        assert bad.status_code == 422
        assert fields_of(bad) == {"name": f"Đã có “{other.name}” năm {bw.block.year}.",
                                  "vote_max_rounds": "Số vòng bỏ phiếu tối đa phải từ 1 đến 5."}
        assert fields_of(patch(client, url, {"name": "x" * 256})) == {"name": "Dài quá 255 ký tự."}
        bw.block.refresh_from_db()
        assert bw.block.decision_ref == "QĐ 348/QĐ-UBND" and AuditEvent.objects.count() == before

    def test_members_are_replaced_while_the_block_is_set_up(self, world):
        bw = make_block(world, 3, open_scoring=False)
        extra, _ = member_units(world, 2, prefix="N")
        other = services.create_block(world.officer, name="Khối khác", year=bw.block.year, units=extra)
        client, url = token_client(world.officer), f"/api/emulation/blocks/{bw.block.pk}/members"
        order = [bw.units[2], bw.units[0], bw.units[1]]
        response = put(client, url, {"units": [u.pk for u in order], "head": bw.units[2].pk,
                                     "deputy": bw.units[0].pk, "women_led": [bw.units[1].pk]})
        assert response.status_code == 200
        assert [(m["unit"], m["role"], m["women_led"]) for m in response.json()["members"]] == [
            (bw.units[2].pk, "head", False), (bw.units[0].pk, "deputy", False), (bw.units[1].pk, "member", True)]
        assert events(bw.block, "block.members")[-1].note == "Cập nhật đơn vị thành viên"
        bad = put(client, url, {"units": [bw.units[0].pk, extra[0].pk], "head": bw.units[2].pk})
        errors = fields_of(bad)
        assert bad.status_code == 422
        assert errors["units"] == (f"{extra[0].name} đã là thành viên {other.name} năm {bw.block.year}: mỗi đơn vị "
                                   "chỉ thuộc một khối, cụm trong một năm.")
        assert errors["head"] == f"Trưởng khối {bw.units[2].name} không thuộc danh sách thành viên."
        assert list(bw.block.members.values_list("unit_id", flat=True)) == [u.pk for u in order]
        scoring.open_scoring(world.officer, bw.block, self_score_deadline=clock.today())
        late = put(client, url, {"units": [u.pk for u in bw.units]})
        assert late.status_code == 422 and "Không thể đổi thành viên" in fields_of(late)["status"]

    def test_copy_into_the_next_year_follows_the_rotation(self, world):
        bw = make_block(world, 3, open_scoring=False)
        client, url = token_client(world.officer), f"/api/emulation/blocks/{bw.block.pk}/copy"
        bad = post(client, url, {"head": NOWHERE})
        assert bad.status_code == 422 and fields_of(bad) == {"head": NOT_IN_SCOPE.format(NOWHERE)}
        assert Block.objects.count() == 1
        response = post(client, url, "")           # no body: the rotation's proposal
        assert response.status_code == 201
        copy = Block.objects.get(pk=response.json()["id"])
        assert copy.year == bw.block.year + 1 and copy.previous == bw.block
        roles = dict(copy.members.values_list("role", "unit_id"))
        assert roles["head"] == bw.units[1].pk and roles["deputy"] == bw.units[2].pk
        assert copy.template.criteria.count() == 5
        assert events(copy, "create")[0].note.startswith(f"Sao chép từ {bw.block}")
        again = post(client, url, {})
        assert again.status_code == 422
        assert fields_of(again) == {"year": f"Đã có “{bw.block.name}” năm {copy.year}."}
        assert Block.objects.count() == 2

    def test_the_scoring_table_is_replaced_whole_or_not_at_all(self, world):
        units, _ = member_units(world, 3)
        block = services.create_block(world.officer, name="Khối mới lập", year=2026, units=units, head=units[0],
                                      deputy=units[1])
        client, url = token_client(world.officer), f"/api/emulation/blocks/{block.pk}/template"
        response = put(client, url, template_spec())
        assert response.status_code == 200, response.json()
        assert [c["code"] for c in response.json()["criteria"]] == ["1.1", "1.2", "2.1", "3.1", "3.2"]
        template = ScoringTemplate.objects.get(block=block)
        assert template.bands.count() == 3 and template.disqualifiers.count() == 1 and template.bonus_cap == 10
        assert events(template, "create")[0].note == "5 tiêu chí"
        spec = template_spec()
        spec["groups"][0]["criteria"][0]["max_points"] = "45"
        spec["groups"][1]["criteria"][0]["max_points"] = "bốn mươi"
        bad = put(client, url, spec)
        errors = errors_of(bad)
        assert bad.status_code == 422
        assert "Nhóm I: tổng điểm các tiêu chí (65) khác điểm tối đa của nhóm (60)." in errors["groups"]
        assert errors["criteria"] == ["Tiêu chí 2.1: điểm tối đa: “bốn mươi” không phải là số."]
        spec = template_spec()
        spec["groups"][0]["criteria"][1]["kind"] = "extra"
        spec["groups"][0]["criteria"][0]["max_points"] = 10**7
        errors = fields_of(put(client, url, spec))
        assert errors["groups[0].criteria[1].kind"].startswith("Giá trị không hợp lệ, phải là một trong: regular")
        assert errors["groups[0].criteria[0].max_points"] == "Phải nhỏ hơn 1.000.000 về độ lớn."
        assert criteria(block)["1.1"].max_points == 40 and ScoringTemplate.objects.count() == 1

    def test_open_then_close_scoring(self, world):
        bw = make_block(world, 3, open_scoring=False)
        client, url = token_client(world.officer), f"/api/emulation/blocks/{bw.block.pk}"
        today = clock.today()
        bad = post(client, f"{url}/open-scoring", {"self_score_deadline": str(today - dt.timedelta(days=1))})
        assert bad.status_code == 422
        assert fields_of(bad) == {"self_score_deadline": "Hạn tự chấm điểm phải từ hôm nay trở đi."}
        assert fields_of(post(client, f"{url}/open-scoring", {"self_score_deadline": "31/12/2026"})) == {
            "self_score_deadline": "Ngày không hợp lệ (YYYY-MM-DD)."}
        assert post(token_client(bw.clerks[0]), f"{url}/open-scoring",
                    {"self_score_deadline": str(today)}).status_code == 403
        bw.block.refresh_from_db()
        assert bw.block.status == "setup" and bw.block.self_score_deadline is None
        response = post(client, f"{url}/open-scoring", {"self_score_deadline": str(today + dt.timedelta(days=5)),
                                                         "block_score_deadline": str(today + dt.timedelta(days=9))})
        assert response.status_code == 200 and response.json()["status"] == "scoring"
        bw.block.refresh_from_db()
        assert bw.block.block_score_deadline == today + dt.timedelta(days=9)
        assert events(bw.block, "scoring.open")[-1].note == "Mở chấm điểm"
        assert post(token_client(bw.clerks[0]), f"{url}/close-scoring", "").status_code == 403
        refused = post(client, f"{url}/close-scoring", "")
        assert refused.status_code == 422 and "thiếu điểm của khối" in fields_of(refused)["override_reason"]
        response = post(client, f"{url}/close-scoring", {"override_reason": "Khối chấm trên giấy, nhập sau"})
        assert response.status_code == 200 and response.json()["status"] == "closed"
        assert Result.objects.filter(block=bw.block).count() == 3
        assert "Khối chấm trên giấy, nhập sau" in events(bw.block, "scoring.close_missing")[-1].note
        again = post(client, f"{url}/close-scoring", "")
        assert again.status_code == 422 and "Không thể khóa điểm" in fields_of(again)["status"]
        assert fields_of(post(client, f"{url}/reopen-scoring", {"reason": ""})) == {
            "reason": "Lý do mở lại chấm điểm: không được để trống."}
        reopened = post(client, f"{url}/reopen-scoring", {"reason": "Nhập bổ sung điểm của khối"})
        assert reopened.status_code == 200 and reopened.json()["status"] == "scoring"
        assert not Result.objects.filter(block=bw.block).exists()

    def test_the_office_adjusts_a_score_with_a_reason(self, world):
        bw = make_block(world, 3)
        c = criteria(bw.block)
        client, url = token_client(world.officer), f"/api/emulation/blocks/{bw.block.pk}/adjust"
        payload = {"unit": bw.units[2].pk, "criterion": c["1.1"].pk, "points": "35,5",
                   "reason": "Kiểm tra chéo: thiếu báo cáo quý IV"}
        assert post(token_client(bw.clerks[0]), url, payload).status_code == 403
        bad = post(client, url, payload | {"points": 41})
        assert bad.status_code == 422
        assert fields_of(bad) == {"points": "Tiêu chí 1.1 “Hoàn thành chỉ tiêu kế hoạch năm”: 41 điểm vượt điểm tối "
                                            "đa 40 điểm."}
        assert fields_of(post(client, url, payload | {"reason": " "})) == {
            "reason": "Tiêu chí 1.1: phải ghi lý do điều chỉnh điểm."}
        assert fields_of(post(client, url, payload | {"unit": world.unit_a.pk, "criterion": NOWHERE})) == {
            "unit": f"Đơn vị mã số {world.unit_a.pk} không thuộc khối.",
            "criterion": f"Tiêu chí mã số {NOWHERE} không thuộc bảng điểm của khối."}
        assert not Score.objects.exists()
        response = post(client, url, payload)
        assert response.status_code == 200 and response.json()["points"] == "35.5"
        score = Score.objects.get()
        assert (score.stage, score.unit, score.scorer_unit, score.comment) == (
            "office", bw.units[2], None, "Kiểm tra chéo: thiếu báo cáo quý IV")
        assert events(bw.block, "scoring.score")[-1].note == f"Ban TĐKT điều chỉnh điểm: {bw.units[2].name}"


# --- Covenants ----------------------------------------------------------------------------------

def covenant_payload(block=None, **overrides):
    data = {"kind": "block", "year": 2026, "title": "Giao ước thi đua năm 2026", "theme": "Đoàn kết, sáng tạo",
            "block": block.pk if block else None, "indicators": TEN[:2]}
    data.update(overrides)
    return data


class TestCovenants:
    def test_the_list_and_one_covenant_in_scope(self, world):
        bw = make_block(world, 3, open_scoring=False)
        covenant = covenants.create_covenant(world.officer, kind="block", year=2026, block=bw.block, title="Giao ước",
                                             indicators=TEN[:1])
        mine = token_client(bw.clerks[2]).get("/api/emulation/covenants?year=2026").json()
        assert [c["id"] for c in mine] == [covenant.pk] and len(mine[0]["parties"]) == 3
        assert token_client(world.clerk_b).get("/api/emulation/covenants").json() == []
        assert token_client(world.clerk_b).get(f"/api/emulation/covenants/{covenant.pk}").status_code == 404

    def test_the_head_draws_up_the_block_covenant(self, world):
        bw = make_block(world, 3, open_scoring=False)
        response = post(token_client(bw.clerks[0]), "/api/emulation/covenants", covenant_payload(bw.block))
        assert response.status_code == 201, response.json()
        covenant = Covenant.objects.get()
        assert sorted(covenant.parties.values_list("unit_id", flat=True)) == sorted(u.pk for u in bw.units)
        assert [(i.name, str(i.target)) for i in covenant.indicators.all()] == [("Chỉ tiêu số 1", "91.00"),
                                                                                ("Chỉ tiêu số 2", "92.00")]
        assert events(covenant, "create")[0].note == "3 bên, 2 chỉ tiêu"
        assert [p["unit"] for p in response.json()["parties"]] == list(covenant.parties.values_list("unit_id",
                                                                                                    flat=True))

    def test_bad_covenant_input_is_named_and_nothing_saved(self, world):
        bw = make_block(world, 3, open_scoring=False)
        client = token_client(world.officer)
        rows = [{"name": "Thu ngân sách", "unit_of_measure": "tỷ đồng", "target": "nhiều"}]
        bad = post(client, "/api/emulation/covenants", covenant_payload(bw.block, indicators=rows))
        assert bad.status_code == 422
        assert fields_of(bad) == {"indicators": "Chỉ tiêu 1: chỉ tiêu đăng ký: “nhiều” không phải là số."}
        bad = post(client, "/api/emulation/covenants", covenant_payload(
            bw.block, kind="province_commune", parties=[world.commune.pk, NOWHERE]))
        assert fields_of(bad) == {
            "block": "Giao ước giữa tỉnh và các xã không gắn với khối, cụm: bỏ trường này.",
            "parties[1]": NOT_IN_SCOPE.format(NOWHERE)}
        bad = post(client, "/api/emulation/covenants", covenant_payload(None, indicators=[]))
        assert fields_of(bad) == {"block": "Giao ước trong khối phải chọn khối, cụm thi đua."}
        # A clerk outside the block does not see it: named like an unknown block.
        bad = post(token_client(world.clerk_b), "/api/emulation/covenants", covenant_payload(bw.block))
        assert fields_of(bad) == {"block": f"Không tìm thấy khối, cụm thi đua có mã số {bw.block.pk} trong phạm vi "
                                           "của bạn."}
        assert not Covenant.objects.exists() and not AuditEvent.objects.filter(model="emulation.covenant").exists()

    def test_province_commune_covenant_is_the_offices(self, world):
        payload = covenant_payload(None, kind="province_commune", parties=[world.commune.pk])
        assert post(token_client(world.clerk_a), "/api/emulation/covenants", payload).status_code == 403
        assert post(token_client(world.viewer), "/api/emulation/covenants", payload).status_code == 403
        assert not Covenant.objects.exists()
        response = post(token_client(world.officer), "/api/emulation/covenants", payload)
        assert response.status_code == 201
        parties = {p["unit"]: p["commits"] for p in response.json()["parties"]}
        assert parties == {world.province.pk: False, world.commune.pk: True}

    def test_each_party_signs_for_itself(self, world):
        bw = make_block(world, 3, open_scoring=False)
        covenant = covenants.create_covenant(world.officer, kind="block", year=2026, block=bw.block, title="Giao ước",
                                             indicators=TEN[:1])
        url = f"/api/emulation/covenants/{covenant.pk}/sign"
        assert post(token_client(world.clerk_b), url, {"signatory": "Giám đốc"}).status_code == 404
        viewer = post(token_client(world.viewer), url, {"unit": bw.units[0].pk, "signatory": "Giám đốc"})
        assert viewer.status_code == 403
        bad = post(token_client(bw.clerks[1]), url, {"signatory": " "})
        assert bad.status_code == 422 and fields_of(bad) == {"signatory": "Ghi họ tên, chức vụ người ký."}
        bad = post(token_client(bw.clerks[1]), url, {"unit": bw.units[0].pk, "signatory": "Giám đốc"})
        assert fields_of(bad) == {"unit": f"Đơn vị mã số {bw.units[0].pk} không là bên của giao ước trong phạm vi "
                                          "của bạn."}
        assert fields_of(post(token_client(world.officer), url, {"signatory": "Giám đốc"})) == {
            "unit": "Chọn bên của giao ước (tài khoản toàn tỉnh không có đơn vị riêng)."}
        assert not covenant.parties.filter(signed_at__isnull=False).exists()
        response = post(token_client(bw.clerks[1]), url, {"signatory": "Giám đốc Trần Văn Nam"})
        assert response.status_code == 200 and response.json()["status"] == "signing"
        party = covenant.parties.get(unit=bw.units[1])
        assert party.signatory == "Giám đốc Trần Văn Nam" and party.signed_by == bw.clerks[1]
        assert events(party)[0].note == f"Ký giao ước: {bw.units[1].name}"
        for unit in (bw.units[0], bw.units[2]):     # the office signs on behalf of the others
            post(token_client(world.officer), url, {"unit": unit.pk, "signatory": "Giám đốc"})
        covenant.refresh_from_db()
        assert covenant.status == "signed" and covenant.signed_on == clock.today()

    def test_a_party_records_its_values_and_a_bad_one_saves_nothing(self, world):
        bw = make_block(world, 3, open_scoring=False)
        covenant = covenants.create_covenant(world.officer, kind="block", year=2026, block=bw.block, title="Giao ước",
                                             indicators=TEN[:2])
        first, second = covenant.indicators.all()
        url = f"/api/emulation/covenants/{covenant.pk}/results"
        client = token_client(bw.clerks[2])
        early = post(client, url, {"values": [{"indicator": first.pk, "actual": 95}]})
        assert early.status_code == 422 and "Không thể nhập kết quả thực hiện" in fields_of(early)["status"]
        sign_all(bw, covenant)
        bad = post(client, url, {"values": [{"indicator": first.pk, "actual": 95},
                                            {"indicator": second.pk, "actual": "chín mươi"}]})
        assert bad.status_code == 422
        assert fields_of(bad) == {f"value_{second.pk}": "Chỉ tiêu 2 “Chỉ tiêu số 2”: “chín mươi” không phải là số."}
        bad = post(client, url, {"values": [{"indicator": first.pk, "actual": 95},
                                            {"indicator": first.pk, "actual": 96}]})
        assert fields_of(bad) == {"values[1].indicator": f"Chỉ tiêu mã số {first.pk} đã nhập ở dòng trước."}
        assert fields_of(post(client, url, {"values": [{"indicator": NOWHERE, "actual": 1}]})) == {
            "values": f"Chỉ tiêu “{NOWHERE}” không thuộc giao ước."}
        assert post(token_client(world.clerk_b), url, {"values": []}).status_code == 404
        assert not CovenantResult.objects.exists()
        response = post(client, url, {"period": "mid_year", "values": [
            {"indicator": first.pk, "actual": "95,5", "note": "Báo cáo 6 tháng"}, {"indicator": second.pk,
                                                                                 "actual": 80}]})
        assert response.status_code == 200 and response.json()["saved"] == 2
        result = CovenantResult.objects.get(indicator=first)
        assert (str(result.actual), result.period, result.note, result.party.unit) == (
            "95.50", "mid_year", "Báo cáo 6 tháng", bw.units[2])
        assert events(result, "create")[0].note == f"{bw.units[2].name}: chỉ tiêu 1"


# --- Registrations ------------------------------------------------------------------------------

@pytest.fixture
def period(world):
    return registrations.set_period(world.officer, year=2026, deadline=clock.today() + dt.timedelta(days=5))


class TestRegistrations:
    def url(self, unit, year=2026):
        return f"/api/emulation/registrations/{unit.pk}/{year}"

    def test_a_unit_registers_by_award_code_then_submits(self, world, period):
        client = token_client(world.clerk_a)
        response = put(client, self.url(world.unit_a), {
            "commitments": "Hoàn thành xuất sắc nhiệm vụ", "unit_titles": ["ttldxs"],
            "individuals": [{"person": world.person_a.pk, "award": "CSTD_CS"},
                            {"person": world.person_a.pk, "award": "LDTT"}]})
        assert response.status_code == 200, response.json()
        registration = Registration.objects.get()
        items = {(i.person_id, i.award_type.code) for i in registration.items.select_related("award_type")}
        assert items == {(None, "TTLDXS"), (world.person_a.pk, "CSTD_CS"), (world.person_a.pk, "LDTT")}
        assert response.json()["unit_titles"] == ["TTLDXS"] and registration.status == "draft"
        assert events(registration, "create")[0].after["items"] == 3
        assert client.get(self.url(world.unit_a)).json()["commitments"] == "Hoàn thành xuất sắc nhiệm vụ"
        response = post(client, f"{self.url(world.unit_a)}/submit", "")
        assert response.status_code == 200 and response.json()["status"] == "submitted"
        assert events(registration)[-1].note == "Gửi đăng ký thi đua"

    def test_bad_rows_are_named_and_nothing_saved(self, world, period):
        client = token_client(world.clerk_a)
        bad = put(client, self.url(world.unit_a), {"unit_titles": ["TTLDXS", "XYZ"], "individuals": [
            {"person": world.person_b.pk, "award": "LDTT"}, {"person": world.person_a.pk, "award": "LDTT_X"}]})
        assert bad.status_code == 422
        assert fields_of(bad) == {
            "unit_titles[1]": "Không có danh hiệu, hình thức khen thưởng mã “XYZ” trong danh mục.",
            "individuals[0].person": f"Không tìm thấy cá nhân có mã số {world.person_b.pk} trong phạm vi của bạn.",
            "individuals[1].award": "Không có danh hiệu, hình thức khen thưởng mã “LDTT_X” trong danh mục."}
        bad = put(client, self.url(world.unit_a), {"unit_titles": ["LDTT"], "individuals": [
            {"person": world.person_a.pk, "award": "TTLDXS"}]})
        assert fields_of(bad) == {"unit_titles": "“Lao động tiên tiến” không dành cho tập thể.",
                                  "individuals": "Dòng 1: “Tập thể lao động xuất sắc” không dành cho cá nhân."}
        late = put(client, self.url(world.unit_a, 2027), {"unit_titles": ["TTLDXS"]})
        assert fields_of(late) == {"year": "Tỉnh chưa mở đăng ký thi đua năm 2027."}
        assert not Registration.objects.exists() and not RegistrationItem.objects.exists()

    def test_scope_and_role(self, world, period):
        payload = {"unit_titles": ["TTLDXS"]}
        assert put(token_client(world.clerk_b), self.url(world.unit_a), payload).status_code == 404
        assert put(token_client(world.viewer), self.url(world.unit_a), payload).status_code == 403
        assert post(token_client(world.clerk_a), f"{self.url(world.unit_a)}/submit", "").status_code == 404
        assert not Registration.objects.exists()
        put(token_client(world.clerk_a), self.url(world.unit_a), payload)
        assert token_client(world.clerk_b).get(self.url(world.unit_a)).status_code == 404
        assert post(token_client(world.clerk_b), f"{self.url(world.unit_a)}/submit", "").status_code == 404
        assert token_client(world.officer).get(self.url(world.unit_a)).json()["unit_titles"] == ["TTLDXS"]
        clock.travel(6)
        late = post(token_client(world.clerk_a), f"{self.url(world.unit_a)}/submit", "")
        assert late.status_code == 422 and "Đã quá hạn đăng ký thi đua năm 2026" in fields_of(late)["year"]
        assert Registration.objects.get().status == "draft"


# --- Movements and key tasks --------------------------------------------------------------------

def movement_payload(world, **overrides):
    year = clock.today().year
    data = {"title": "Thi đua chuyển đổi số", "kind": "thematic", "launching_unit": world.unit_a.pk,
            "contents": ["Hoàn thành cổng dịch vụ công", "100% hồ sơ điện tử"], "period_kind": "calendar_year",
            "start_year": year, "end_year": year, "covered_units": [world.unit_a_child.pk],
            "motto": "Kỷ cương, đổi mới, hiệu quả"}
    data.update(overrides)
    return data


class TestMovements:
    def test_a_unit_draws_up_launches_and_reviews_its_movement(self, world):
        client = token_client(world.clerk_a)
        response = post(client, "/api/emulation/movements", movement_payload(world))
        assert response.status_code == 201, response.json()
        movement = Movement.objects.get()
        assert movement.status == "draft" and list(movement.covered_units.all()) == [world.unit_a_child]
        assert events(movement, "create")[0].note == "1 đối tượng thi đua"
        assert token_client(world.clerk_b).get("/api/emulation/movements").json() == []
        url = f"/api/emulation/movements/{movement.pk}"
        response = post(client, f"{url}/launch", "")
        assert response.status_code == 200 and response.json()["status"] == "launched"
        assert set(MovementReach.objects.values_list("unit_id", flat=True)) == {world.unit_a_child.pk}
        assert events(movement, "movement.launch")[-1].note == "Phát động đến 1 đơn vị"
        review = post(client, f"{url}/reviews", {"kind": "final", "held_on": str(clock.today()),
                                                "results": "Hoàn thành 100% chỉ tiêu"})
        assert review.status_code == 201 and review.json()["kind"] == "final"
        movement.refresh_from_db()
        assert movement.status == "closed" and events(MovementReview.objects.get(), "create")
        assert [m["id"] for m in client.get("/api/emulation/movements?status=closed").json()] == [movement.pk]

    def test_bad_movement_input_is_named_and_nothing_saved(self, world):
        client = token_client(world.clerk_a)
        bad = post(client, "/api/emulation/movements", movement_payload(
            world, covered_units=[world.unit_a_child.pk, world.unit_b.pk], launching_unit=NOWHERE))
        assert bad.status_code == 422
        assert fields_of(bad) == {"launching_unit": NOT_IN_SCOPE.format(NOWHERE),
                                  "covered_units[1]": NOT_IN_SCOPE.format(world.unit_b.pk)}
        bad = post(client, "/api/emulation/movements", movement_payload(
            world, contents=["Nội dung", " "], end_year=clock.today().year + 1))
        assert fields_of(bad) == {
            "contents": "Phong trào phải có ít nhất một nội dung thi đua; không để dòng trống.",
            "end_year": "Phong trào theo năm dương lịch bắt đầu và kết thúc trong cùng một năm."}
        assert fields_of(post(client, "/api/emulation/movements", movement_payload(world, kind="dot-xuat")))[
            "kind"] == "Giá trị không hợp lệ, phải là một trong: regular, thematic."
        assert not Movement.objects.exists()

    def test_only_the_launching_side_launches_and_reviews(self, world):
        movement = movements.create_movement(world.officer, launching_unit=world.province, title="Thi đua yêu nước",
                                             kind="regular", contents=["Nội dung"], period_kind="calendar_year",
                                             start_year=clock.today().year, end_year=clock.today().year,
                                             covered_units=[world.unit_a])
        url = f"/api/emulation/movements/{movement.pk}"
        assert post(token_client(world.clerk_a), f"{url}/launch", "").status_code == 404   # a draft reaches no one
        launched = post(token_client(world.officer), f"{url}/launch", {"launched_on": str(clock.today())})
        assert launched.status_code == 200
        clerk = token_client(world.clerk_a)
        assert clerk.get(url).json()["status"] == "launched"       # it now reaches unit A
        review = {"kind": "interim", "held_on": str(clock.today()), "results": "Sơ kết"}
        assert post(clerk, f"{url}/reviews", review).status_code == 404
        assert post(token_client(world.clerk_b), f"{url}/reviews", review).status_code == 404
        early = post(token_client(world.officer), f"{url}/reviews",
                     review | {"held_on": str(clock.today() - dt.timedelta(days=1)), "results": " "})
        assert fields_of(early) == {
            "held_on": f"Ngày sơ kết, tổng kết phải sau ngày phát động {clock.today():%d/%m/%Y}.",
            "results": "Ghi kết quả sơ kết, tổng kết."}
        assert not MovementReview.objects.exists()
        assert post(token_client(world.officer), f"{url}/reviews", review).status_code == 201

    def test_key_tasks_with_exactly_one_flagship(self, world):
        url = f"/api/emulation/key-tasks/{world.unit_a.pk}/2026"
        client = token_client(world.clerk_a)
        tasks = [{"title": "Chuyển đổi số toàn bộ hồ sơ", "is_flagship": True},
                 {"title": "Giải ngân vốn đầu tư công", "status": "in_progress", "note": "Đạt 60%"}]
        response = put(client, url, {"tasks": tasks})
        assert response.status_code == 200 and [t["title"] for t in response.json()] == [t["title"] for t in tasks]
        assert list(KeyTask.objects.values_list("title", "is_flagship", "status")) == [
            ("Chuyển đổi số toàn bộ hồ sơ", True, "planned"), ("Giải ngân vốn đầu tư công", False, "in_progress")]
        assert events(world.unit_a, "unit.key_tasks")[-1].note == "Nhiệm vụ trọng tâm năm 2026"
        bad = put(client, url, {"tasks": [t | {"is_flagship": True} for t in tasks] + [{"title": " "}]})
        assert bad.status_code == 422
        assert errors_of(bad) == {"tasks": ["Nhiệm vụ 3: chưa có nội dung.",
                                            "Phải chọn đúng một nhiệm vụ đột phá (đang chọn 2)."]}
        assert fields_of(put(client, url, {"tasks": [{"title": "X", "status": "xong"}]}))["tasks[0].status"].startswith(
            "Giá trị không hợp lệ")
        assert KeyTask.objects.count() == 2 and client.get(url).json()[1]["note"] == "Đạt 60%"
        assert put(token_client(world.clerk_b), url, {"tasks": tasks}).status_code == 404
        assert token_client(world.clerk_b).get(url).status_code == 404
        assert put(token_client(world.viewer), url, {"tasks": tasks}).status_code == 403
        child = make_user("vanthu.ns", Role.CLERK, world.unit_a_child)
        assert put(token_client(child), url, {"tasks": tasks}).status_code == 404


class TestRotationAndTeam:
    def test_rotation_and_women_led_flags(self, world):
        bw = make_block(world, 3, open_scoring=False)
        api = token_client(world.officer)
        url = f"/api/emulation/blocks/{bw.block.pk}/rotation"
        a, b, c = (u.pk for u in bw.units)
        bad = put(api, url, {"order": [c, a, NOWHERE], "women_led": [c, c]})
        assert bad.status_code == 422
        assert errors_of(bad) == {"order[2]": [f"Đơn vị mã số {NOWHERE} không thuộc khối."],
                                  "women_led[1]": [f"Đơn vị mã số {c} đã có ở women_led[0]."],
                                  "order": [f"Thiếu thành viên trong thứ tự luân phiên: mã số {b}."]}
        assert list(BlockMember.objects.filter(block=bw.block).values_list("unit_id", flat=True)) == [a, b, c]
        ok = put(api, url, {"order": [c, a, b], "women_led": [b]})
        assert ok.status_code == 200
        assert [(m["unit"], m["rotation_order"], m["women_led"]) for m in ok.json()["members"]] == [
            (c, 1, False), (a, 2, False), (b, 3, True)]
        assert events(bw.block, "block.rotation")[-1].note == "Thứ tự luân phiên, đơn vị do nữ làm thủ trưởng"
        assert put(token_client(bw.clerks[0]), url, {"order": [a, b, c]}).status_code == 403

    def test_inspection_team(self, world):
        bw = make_block(world, 3, open_scoring=False, spec=template_spec(block_scorer="inspection"))
        api = token_client(world.officer)
        url = f"/api/emulation/blocks/{bw.block.pk}/inspection-team"
        assert api.get(url).status_code == 404
        bad = put(api, url, {"name": "Đoàn kiểm tra số 1", "members": [
            {"full_name": "Nguyễn Văn Hùng", "role": "member"}, {"full_name": "Lê Thị Mai", "username": "khong.co"}]})
        assert bad.status_code == 422 and errors_of(bad)["members"] == [
            "Thành viên thứ 2 (Lê Thị Mai): không có tài khoản “khong.co” đang hoạt động.",
            "Đoàn kiểm tra phải có đúng một trưởng đoàn."]
        ok = put(api, url, {"name": "Đoàn kiểm tra số 1", "decision_ref": "QĐ 15/QĐ-HĐTĐKT", "members": [
            {"full_name": "Nguyễn Văn Hùng", "position": "Phó Trưởng ban", "role": "leader",
             "username": world.clerk_b.username}, {"full_name": "Lê Thị Mai", "role": "secretary"}]})
        assert ok.status_code == 200 and ok.json()["members"][0] == {
            "full_name": "Nguyễn Văn Hùng", "position": "Phó Trưởng ban", "workplace": "", "role": "leader",
            "username": world.clerk_b.username}
        # The team's member sees the block through the API; the ranking names the team as the scorer.
        assert token_client(world.clerk_b).get(f"/api/emulation/blocks/{bw.block.pk}").status_code == 200
        assert put(token_client(bw.clerks[0]), url, {"name": "X", "members": []}).status_code == 403
        scoring.open_scoring(world.officer, bw.block, self_score_deadline=clock.today() + dt.timedelta(days=3))
        c = criteria(bw.block)
        for unit in bw.units:
            scoring.block_score(world.clerk_b, bw.block, unit, {c["1.1"].pk: (30, "")})
        scoring.close_scoring(world.officer, bw.block, override_reason="Đoàn chấm tiêu chí 1.1")
        ranking = api.get(f"/api/emulation/blocks/{bw.block.pk}/ranking").json()
        final = next(f for f in ranking[0]["finals"] if f["criterion"] == "1.1")
        assert final["scorer_unit"] == "Đoàn kiểm tra số 1 (QĐ 15/QĐ-HĐTĐKT)" and final["stage"] == "inspection"
