"""The REST API for award records, decisions, ratings, initiatives and the catalogue: scope,
filters, writes through the services (audited), revocation, and bad input."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.awards import services
from tdkt.awards.models import AwardRecord, AwardType, Decision, Initiative, Rating, Revocation
from tdkt.core.models import AuditEvent
from tdkt.org.models import Household
from tdkt.testing import fields_of, is_vietnamese, patch, post, token_client

THIS_YEAR = datetime.date.today().year


def audited(model: str, pk, action: str) -> bool:
    return AuditEvent.objects.filter(model=model, object_id=str(pk), action=action).exists()


@pytest.fixture
def decision(world):
    return services.create_decision(world.officer, number="15/QĐ-STC", signed_on=datetime.date(2025, 1, 10),
                                    authority="unit_head", issuer_name="Sở Tài chính", issuer_unit=world.unit_a,
                                    summary="Tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2024")


# --- Catalogue -----------------------------------------------------------------------------------

def test_the_catalogue_lists_award_types_by_code(world):
    body = token_client(world.viewer).get("/api/award-types").json()
    by_code = {t["code"]: t for t in body["items"]}
    assert body["count"] == len(by_code) == AwardType.objects.count()
    assert by_code["CSTD_CS"]["name"] == "Chiến sĩ thi đua cơ sở"
    assert by_code["CSTD_CS"]["for_individual"] is True
    assert by_code["CSTD_CS"]["for_collective"] is False


# --- Award records: reading ----------------------------------------------------------------------

def test_award_filters_are_those_of_the_page(world):
    client = token_client(world.officer)
    everything = client.get("/api/awards").json()
    assert everything["count"] == 2
    assert {a["award_type"] for a in everything["items"]} == {"LDTT"}
    in_2023 = client.get("/api/awards", {"year": 2023}).json()
    assert [a["year"] for a in in_2023["items"]] == [2023]
    assert client.get("/api/awards", {"award": "LDTT"}).json()["count"] == 2
    assert client.get("/api/awards", {"award": "CSTD_CS"}).json()["count"] == 0
    assert client.get("/api/awards", {"year_from": 2024, "award": "LDTT"}).json()["count"] == 1
    assert client.get("/api/awards", {"q": "nguyen van duc"}).json()["count"] == 2
    assert client.get("/api/awards", {"unit": world.unit_b.pk}).json()["count"] == 0


@pytest.mark.parametrize("query, field", [
    ({"award": "KHONG_CO"}, "award"),
    ({"year": "hai nghìn"}, "year"),
    ({"year": "1e400"}, "year"),
    ({"status": "lost"}, "status"),
    ({"subject_kind": "robot"}, "subject_kind"),
])
def test_an_invalid_award_filter_answers_400_naming_the_parameter(world, query, field):
    response = token_client(world.officer).get("/api/awards", query)
    assert response.status_code == 400
    errors = fields_of(response)
    assert field in errors and is_vietnamese(errors[field])


def test_a_clerk_of_unit_b_does_not_see_unit_as_awards(world):
    client = token_client(world.clerk_b)
    assert client.get("/api/awards").json()["count"] == 0
    record = AwardRecord.objects.filter(person=world.person_a).first()
    assert client.get(f"/api/awards/{record.pk}").status_code == 404
    assert patch(client, f"/api/awards/{record.pk}", {"achievement": "x"}).status_code == 404
    revoke = post(client, f"/api/awards/{record.pk}/revoke",
                  {"act_number": "1/QĐ", "act_date": "2025-03-01", "reason": "Sai"})
    assert revoke.status_code == 404
    record.refresh_from_db()
    assert record.status == "valid"


def test_the_award_list_does_not_grow_queries_with_its_length(world, decision):
    client = token_client(world.officer)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/awards").status_code == 200
        return len(ctx)

    cstd = AwardType.objects.get(code="CSTD_CS")
    # One record with a decision first: the list prefetches decisions, a query only once there is one.
    services.create_award_record(world.officer, award_type=cstd, subject_kind="individual", person=world.person_a,
                                 year=2021, decision=decision)
    queries()
    before = queries()
    for year in (2022, 2024, 2025):
        services.create_award_record(world.officer, award_type=cstd, subject_kind="individual", person=world.person_a,
                                     year=year, decision=decision)
    assert queries() == before


# --- Award records: writing ----------------------------------------------------------------------

def test_creating_an_award_uses_the_code_and_is_audited(world, decision):
    client = token_client(world.clerk_a)
    response = post(client, "/api/awards", {
        "award_type": "CSTD_CS", "subject_kind": "individual", "person": world.person_a.pk, "year": 2024,
        "decision": decision.pk, "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2024"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["award_type"] == "CSTD_CS"
    assert body["recipient_name"] == "Nguyễn Văn Đức"
    assert body["decision_number"] == "15/QĐ-STC"
    assert body["decision_signed_on"] == "2025-01-10"
    assert body["unit"] == world.unit_a_child.pk
    assert audited("awards.awardrecord", body["id"], "create")


def test_a_collective_award_names_the_unit(world):
    response = post(token_client(world.clerk_b), "/api/awards", {
        "award_type": "TTLDXS", "subject_kind": "collective", "recipient_unit": world.unit_b_child.pk, "year": 2024})
    assert response.status_code == 201, response.content
    assert response.json()["recipient_name"] == "Bệnh viện Đa khoa tỉnh"


def test_a_household_award_is_scoped_to_its_commune(world):
    household = Household(head_name="Đinh Văn Tư", unit=world.commune)
    household.refresh_derived()
    household.save()
    payload = {"award_type": "GD_VAN_HOA", "subject_kind": "household", "household": household.pk, "year": 2024}
    refused = post(token_client(world.clerk_a), "/api/awards", payload)
    assert refused.status_code == 422
    assert "household" in fields_of(refused)
    accepted = post(token_client(world.officer), "/api/awards", payload)
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["recipient_name"] == "Hộ Đinh Văn Tư"


def test_changing_the_award_code_of_a_decided_award_is_refused(world):
    record = AwardRecord.objects.filter(person=world.person_a, year=2024).get()
    client = token_client(world.clerk_a)
    response = patch(client, f"/api/awards/{record.pk}", {"award_type": "CSTD_CS", "achievement": "Bổ sung"})
    assert response.status_code == 422
    errors = fields_of(response)
    assert set(errors) == {"award_type"}
    assert "thu hồi" in errors["award_type"]
    record.refresh_from_db()
    assert record.award_type.code == "LDTT"
    assert record.achievement == ""


def test_only_the_achievement_of_an_award_is_completed(world):
    record = AwardRecord.objects.filter(person=world.person_a, year=2024).get()
    client = token_client(world.clerk_a)
    response = patch(client, f"/api/awards/{record.pk}", {"achievement": "Dẫn đầu phong trào thi đua"})
    assert response.status_code == 200, response.content
    assert response.json()["achievement"] == "Dẫn đầu phong trào thi đua"
    assert audited("awards.awardrecord", record.pk, "update")
    assert fields_of(patch(client, f"/api/awards/{record.pk}", {})) == {"achievement": "Trường bắt buộc."}


def test_revoking_an_award_records_the_act(world):
    record = AwardRecord.objects.filter(person=world.person_a, year=2023).get()
    client = token_client(world.clerk_a)
    response = post(client, f"/api/awards/{record.pk}/revoke", {
        "act_number": "45/QĐ-STC", "act_date": "2025-06-02", "reason": "Phát hiện kê khai sai thành tích"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "revoked"
    assert body["revocation"] == {"act_number": "45/QĐ-STC", "act_date": "2025-06-02",
                                  "reason": "Phát hiện kê khai sai thành tích"}
    revocation = Revocation.objects.get(record=record)
    assert revocation.created_by == world.clerk_a
    assert audited("awards.awardrecord", record.pk, "revoke")
    again = post(client, f"/api/awards/{record.pk}/revoke",
                 {"act_number": "46/QĐ-STC", "act_date": "2025-06-03", "reason": "Lần nữa"})
    assert again.status_code == 422
    assert "act_number" in fields_of(again)
    locked = patch(client, f"/api/awards/{record.pk}", {"achievement": "Sửa"})
    assert fields_of(locked) == {"achievement": "Khen thưởng đã bị thu hồi, không sửa được."}
    assert client.get("/api/awards", {"status": "revoked"}).json()["count"] == 1


def test_a_revocation_needs_its_act_and_reason(world):
    record = AwardRecord.objects.filter(person=world.person_a, year=2023).get()
    response = post(token_client(world.clerk_a), f"/api/awards/{record.pk}/revoke",
                    {"act_number": " ", "act_date": "02/06/2025", "reason": ""})
    assert response.status_code == 422
    assert set(fields_of(response)) == {"act_date"}
    response = post(token_client(world.clerk_a), f"/api/awards/{record.pk}/revoke",
                    {"act_number": " ", "act_date": "2025-06-02", "reason": ""})
    assert set(fields_of(response)) == {"act_number", "reason"}


def test_a_viewer_cannot_write_awards_decisions_ratings_or_initiatives(world):
    client = token_client(world.viewer)
    record = AwardRecord.objects.filter(person=world.person_a).first()
    attempts = [
        post(client, "/api/awards", {"award_type": "CSTD_CS", "subject_kind": "individual",
                                     "person": world.person_a.pk, "year": 2024}),
        patch(client, f"/api/awards/{record.pk}", {"achievement": "x"}),
        post(client, f"/api/awards/{record.pk}/revoke", {"act_number": "1", "act_date": "2025-01-01", "reason": "x"}),
        post(client, "/api/decisions", {"number": "1/QĐ", "signed_on": "2025-01-01", "authority": "unit_head",
                                        "issuer_name": "Sở"}),
        post(client, "/api/ratings", {"person": world.person_a.pk, "year": 2025, "level": "good"}),
        post(client, "/api/initiatives", {"title": "Sáng kiến", "authors": [world.person_a.pk],
                                          "unit": world.unit_a.pk, "scope": "unit", "year": 2024}),
    ]
    for response in attempts:
        assert response.status_code == 403, response.content
        assert response.json()["detail"] == "Tài khoản của bạn không có quyền thay đổi dữ liệu."


# --- Decisions -----------------------------------------------------------------------------------

def test_creating_a_decision_is_audited_and_its_detail_lists_recipients(world):
    client = token_client(world.clerk_a)
    response = post(client, "/api/decisions", {
        "number": "20/QĐ-STC", "signed_on": "2025-02-14", "authority": "unit_head", "issuer_name": "Sở Tài chính",
        "issuer_unit": world.unit_a.pk, "signer_name": "Hoàng Văn Nam", "summary": "Tặng Giấy khen"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["year"] == 2025
    assert body["recipients"] == []
    assert audited("awards.decision", body["id"], "create")
    award = post(client, "/api/awards", {"award_type": "GK", "subject_kind": "individual",
                                         "person": world.person_a.pk, "year": 2024, "decision": body["id"]})
    assert award.status_code == 201, award.content
    detail = client.get(f"/api/decisions/{body['id']}").json()
    assert [(r["award_type"], r["recipient_name"]) for r in detail["recipients"]] == [("GK", "Nguyễn Văn Đức")]
    assert client.get("/api/decisions", {"q": "20/qd"}).json()["count"] == 1
    assert client.get("/api/decisions", {"year": 2024}).json()["count"] == 0


def test_a_decision_of_unit_a_is_404_for_unit_b(world, decision):
    client = token_client(world.clerk_b)
    assert client.get(f"/api/decisions/{decision.pk}").status_code == 404
    assert patch(client, f"/api/decisions/{decision.pk}", {"summary": "x"}).status_code == 404
    assert client.get("/api/decisions").json()["count"] == 0


def test_a_decision_carrying_awards_keeps_its_number(world, decision):
    client = token_client(world.clerk_a)
    ok = patch(client, f"/api/decisions/{decision.pk}", {"summary": "Tặng danh hiệu CSTĐCS"})
    assert ok.status_code == 200
    assert ok.json()["summary"] == "Tặng danh hiệu CSTĐCS"
    assert audited("awards.decision", decision.pk, "update")
    post(client, "/api/awards", {"award_type": "CSTD_CS", "subject_kind": "individual", "person": world.person_a.pk,
                                 "year": 2024, "decision": decision.pk})
    locked = patch(client, f"/api/decisions/{decision.pk}", {"number": "16/QĐ-STC"})
    assert locked.status_code == 422
    assert "number" in fields_of(locked)


# --- Ratings -------------------------------------------------------------------------------------

def test_setting_a_rating_creates_then_changes_it_and_is_audited(world):
    client = token_client(world.clerk_a)
    created = post(client, "/api/ratings", {"person": world.person_a.pk, "year": 2025, "level": "good"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["name"], body["level"], body["subject_kind"]) == ("Nguyễn Văn Đức", "good", "individual")
    assert audited("awards.rating", body["id"], "create")
    changed = post(client, "/api/ratings", {"person": world.person_a.pk, "year": 2025, "level": "excellent"})
    assert changed.status_code == 200
    assert changed.json()["id"] == body["id"]
    assert changed.json()["level"] == "excellent"
    assert audited("awards.rating", body["id"], "update")
    assert client.get(f"/api/ratings/{body['id']}").json()["level_label"] == "Hoàn thành xuất sắc nhiệm vụ"
    assert client.get("/api/ratings", {"year": 2025}).json()["count"] == 1
    assert client.get("/api/ratings", {"level": "excellent"}).json()["count"] == 3


def test_a_unit_is_rated_too(world):
    response = post(token_client(world.clerk_b), "/api/ratings",
                    {"rated_unit": world.unit_b_child.pk, "year": 2024, "level": "excellent"})
    assert response.status_code == 201, response.content
    assert response.json()["subject_kind"] == "collective"


def test_ratings_outside_the_scope_are_404(world):
    rating = Rating.objects.filter(person=world.person_a).first()
    client = token_client(world.clerk_b)
    assert client.get(f"/api/ratings/{rating.pk}").status_code == 404
    assert client.get("/api/ratings").json()["count"] == 0
    refused = post(client, "/api/ratings", {"person": world.person_a.pk, "year": 2025, "level": "good"})
    assert refused.status_code == 422
    assert "person" in fields_of(refused)


# --- Initiatives ---------------------------------------------------------------------------------

def test_creating_and_changing_an_initiative_is_audited(world):
    client = token_client(world.clerk_a)
    response = post(client, "/api/initiatives", {
        "title": "Số hóa hồ sơ quyết toán", "authors": [world.person_a.pk], "unit": world.unit_a.pk,
        "scope": "province", "year": 2024, "recognized_on": "2024-12-20"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["authors"] == [{"id": world.person_a.pk, "full_name": "Nguyễn Văn Đức"}]
    assert body["recognized_on"] == "2024-12-20"
    assert audited("awards.initiative", body["id"], "create")
    changed = patch(client, f"/api/initiatives/{body['id']}", {"scope": "national"})
    assert changed.status_code == 200
    assert changed.json()["scope"] == "national"
    assert audited("awards.initiative", body["id"], "update")
    assert client.get("/api/initiatives", {"author": world.person_a.pk}).json()["count"] == 1
    assert token_client(world.clerk_b).get(f"/api/initiatives/{body['id']}").status_code == 404


def test_an_author_outside_the_scope_is_named(world):
    response = post(token_client(world.clerk_a), "/api/initiatives", {
        "title": "Sáng kiến", "authors": [world.person_a.pk, world.person_b.pk], "unit": world.unit_a.pk,
        "scope": "unit", "year": 2024})
    assert response.status_code == 422
    assert fields_of(response) == {
        "authors": f"Không tìm thấy cá nhân có mã số {world.person_b.pk} trong phạm vi của bạn."}
    assert not Initiative.objects.exists()


# --- Bad input never answers 500 -----------------------------------------------------------------

def _award(world, **extra):
    return {"award_type": "CSTD_CS", "subject_kind": "individual", "person": world.person_a.pk, "year": 2024, **extra}


BAD_AWARDS = [
    (lambda w: {}, {"award_type", "subject_kind", "year"}),
    (lambda w: "{award_type: CSTD_CS", None),
    (lambda w: _award(w, award_type=5), {"award_type"}),
    (lambda w: _award(w, award_type="KHONG_CO"), {"award_type"}),
    (lambda w: _award(w, subject_kind="robot"), {"subject_kind"}),
    (lambda w: _award(w, year="năm ngoái"), {"year"}),
    (lambda w: _award(w, year=1800), {"year"}),
    (lambda w: _award(w, year=THIS_YEAR + 5), {"year"}),
    (lambda w: _award(w, year=10**40), {"year"}),
    (lambda w: _award(w, person="một"), {"person"}),
    (lambda w: _award(w, person=None), {"person"}),
    (lambda w: _award(w, person=999999), {"person"}),
    (lambda w: _award(w, kind="forever"), {"kind"}),
    (lambda w: _award(w, decision=999999), {"decision"}),
    (lambda w: _award(w, achievement=["a"]), {"achievement"}),
    # Wrong subject kind for the award: Chiến sĩ thi đua cơ sở is for individuals only.
    (lambda w: {"award_type": "CSTD_CS", "subject_kind": "collective", "recipient_unit": w.unit_a.pk, "year": 2024},
     {"award_type"}),
    (lambda w: {"award_type": "TTLDXS", "subject_kind": "individual", "person": w.person_a.pk, "year": 2024},
     {"award_type"}),
    # The recipient given must match the subject kind.
    (lambda w: _award(w, recipient_unit=w.unit_a.pk), {"recipient_unit"}),
    (lambda w: {"award_type": "TTLDXS", "subject_kind": "collective", "year": 2024}, {"recipient_unit"}),
]


@pytest.mark.parametrize("make, fields", BAD_AWARDS)
def test_bad_award_input_answers_4xx_naming_the_field(world, make, fields):
    before = AwardRecord.objects.count()
    response = post(token_client(world.clerk_a), "/api/awards", make(world))
    assert 400 <= response.status_code < 500, response.content
    if fields is None:
        assert response.status_code == 400
        assert response.json()["detail"] == "Nội dung gửi lên không phải JSON hợp lệ."
    else:
        errors = fields_of(response)
        assert fields <= set(errors), errors
        assert all(is_vietnamese(m) for m in errors.values()), errors
    assert AwardRecord.objects.count() == before


def _decision(**extra):
    return {"number": "30/QĐ-STC", "signed_on": "2025-03-01", "authority": "unit_head", "issuer_name": "Sở Tài chính",
            **extra}


BAD_DECISIONS = [
    ({}, {"number", "signed_on", "authority", "issuer_name"}),
    ("[[", None),
    (_decision(number=301), {"number"}),
    (_decision(number="  "), {"number"}),
    (_decision(number="9" * 51), {"number"}),
    (_decision(signed_on="01/03/2025"), {"signed_on"}),
    (_decision(signed_on="2025-02-30"), {"signed_on"}),
    (_decision(signed_on=20250301), {"signed_on"}),
    (_decision(signed_on="1800-03-01"), {"signed_on"}),
    (_decision(signed_on=f"{THIS_YEAR + 1}-12-31"), {"signed_on"}),
    (_decision(authority="king"), {"authority"}),
    (_decision(issuer_name=""), {"issuer_name"}),
    (_decision(issuer_unit=999999), {"issuer_unit"}),
    (_decision(issuer_unit=True), {"issuer_unit"}),
]


@pytest.mark.parametrize("payload, fields", BAD_DECISIONS)
def test_bad_decision_input_answers_4xx_naming_the_field(world, payload, fields):
    response = post(token_client(world.clerk_a), "/api/decisions", payload)
    assert 400 <= response.status_code < 500, response.content
    if fields is None:
        assert response.json()["detail"] == "Nội dung gửi lên không phải JSON hợp lệ."
    else:
        errors = fields_of(response)
        assert fields <= set(errors), errors
        assert all(is_vietnamese(m) for m in errors.values()), errors
    assert not Decision.objects.exists()


def test_a_decision_number_is_unique_per_issuer_and_year(world, decision):
    response = post(token_client(world.officer), "/api/decisions",
                    _decision(number="15/QĐ-STC", signed_on="2025-05-05"))
    assert response.status_code == 422
    assert "number" in fields_of(response)


BAD_RATINGS = [
    (lambda w: {}, {"year", "level"}),
    (lambda w: "year=2024", None),
    (lambda w: {"person": w.person_a.pk, "year": 1800, "level": "good"}, {"year"}),
    (lambda w: {"person": w.person_a.pk, "year": "2024a", "level": "good"}, {"year"}),
    (lambda w: {"person": w.person_a.pk, "year": 2024, "level": "great"}, {"level"}),
    (lambda w: {"year": 2024, "level": "good"}, {"person"}),
    (lambda w: {"person": w.person_a.pk, "rated_unit": w.unit_a.pk, "year": 2024, "level": "good"}, {"person"}),
    (lambda w: {"person": 999999, "year": 2024, "level": "good"}, {"person"}),
    (lambda w: {"rated_unit": "Sở", "year": 2024, "level": "good"}, {"rated_unit"}),
]


@pytest.mark.parametrize("make, fields", BAD_RATINGS)
def test_bad_rating_input_answers_4xx_naming_the_field(world, make, fields):
    before = Rating.objects.count()
    response = post(token_client(world.clerk_a), "/api/ratings", make(world))
    assert 400 <= response.status_code < 500, response.content
    if fields is None:
        assert response.json()["detail"] == "Nội dung gửi lên không phải JSON hợp lệ."
    else:
        errors = fields_of(response)
        assert fields <= set(errors), errors
        assert all(is_vietnamese(m) for m in errors.values()), errors
    assert Rating.objects.count() == before


def _initiative(world, **extra):
    return {"title": "Sáng kiến", "authors": [world.person_a.pk], "unit": world.unit_a.pk, "scope": "unit",
            "year": 2024, **extra}


BAD_INITIATIVES = [
    (lambda w: {}, {"title", "authors", "unit", "scope", "year"}),
    (lambda w: '{"title": ', None),
    (lambda w: _initiative(w, authors="Nguyễn Văn Đức"), {"authors"}),
    (lambda w: _initiative(w, authors=["một"]), {"authors[0]"}),
    (lambda w: _initiative(w, authors=[]), {"authors"}),
    (lambda w: _initiative(w, title=" "), {"title"}),
    (lambda w: _initiative(w, scope="galaxy"), {"scope"}),
    (lambda w: _initiative(w, year=1800), {"year"}),
    (lambda w: _initiative(w, unit=w.unit_b.pk), {"unit"}),
    (lambda w: _initiative(w, decision=999999), {"decision"}),
    (lambda w: _initiative(w, recognized_on="hôm qua"), {"recognized_on"}),
]


@pytest.mark.parametrize("make, fields", BAD_INITIATIVES)
def test_bad_initiative_input_answers_4xx_naming_the_field(world, make, fields):
    response = post(token_client(world.clerk_a), "/api/initiatives", make(world))
    assert 400 <= response.status_code < 500, response.content
    if fields is None:
        assert response.json()["detail"] == "Nội dung gửi lên không phải JSON hợp lệ."
    else:
        errors = fields_of(response)
        assert fields <= set(errors), errors
        assert all(is_vietnamese(m) for m in errors.values()), errors
    assert not Initiative.objects.exists()
