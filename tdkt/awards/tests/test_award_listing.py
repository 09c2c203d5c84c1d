"""The award list's plain table (it replaced django-tables2 for speed): the same sorts, pages and cells."""
import pytest

from tdkt.awards import services
from tdkt.awards.models import AwardRecord, AwardType
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def rows(body):
    return [line for line in body.splitlines() if line.startswith("<tr><td>")]


def test_sorts_reverse_and_pages(world):
    ldtt = AwardType.objects.get(code="LDTT")
    AwardRecord.objects.bulk_create([AwardRecord(award_type=ldtt, subject_kind="individual", person=world.person_b,
                                                 unit=world.unit_b_child, year=year, recipient_name="Nguyễn Thị Ánh")
                                     for year in range(1990, 2020)])
    client = login(world.officer)
    first = rows(client.get("/khen-thuong/", {"sort": "year"}).content.decode())
    assert len(first) == 25 and "<td>1990</td>" in first[0]
    body = client.get("/khen-thuong/", {"sort": "-year"}).content.decode()
    assert "<td>2024</td>" in rows(body)[0] and "Trang 1/2" in body and 'aria-sort="descending"' in body
    last = client.get("/khen-thuong/", {"sort": "-year", "page": 99}).content.decode()
    assert "Trang 2/2" in last and len(rows(last)) == 7 and "<td>1990</td>" in rows(last)[-1]
    # An unknown sort is the model's order (newest year first), not an error.
    assert "<td>2024</td>" in rows(client.get("/khen-thuong/", {"sort": "nope"}).content.decode())[0]
    assert "32 lượt khen thưởng" in body


def test_cells_link_the_record_and_decision_and_mark_revocation(world):
    import datetime

    decision = services.create_decision(world.officer, number="7/QĐ-UBND", signed_on=datetime.date(2024, 12, 20),
                                        authority="province_chair", issuer_name="UBND tỉnh Hà Nam",
                                        signer_name="Trương Quốc Huy", signer_title="Chủ tịch UBND tỉnh",
                                        summary="Về việc tặng Bằng khen")
    record = services.create_award_record(world.officer, award_type=AwardType.objects.get(code="BK_TINH"),
                                          subject_kind="individual", person=world.person_b, year=2024,
                                          decision=decision)
    AwardRecord.objects.filter(pk=record.pk).update(status="revoked")
    row = rows(login(world.officer).get("/khen-thuong/", {"award": "BK_TINH"}).content.decode())[0]
    assert f'href="{record.get_absolute_url()}"' in row and f'href="{decision.get_absolute_url()}"' in row
    assert "20/12/2024" in row and "Đã thu hồi" in row and "Cá nhân" in row
