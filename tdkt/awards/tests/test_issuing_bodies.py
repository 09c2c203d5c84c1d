"""One issuing body however it is spelt (issue 18): the key of a spelling, the body a form or an
import chooses and says it chose, and the data migration that merges the register's spellings."""
import datetime as dt
import importlib

import pytest
from django.apps import apps

from tdkt.awards import register, services
from tdkt.awards.models import Decision, IssuingBody, IssuingBodyName

merge_migration = importlib.import_module("tdkt.awards.migrations.0006_merge_issuer_spellings")


@pytest.mark.parametrize("spelling", [
    "UBND tỉnh Hà Sơn", "Ủy ban nhân dân tỉnh Hà Sơn", "Chủ tịch UBND tỉnh Hà Sơn", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ SƠN",
    "KT. Chủ tịch UBND tỉnh Hà Sơn", "Uy ban nhan dan tinh Ha Son", "Phó Chủ tịch  U.B.N.D tỉnh Hà Sơn".replace("U.B.N.D", "UBND"),
])
def test_every_spelling_of_the_committee_has_one_key(spelling):
    assert register.name_key(spelling) == "uy ban nhan dan tinh ha son"


def test_bodies_that_begin_like_an_authority_keep_their_name():
    assert register.name_key("Chủ tịch nước") == "chu tich nuoc"
    assert register.name_key("Thủ tướng Chính phủ") == "thu tuong chinh phu"
    assert register.name_key("Giám đốc Sở Y tế") == register.name_key("Sở Y tế") == "so y te"
    assert register.name_key("Chủ tịch HĐND tỉnh Hà Sơn") == "hoi dong nhan dan tinh ha son"
    assert register.display_name("Chủ tịch UBND xã Thanh Liêm") == "Ủy ban nhân dân xã Thanh Liêm"


@pytest.mark.django_db
def test_a_typed_name_finds_the_unit_body_and_says_which_it_chose(world):
    chosen = register.resolve_body("Chủ tịch UBND tỉnh Hà Nam")
    assert chosen.body.unit == world.province and chosen.body.name == "Ủy ban nhân dân tỉnh Hà Nam"
    assert chosen.message == ("“Chủ tịch UBND tỉnh Hà Nam” được hiểu là cơ quan ban hành “Ủy ban nhân dân tỉnh "
                              "Hà Nam” (cùng một sổ số quyết định).")
    assert register.resolve_body("ủy ban nhân dân tỉnh hà nam").body == chosen.body
    new = register.resolve_body("Bộ Nội vụ")
    assert new.created and new.body.unit is None and new.message.endswith("đã thêm cơ quan ban hành “Bộ Nội vụ”.")
    # The decision form says it too.
    decision = services.create_decision(world.officer, number="3/QĐ-UBND", signed_on=dt.date(2025, 1, 9),
                                        authority="province_chair", issuer_name="Chủ tịch UBND tỉnh Hà Nam")
    assert decision.body == chosen.body and "được hiểu là" in decision.body_message


@pytest.mark.django_db
def test_the_migration_merges_spellings_and_sets_a_counter_duplicate_awaiting(world):
    """Decisions entered before bodies existed: 1/QĐ-UBND typed as "UBND tỉnh Hà Nam" in January,
    and 1/QĐ-UBND the old per-spelling counter gave "Chủ tịch Ủy ban nhân dân tỉnh Hà Nam" in
    December: one body; the December one waits for the văn thư's number, with a note."""
    def old(number, day, spelling, unit=None):
        d = Decision(number=number, signed_on=day, authority="province_chair", issuer_name=spelling, issuer_unit=unit)
        d.refresh_derived()
        d.seq = None
        d.save()
        return d

    typed = old("1/QĐ-UBND", dt.date(2026, 1, 5), "UBND tỉnh Hà Nam")
    second = old("2/QĐ-UBND", dt.date(2026, 1, 9), "Ủy ban nhân dân tỉnh Hà Nam")
    counter = old("1/QĐ-UBND", dt.date(2026, 12, 3), "Chủ tịch Ủy ban nhân dân tỉnh Hà Nam", world.province)
    president = old("12/QĐ-CTN", dt.date(2026, 2, 1), "Chủ tịch nước")
    merge_migration.merge(apps, None)
    for d in (typed, second, counter, president):
        d.refresh_from_db()
    body = IssuingBody.objects.get(unit=world.province)
    assert typed.body == second.body == counter.body == body
    assert president.body != body and president.body.name == "Chủ tịch nước"
    assert (typed.number, typed.seq, second.seq) == ("1/QĐ-UBND", 1, 2)
    assert counter.awaiting_number and "trùng với Quyết định số 1/QĐ-UBND ngày 05/01/2026" in counter.number_note
    assert IssuingBodyName.objects.filter(body=body, key="uy ban nhan dan tinh ha nam").exists()
    assert register.propose_number(body, 2026) == 3


@pytest.mark.django_db
def test_the_decision_form_says_which_body_it_chose(world):
    from tdkt.testing import login

    response = login(world.officer).post("/quyet-dinh/them/", {
        "number": "8/QĐ-UBND", "signed_on": "09/01/2025", "authority": "province_chair",
        "issuer_name": "Chủ tịch UBND tỉnh Hà Nam", "signer_name": "", "signer_title": "", "summary": ""}, follow=True)
    assert ("“Chủ tịch UBND tỉnh Hà Nam” được hiểu là cơ quan ban hành “Ủy ban nhân dân tỉnh Hà Nam”"
            in response.content.decode())
    assert Decision.objects.get(number="8/QĐ-UBND").body.unit == world.province
