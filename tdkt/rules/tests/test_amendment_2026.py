"""Luật 06/2026/QH16 (in force 01/10/2026; summary read, article text not): its two new kinds of
commendation, the priority for ethnic minority and mountain areas, and the transition for dossiers
received before 01/10/2026 (legal-rules.md §1.1). Everything resting on it is reported unverified."""
import pytest

from tdkt.rules import CaseError, evaluate
from tdkt.rules.ethnicity import ETHNIC_GROUPS, NAMES, canonical, is_minority

from .cases import VN2022_152, Row, case, collective, params, rated, verify

L26 = "Luật 06/2026/QH16"
VN2026 = "VN-2026"
L = "Luật TĐKT 2022"


def bk(proposal_date="2026-10-05", **extra):
    return case("BK_TINH", 2026, proposal_date=proposal_date, ratings=rated("good", 2026),
                claims=["outstanding_in_movement"], **extra)


ROWS = [
    Row("thematic-movement-kind-from-1-october-2026", bk(proposal_kind="thematic_movement"), True,
        f"{L26} (khen thưởng phong trào thi đua theo chuyên đề)", rule_set=VN2026,
        checks={"commendation_kind": True},
        unverified=["commendation_kind", "luat_06_2026_qh16"]),
    Row("thematic-topic-kind-from-1-october-2026", bk(proposal_kind="thematic_topic"), True,
        f"{L26} (khen thưởng chuyên đề)", checks={"commendation_kind": True},
        messages={"commendation_kind": "Loại hình khen thưởng chuyên đề có trong văn bản áp dụng"}),
    Row("transition-new-kind-more-favourable",
        bk(proposal_kind="thematic_movement", received_on="2026-09-20"), True,
        f"{L26} (chuyển tiếp: hồ sơ nhận trước 01/10/2026 theo luật cũ, trừ quy định mới có lợi hơn)",
        rule_set=VN2026, checks={"commendation_kind": True, "transition": True},
        messages={"transition": "Hồ sơ tiếp nhận ngày 20/09/2026, trước ngày 01/10/2026: xét theo VN-2022 "
                                "(Luật 06/2022/QH15; NĐ 152/2025/NĐ-CP); áp dụng VN-2026"}),
    Row("transition-old-law-when-the-new-is-not-more-favourable",
        case("LDTT", 2026, proposal_date="2026-10-05", received_on="2026-09-20", ratings=rated("good", 2026)), True,
        f"{L26} (chuyển tiếp)", rule_set=VN2022_152, checks={"transition": True},
        messages={"transition": "quy định mới không có lợi hơn nên không áp dụng"},
        unverified=["service_time", "transition"]),
    Row("transition-not-for-a-dossier-received-after-1-october",
        case("LDTT", 2026, proposal_date="2026-10-05", received_on="2026-10-02", ratings=rated("good", 2026)), True,
        f"{L26}", rule_set=VN2026),
    Row("transition-not-before-the-amendment",
        case("LDTT", 2026, proposal_date="2026-09-25", received_on="2026-09-20", ratings=rated("good", 2026)), True,
        f"{L} (Luật 06/2026/QH16 chưa có hiệu lực)", rule_set=VN2022_152, unverified=["service_time"]),
    Row("priority-mountain-area-from-1-october-2026",
        case("LDTT", 2026, proposal_date="2026-11-02", ratings=rated("good", 2026),
             subject={"areas": ["mountain"], "ethnicity": "H'Mông"}), True,
        f"{L26} (chú trọng khen thưởng vùng đồng bào dân tộc thiểu số và miền núi)",
        checks={"priority_area": True},
        messages={"priority_area": "Ưu tiên khen thưởng (miền núi, người dân tộc Mông)"}),
    Row("priority-ethnic-minority-area-collective",
        collective("TTLDTT", 2026, proposal_date="2026-11-02", ratings=rated("good", 2026),
                   members={"total": 10, "ldtt": 8}, subject={"areas": ["ethnic_minority"]}), True,
        f"{L26}", checks={"priority_area": True},
        messages={"priority_area": "vùng đồng bào dân tộc thiểu số"}),
    Row("no-mountain-priority-before-1-october-2026",
        case("LDTT", 2025, ratings=rated("good", 2025), subject={"areas": ["mountain"], "ethnicity": "Tày"}), True,
        f"{L} Điều 5 (chưa có nguyên tắc chú trọng vùng dân tộc thiểu số, miền núi)",
        checks={"priority_area": True},
        messages={"priority_area": "Chưa thuộc diện ưu tiên theo văn bản áp dụng (miền núi, người dân tộc Tày)"},
        unverified=["service_time"]),
    Row("border-priority-under-the-2022-law",
        case("LDTT", 2025, ratings=rated("good", 2025), subject={"areas": ["border", "island"]}), True,
        f"{L} Điều 5 (ưu tiên người ở vùng biên giới, hải đảo, đặc biệt khó khăn)",
        checks={"priority_area": True}, messages={"priority_area": "Ưu tiên khen thưởng (biên giới, hải đảo)"},
        unverified=["service_time"]),
    Row("priority-never-blocks",
        case("LDTT", 2026, proposal_date="2026-11-02", ratings=rated("completed", 2026),
             subject={"areas": ["island"]}), False, f"{L} Điều 24 khoản 1 điểm a; {L26}",
        checks={"priority_area": True, "rating_good": False}),
    Row("kinh-person-without-area-carries-no-priority-check",
        case("LDTT", 2026, proposal_date="2026-11-02", ratings=rated("good", 2026), subject={"ethnicity": "Kinh"}),
        True, f"{L26}", unverified=["service_time", "luat_06_2026_qh16"]),
]


