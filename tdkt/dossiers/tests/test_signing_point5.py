"""Issue 12, point 5: the leader does not sign blind. The signing page shows the decision's list
(paginated), the money per award and in total, the legal basis and a draft PDF; the capacity comes
from the account (a Phó Chủ tịch signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); signing asks first; the
leader's queue shows what waits, for how long, with links."""
import re

import pytest

from tdkt.core import clock
from tdkt.core.models import Profile
from tdkt.documents.text import pdf_text
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.services import decisions
from tdkt.testing import login

from .factories import ready_dossier, through_disclosure

pytestmark = pytest.mark.django_db


@pytest.fixture
def signable(world):
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH"),
                                                           ({"recipient_unit": world.unit_a_child}, "BK_TINH")])
    through_disclosure(world, dossier)
    dossier.refresh_from_db()
    return dossier


def as_position(user, title):
    Profile.objects.filter(user=user).update(title=title)
    user.__dict__.pop("_tdkt_profile", None)
    return user


def test_point5_a_vice_chair_signs_kt_chu_tich_from_the_account(world, signable):
    as_position(world.leader, "Phó Chủ tịch UBND tỉnh")
    client = login(world.leader)
    page = client.get(f"/ho-so/{signable.pk}/ban-hanh/").content.decode()
    assert "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in page
    assert 'name="sign_prefix"' not in page  # the old form's choice, "Chủ tịch ký" by default for everyone
    response = client.post(f"/ho-so/{signable.pk}/ban-hanh/", {"signed_on": f"{clock.today():%d/%m/%Y}"})
    assert response.status_code == 302
    decision = Dossier.objects.get(pk=signable.pk).decision
    assert decision.signer_title == "KT. CHỦ TỊCH Phó Chủ tịch"
    assert decision.signer_name == world.leader.get_full_name()


def test_point5_the_chairman_signs_directly(world, signable):
    as_position(world.leader, "Chủ tịch UBND tỉnh")
    assert decisions.signing_capacity(world.leader) == ("", "Chủ tịch")
    page = login(world.leader).get(f"/ho-so/{signable.pk}/ban-hanh/").content.decode()
    assert re.search(r'id="signing-capacity">CHỦ TỊCH<', page)


def test_point5_the_signing_page_shows_the_list_money_basis_and_a_draft_pdf(world, signable):
    as_position(world.leader, "Phó Chủ tịch UBND tỉnh")
    client = login(world.leader)
    page = client.get(f"/ho-so/{signable.pk}/ban-hanh/").content.decode()
    assert "Ông Nguyễn Văn Đức" in page and "Phòng Ngân sách" in page  # the list
    assert "Căn cứ Luật Thi đua, khen thưởng" in page  # the legal basis
    total = re.search(r'id="money-total">([\d.]+)<', page).group(1)
    assert int(total.replace(".", "")) > 0  # Bằng khen carries money: per award and in total
    assert 'id="money-per-award"' in page
    confirm = re.search(r'data-confirm="([^"]+)"', page).group(1)
    assert confirm.startswith("Ký quyết định về việc tặng") and "sau khi ký không sửa được" in confirm
    assert "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in confirm and total in confirm
    assert "?xem-truoc=pdf" in page

    preview = client.get(f"/ho-so/{signable.pk}/ban-hanh/?xem-truoc=pdf")
    assert preview["Content-Type"] == "application/pdf"
    text = re.sub(r"\s+", " ", pdf_text(preview.content))
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "Nguyễn Văn Đức" in text
    assert "Số: 1/" not in text  # a draft: no number yet
    assert Dossier.objects.get(pk=signable.pk).decision_id is None  # previewing signs nothing


def test_point5_the_recipients_are_paginated(world, signable, monkeypatch):
    from tdkt.dossiers.views import decisions as views

    monkeypatch.setattr(views, "RECIPIENTS_PER_PAGE", 1)
    client = login(world.leader)
    first = client.get(f"/ho-so/{signable.pk}/ban-hanh/").content.decode()
    second = client.get(f"/ho-so/{signable.pk}/ban-hanh/?trang=2").content.decode()
    assert "Trang 1/2" in first and "Trang 2/2" in second
    assert first.count('class="recipient"') == 1 and second.count('class="recipient"') == 1


def test_point5_others_cannot_preview_or_sign(world, signable):
    assert login(world.officer).get(f"/ho-so/{signable.pk}/ban-hanh/?xem-truoc=pdf").status_code == 403
    assert login(world.clerk_b).get(f"/ho-so/{signable.pk}/ban-hanh/").status_code in (403, 404)


def test_point5_the_leaders_queue_shows_count_age_and_links(world, signable):
    clock.travel(2)
    page = login(world.leader).get("/ho-so/cho-ky/").content.decode()
    row = re.search(rf'<tr data-code="{signable.code}" data-ready="1">(.*?)</tr>', page, re.S).group(1)
    assert f'href="/ho-so/{signable.pk}/ban-hanh/"' in row and "Xem và ký" in row
    assert "2 ngày" in row  # waiting since the day after the disclosure ended
    assert 'id="to-sign-count">1<' in page


def test_point3_and_5_numbering_asks_first(world, signable):
    decisions.issue_decision(world.leader, signable)
    page = login(world.officer).get(f"/ho-so/{signable.pk}/cap-so/")
    assert "Cấp số cho quyết định về việc tặng" in page.context["confirm"]
