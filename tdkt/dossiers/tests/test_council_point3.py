"""Issue 12, point 3: the council page counts right and says the same as the API and the minutes; a
live "x/n đã bỏ phiếu"; a warning before closing below the quorum; members told that voting opened,
with a link that opens; a member opens the dossiers on the agenda; one member count for everyone."""
import re

import pytest

from tdkt.core import clock
from tdkt.core.choices import Role
from tdkt.core.models import AuditEvent
from tdkt.documents.text import pdf_text
from tdkt.dossiers import services
from tdkt.dossiers.models import Notification
from tdkt.dossiers.services import council as council_services
from tdkt.testing import login, make_user, token_client

from .factories import council, ready_dossier

pytestmark = pytest.mark.django_db


def session_with(world, members, *, dossier=None):
    """An open session over one appraised dossier of unit A (one nominee)."""
    dossier = dossier or ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    services.submit_dossier(world.clerk_a, dossier)
    services.start_appraisal(world.officer, dossier)
    services.appraise_nominee(world.officer, dossier.nominees.get(), outcome="passed", justification="Đủ hồ sơ")
    services.complete_appraisal(world.officer, dossier)
    session = council_services.create_session(world.officer, title="Phiên họp xét khen thưởng", held_on=clock.today(),
                                              members=members)
    council_services.add_to_agenda(world.officer, session, [dossier])
    council_services.open_session(world.officer, session)
    return session, dossier


def cell(html, css_class):
    found = re.search(rf'class="[^"]*\b{css_class}\b[^"]*"[^>]*>\s*([^<]*?)\s*<', html)
    return found.group(1) if found else None


def test_point3_recused_and_not_voted_are_two_columns_with_their_own_counts(world):
    members = council(7)
    session, _ = session_with(world, members)
    item = session.items.get()
    for m in members[:2]:
        council_services.declare_conflict(m, item, "Người thân của đối tượng")
    for m in members[2:6]:
        council_services.cast_ballot_paper(m, session, {item.pk: "agree"})
    council_services.close_session(world.officer, session)  # 6 of 7 took part: quorate

    page = login(world.officer).get(f"/hoi-dong/{session.pk}/").content.decode()
    assert "Không tham gia (xung đột lợi ích)" in page and "Không bỏ phiếu" in page
    assert cell(page, "votes-recused") == "2"
    assert cell(page, "votes-not-voted") == "1"  # the old page showed the 2 recused under "Không bỏ phiếu"
    assert cell(page, "votes-agree") == "4"
    minutes = re.sub(r"\s+", " ", pdf_text(login(world.officer).get(f"/hoi-dong/{session.pk}/bien-ban.pdf").content))
    assert "Không tham gia (xung đột lợi ích)" in minutes and "Không bỏ phiếu" in minutes


def test_point3_no_quorum_reads_the_same_on_the_page_the_api_and_the_minutes(world):
    members = council(6)
    session, dossier = session_with(world, members)
    council_services.cast_ballot_paper(members[0], session, {session.items.get().pk: "agree"})
    council_services.close_session(world.officer, session)

    officer = login(world.officer)
    page = officer.get(f"/hoi-dong/{session.pk}/").content.decode()
    assert "Không đủ số thành viên tham dự" in page and "Không đủ tỷ lệ tham dự" not in page
    assert cell(page, "votes-not-voted") == "5"
    minutes = re.sub(r"\s+", " ", pdf_text(officer.get(f"/hoi-dong/{session.pk}/bien-ban.pdf").content))
    assert "Không đủ số thành viên tham dự" in minutes
    assert "Không đạt" not in minutes  # the old minutes said the nominee failed
    dossier.refresh_from_db()
    assert dossier.status == "appraised"
    note = AuditEvent.objects.filter(action="ballot.close").latest("id").note
    assert "1/6" in note and "không đủ số thành viên tham dự" in note


def test_point3_the_api_uses_the_same_words(world):
    members = council(6)
    session, _ = session_with(world, members)
    council_services.cast_ballot_paper(members[0], session, {session.items.get().pk: "agree"})
    council_services.close_session(world.officer, session)
    [row] = token_client(world.officer).get(f"/api/sessions/{session.pk}/results").json()
    assert row["result"] == "no_quorum" and row["result_label"] == "Không đủ số thành viên tham dự"
    assert row["total"] == 6 and row["not_voted"] == 5 and row["recused"] == 0 and row["voted"] == 1