@pytest.mark.parametrize("row", params(ROWS))
def test_amendment_2026(row):
    verdict = verify(row)
    if row.id.startswith("transition-") and "transition" in row.checks:
        assert verdict["transition"]["received_on"] == "2026-09-20"
        assert verdict["transition"]["more_favourable"] is (row.rule_set == VN2026)


def test_priority_check_cites_the_amending_law_as_unverified():
    verdict = evaluate(case("LDTT", 2026, proposal_date="2026-11-02", ratings=rated("good", 2026),
                            subject={"areas": ["mountain"]}))
    check = next(c for c in verdict["checks"] if c["code"] == "priority_area")
    assert L26 in check["basis"] and "chưa đối chiếu" in check["basis"]
    assert "priority_area" in verdict["unverified"]


def test_checks_absent_when_nothing_calls_for_them():
    verdict = evaluate(case("LDTT", 2026, proposal_date="2026-11-02", ratings=rated("good", 2026)))
    codes = {c["code"] for c in verdict["checks"]}
    assert not codes & {"priority_area", "commendation_kind", "transition"}
    assert "transition" not in verdict


@pytest.mark.parametrize("kind,title", [("thematic_movement", "khen thưởng phong trào thi đua theo chuyên đề"),
                                        ("thematic_topic", "khen thưởng chuyên đề")])
def test_new_kinds_before_1_october_2026_are_refused(kind, title):
    """Luật 06/2026/QH16 creates them from 01/10/2026: an earlier proposal cannot use them."""
    with pytest.raises(CaseError) as err:
        evaluate(bk(proposal_date="2026-09-30", proposal_kind=kind))
    assert err.value.field == "proposal_kind"
    assert f"loại hình “{title}” do Luật 06/2026/QH16 quy định, chỉ áp dụng cho đề nghị từ ngày 01/10/2026" \
        in err.value.message
    assert "30/09/2026" in err.value.message


def test_unknown_ethnicity_and_area_are_refused():
    with pytest.raises(CaseError) as err:
        evaluate(case("LDTT", ratings=rated("good", 2025), subject={"ethnicity": "Martian"}))
    assert err.value.field == "subject.ethnicity" and "54 dân tộc" in err.value.message
    with pytest.raises(CaseError) as err:
        evaluate(case("LDTT", ratings=rated("good", 2025), subject={"areas": ["desert"]}))
    assert err.value.field == "subject.areas[0]"


def test_the_official_list_of_54_ethnic_groups():
    assert len(NAMES) == len(set(NAMES)) == 54
    assert [code for code, _, _ in ETHNIC_GROUPS] == [f"{i:02d}" for i in range(1, 55)]
    assert NAMES[:8] == ("Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông")
    assert NAMES[-3:] == ("Rơ Măm", "Brâu", "Ơ Đu")
    # the variants clerks write find the official name; no variant names two groups
    assert canonical("H'Mông") == canonical("Hmông") == canonical("mèo") == "Mông"
    assert canonical("Khơ-me") == "Khmer" and canonical("khơ mú") == "Khơ Mú" and canonical("Co Lao") == "Cờ Lao"
    assert canonical("Ê-đê") == "Ê Đê" and canonical("Gia-rai") == "Gia Rai" and canonical("") is None
    assert not is_minority("Kinh") and is_minority("Tày") and not is_minority("Martian")
