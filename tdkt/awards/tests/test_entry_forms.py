"""Award and rating entry through the person's pages: one decision per number, duplicates and
out-of-range years refused in Vietnamese, nothing saved."""
import pytest

from tdkt.awards.models import AwardRecord, Decision, Rating
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def test_award_entry_creates_decision_once_and_refuses_a_duplicate_title(world):
    client = login(world.clerk_a)
    data = {"award_type": "", "year": 2025, "kind": "regular", "decision_number": "45/QĐ-STC",
            "decision_date": "20/12/2025", "authority": "unit_head", "issuer_name": "Sở Tài chính"}
    from tdkt.awards.models import AwardType

    data["award_type"] = AwardType.objects.get(code="CSTD_CS").pk
    assert client.post(f"/ca-nhan/{world.person_a.pk}/khen-thuong/", data).status_code == 302
    body = client.post(f"/ca-nhan/{world.person_a.pk}/khen-thuong/", data).content.decode()
    assert "đã có danh hiệu" in body
    assert Decision.objects.filter(number="45/QĐ-STC").count() == 1
    assert AwardRecord.objects.filter(person=world.person_a, award_type__code="CSTD_CS").count() == 1
    # A collective-only award for a person is refused, and the new decision is not left behind.
    data.update(award_type=AwardType.objects.get(code="TTLDXS").pk, decision_number="46/QĐ-STC")
    body = client.post(f"/ca-nhan/{world.person_a.pk}/khen-thuong/", data).content.decode()
    assert "không áp dụng cho đối tượng cá nhân" in body
    assert not Decision.objects.filter(number="46/QĐ-STC").exists()


def test_rating_year_out_of_range_is_refused(world):
    client = login(world.clerk_a)
    body = client.post(f"/ca-nhan/{world.person_a.pk}/xep-loai/", {"year": 1800, "level": "good"}).content.decode()
    assert "Năm: không được trước 1945." in body
    assert client.post(f"/ca-nhan/{world.person_a.pk}/xep-loai/", {"year": 2025, "level": "good"}).status_code == 302
    assert Rating.objects.get(person=world.person_a, year=2025).level == "good"