def test_point3_the_session_page_shows_a_live_count_of_who_voted(world):
    members = council(5)
    session, _ = session_with(world, members)
    item = session.items.get()
    for m in members[:2]:
        council_services.cast_ballot_paper(m, session, {item.pk: "agree"})
    page = login(members[3]).get(f"/hoi-dong/{session.pk}/").content.decode()
    assert "2/5 đã bỏ phiếu" in page and "tien-do=1" in page and "hx-trigger" in page
    council_services.cast_ballot_paper(members[2], session, {item.pk: "disagree"})
    fragment = login(members[3]).get(f"/hoi-dong/{session.pk}/?tien-do=1").content.decode()
    assert "3/5 đã bỏ phiếu" in fragment and "<html" not in fragment


def test_point3_closing_below_the_quorum_warns_with_the_counts(world):
    members = council(6)
    session, _ = session_with(world, members)
    council_services.cast_ballot_paper(members[0], session, {session.items.get().pk: "agree"})
    officer = login(world.officer)
    page = officer.get(f"/hoi-dong/{session.pk}/").content.decode()
    confirm = re.search(r'action="/hoi-dong/\d+/ket-thuc/" data-confirm="([^"]+)"', page).group(1)
    assert "Mới có 1/6 thành viên bỏ phiếu, cần ít nhất 5" in confirm and "không có giá trị" in confirm
    assert 'id="quorum-warning"' in page
    response = officer.post(f"/hoi-dong/{session.pk}/ket-thuc/", follow=True).content.decode()
    assert "Không đủ số thành viên tham dự" in response and "1/6 đã bỏ phiếu" in response


def test_point3_opening_the_vote_asks_first(world):
    members = council(3)
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    services.submit_dossier(world.clerk_a, dossier)
    services.start_appraisal(world.officer, dossier)
    services.appraise_nominee(world.officer, dossier.nominees.get(), outcome="passed", justification="Đủ hồ sơ")
    services.complete_appraisal(world.officer, dossier)
    session = council_services.create_session(world.officer, title="Phiên họp", held_on=clock.today(), members=members)
    council_services.add_to_agenda(world.officer, session, [dossier])
    page = login(world.officer).get(f"/hoi-dong/{session.pk}/").content.decode()
    confirm = re.search(r'action="/hoi-dong/\d+/mo/" data-confirm="([^"]+)"', page).group(1)
    assert "1 đối tượng" in confirm and "3 thành viên sẽ nhận thông báo" in confirm


def test_point3_members_are_told_voting_opened_and_the_link_opens_the_ballot(world):
    members = council(3)
    session, _ = session_with(world, members)
    notes = Notification.objects.filter(user__in=members)
    assert notes.count() == 3
    note = notes.get(user=members[0])
    client = login(members[0])
    response = client.get(note.get_link())
    assert response.status_code == 200  # the old link was the POST-only ballot address: 405
    assert 'id="ballot-paper"' in response.content.decode()


def test_point3_a_member_opens_the_dossier_from_the_ballot(world):
    # A leader bound to unit B sits on the council: unit A's dossier is outside their unit's scope.
    vice_chair = make_user("ld.syt", Role.LEADER, world.unit_b, full_name="Hồ Văn Sáu")
    outsider = make_user("ld.khac", Role.LEADER, world.unit_b, full_name="Lý Văn Bảy")
    members = [vice_chair, *council(2)]
    session, dossier = session_with(world, members)
    page = login(vice_chair).get(f"/hoi-dong/{session.pk}/").content.decode()
    assert f'class="small ballot-dossier" href="/ho-so/{dossier.pk}/"' in page
    assert login(vice_chair).get(f"/ho-so/{dossier.pk}/").status_code == 200
    assert login(outsider).get(f"/ho-so/{dossier.pk}/").status_code == 404
    assert login(world.clerk_b).get(f"/ho-so/{dossier.pk}/").status_code == 404
    # A council member reads; they change nothing.
    login(vice_chair).post(f"/ho-so/{dossier.pk}/rut/", {"reason": "Thử"})
    dossier.refresh_from_db()
    assert dossier.status == "council"


def test_point3_the_session_list_shows_the_same_member_count_to_everyone(world):
    members = [*council(4), world.leader]
    session, _ = session_with(world, members)
    counts = set()
    for user in (world.officer, world.leader, members[0]):
        page = login(user).get("/hoi-dong/").content.decode()
        counts.add(re.search(r'class="session-row" data-members="(\d+)"', page).group(1))
    assert counts == {"5"}
    assert login(world.clerk_a).get(f"/hoi-dong/{session.pk}/").status_code == 404
