"""The workflow reads procedure facts from the rule data (tdkt.rules.procedure): confirming or
changing one vote threshold, the disclosure period or a certificate's title is one dated, cited row,
and the council, the disclosure and the certificates follow it."""
import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from tdkt.awards.models import AwardType
from tdkt.dossiers.services import council, decisions, issuance, wording
from tdkt.rules import procedure

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 20)


def test_one_changed_vote_row_changes_the_councils_threshold(monkeypatch):
    assert council.threshold_for("CSTD_TINH", DAY).share == Decimal("0.900")
    rows = tuple(dataclasses.replace(r, share=Decimal("0.850"), basis="NĐ 152/2025/NĐ-CP Điều 30 (đã xác minh)",
                                     unconfirmed=False) if "CSTD_TINH" in r.awards and r.valid_to is None else r
                 for r in procedure.VOTE_ROWS)
    monkeypatch.setattr(procedure, "VOTE_ROWS", rows)
    rule = council.threshold_for("CSTD_TINH", DAY)
    assert (rule.share, rule.unconfirmed) == (Decimal("0.850"), False)
    assert council.threshold_for("CSTD_TINH", dt.date(2025, 3, 1)).share == Decimal("0.900")  # NĐ 98's row


def test_a_date_no_row_covers_is_a_clear_refusal_not_an_error_page():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        council.threshold_for("CSTD_TINH", dt.date(2019, 5, 1))
    assert "01/01/2024" in str(refused.value)


def test_disclosure_follows_the_rule_row_and_the_provinces_longer_period(settings):
    class N:  # the workflow passes nominees; only the award's code is read
        def __init__(self, code):
            self.award_type = AwardType.objects.get(code=code)

    settings.TDKT_DISCLOSURE_DAYS, settings.TDKT_DISCLOSURE_DAYS_STATE = 5, 10
    assert decisions.disclosure_days([N("BK_TINH")], DAY) == 5
    assert decisions.disclosure_days([N("BK_TINH"), N("HCLD_3")], DAY) == 10
    settings.TDKT_DISCLOSURE_DAYS_STATE = 15  # a province may publish longer than the law's minimum
    assert decisions.disclosure_days([N("HCLD_3")], DAY) == 15
    settings.TDKT_DISCLOSURE_DAYS_STATE = 3   # never shorter
    assert decisions.disclosure_days([N("HCLD_3")], DAY) == 10


def test_certificates_and_wording_come_from_the_rule_rows():
    assert procedure.certificate_spec("BK_TINH", DAY).layout == "bang_khen"
    assert procedure.certificate_spec("CSTD_CS", DAY).layout == "giay_khen"
    assert procedure.certificate_spec("BK_TTG", DAY) is None   # printed by the central level
    assert issuance.LAYOUT_NAMES["bang_khen"].startswith("Bằng khen")
    bk = AwardType.objects.get(code="BK_TINH")
    assert wording.award_phrase(bk, DAY) == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    assert wording.award_phrase(AwardType.objects.get(code="LDTT"), DAY) == "danh hiệu Lao động tiên tiến"


def test_the_2026_kinds_are_refused_before_the_law_and_judged_by_the_engine_after(world):
    from django.core.exceptions import ValidationError

    from tdkt.core import clock
    from tdkt.dossiers import services

    days_before = (dt.date(2026, 9, 30) - clock.today()).days
    clock.travel(days_before)
    with pytest.raises(ValidationError) as refused:
        services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Khen thưởng phong trào",
                                authority="province_chair", kind="thematic_movement", year=2026,
                                movement="Phong trào chuyển đổi số")
    assert "01/10/2026" in str(refused.value) and "Luật 06/2026/QH16" in str(refused.value)
    clock.travel(2)  # 02/10/2026
    dossier = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Khen thưởng phong trào",
                                      authority="province_chair", kind="thematic_movement", year=2026,
                                      movement="Phong trào chuyển đổi số")
    nominee = services.add_nominee(world.clerk_a, dossier, award_type=AwardType.objects.get(code="BK_TINH"),
                                   subject_kind="individual", person=world.person_a,
                                   achievement="Dẫn đầu phong trào chuyển đổi số")
    from tdkt.dossiers.services import grounds

    verdict = grounds.verdicts_for([nominee], clock.today())[0]
    assert verdict["case"]["proposal_kind"] == "thematic_movement"
    assert "commendation_kind" in {c["code"] for c in verdict["checks"]}
