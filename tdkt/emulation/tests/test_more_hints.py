"""Issue 12, point 12 on the emulation pages: where a legal term names a page or a part of it (khối,
cụm thi đua; giao ước; đăng ký thi đua; chấm điểm; xếp hạng; phong trào; nhiệm vụ trọng tâm), a "?"
beside it opens the glossary's explanation (templates/help/_hint.html)."""
import pytest

from tdkt.core import clock
from tdkt.testing import login

from .factories import make_block
from .test_covenants import block_covenant

pytestmark = pytest.mark.django_db


def hints(body: str) -> set[str]:
    """The glossary anchors the page's "?" hints point to."""
    out, mark = set(), '/huong-dan/thuat-ngu/#'
    for part in body.split('class="tdkt-hint" href="')[1:]:
        href = part.split('"', 1)[0]
        assert mark in href, href
        out.add(href.split("#", 1)[1])
    return out


def test_point12_emulation_pages_explain_their_legal_terms(world):
    officer = login(world.officer)
    year = clock.today().year
    bw, covenant = block_covenant(world)
    expected = {
        "/thi-dua/khoi/": {"khoi_cum"},
        bw.block.get_absolute_url(): {"khoi_cum", "dang_ky", "giao_uoc"},
        "/thi-dua/giao-uoc/": {"giao_uoc"},
        covenant.get_absolute_url(): {"giao_uoc"},
        f"/thi-dua/giao-uoc/moi/?khoi={bw.block.pk}": {"giao_uoc"},
        "/thi-dua/phong-trao/": {"phong_trao"},
        f"/thi-dua/dang-ky/?nam={year}": {"dang_ky"},
        f"/thi-dua/khoi/{bw.block.pk}/bang-diem/": {"cham_diem"},
    }
    for url, keys in expected.items():
        response = officer.get(url)
        assert response.status_code == 200, url
        assert keys <= hints(response.content.decode()), url
    clerk = login(world.clerk_a)
    assert "dang_ky" in hints(clerk.get(f"/thi-dua/dang-ky/{world.unit_a.pk}/{year}/").content.decode())
    assert "nhiem_vu_trong_tam" in hints(clerk.get(f"/thi-dua/nhiem-vu/{world.unit_a.pk}/{year}/").content.decode())


def test_point12_scoring_and_ranking_parts_of_the_block_page_explain_their_terms(world):
    bw = make_block(world, 3)
    body = login(world.officer).get(bw.block.get_absolute_url()).content.decode()
    assert {"cham_diem", "khoi_cum"} <= hints(body)
