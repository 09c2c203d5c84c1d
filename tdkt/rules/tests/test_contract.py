"""The eligibility contract of shared/domain/award-codes.md: invalid cases are refused with a
Vietnamese message naming the field; `tdkt eligibility` answers 0 with the verdict JSON, or 2 with
"Lỗi: …" on standard error and never a traceback; it answers without starting Django."""
import copy
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tdkt.rules import CaseError, evaluate, parse_case
from tdkt.rules.cli import parse_overrides, run

from .cases import VERDICT_KEYS, VN2022_152, assert_shape, case, collective, held, household, ini, members, rated

ROOT = Path(__file__).resolve().parents[3]
VENV_BIN = Path(sys.executable).parent
VALID = case("CSTD_TINH", ratings=rated("excellent", 2023, 2024, 2025), awards=held("CSTD_CS", 2023, 2024, 2025),
             initiatives=[ini(2025, "province")])


def with_(raw, **changes):
    out = copy.deepcopy(raw)
    out.update(changes)
    return out


def sub(raw, section, **changes):
    out = copy.deepcopy(raw)
    out[section] = {**out[section], **changes}
    return out


def without(raw, key):
    out = copy.deepcopy(raw)
    del out[key]
    return out


TTLDTT = collective("TTLDTT", ratings=rated("good", 2025), members=members(20, ldtt=11))

# id, case, field named, substring of the Vietnamese message, basis of the rule
INVALID = [
    ("unknown-award-code", with_(VALID, award="CSTD_HUYEN"), "award",
     "mã hình thức khen thưởng không tồn tại: 'CSTD_HUYEN'", "award-codes.md: mã ổn định"),
    ("award-missing", without(VALID, "award"), "award", "mã hình thức khen thưởng không tồn tại: None",
     "award-codes.md"),
    ("award-code-lower-case", with_(VALID, award="ldtt"), "award", "không tồn tại", "award-codes.md: mã ổn định"),
    ("year-not-a-number", with_(VALID, year="hai nghìn"), "year", "năm không hợp lệ: 'hai nghìn'", "award-codes.md"),
    ("year-out-of-range", with_(VALID, year=1900), "year", "phải là số từ 1945 đến 2100", "award-codes.md"),
    ("year-boolean", with_(VALID, year=True), "year", "năm không hợp lệ", "award-codes.md"),
    ("year-missing", without(VALID, "year"), "year", "năm không hợp lệ: None", "award-codes.md"),
    ("ldtt-for-a-collective", with_(case("LDTT"), subject={"kind": "collective"}), "subject.kind",
     "Lao động tiên tiến không xét cho tập thể (chỉ xét cho: cá nhân)", "award-codes.md: đối tượng của từng mã"),
    ("ttldtt-for-an-individual", with_(TTLDTT, subject={"kind": "individual"}), "subject.kind",
     "Tập thể lao động tiên tiến không xét cho cá nhân", "award-codes.md"),
    ("gdvh-for-a-collective", collective("GD_VAN_HOA"), "subject.kind",
     "Gia đình văn hóa không xét cho tập thể (chỉ xét cho: hộ gia đình)", "award-codes.md"),
    ("hcld3-for-a-household", household("HCLD_3"), "subject.kind", "(chỉ xét cho: cá nhân, tập thể)",
     "award-codes.md"),
    ("unknown-subject-kind", with_(VALID, subject={"kind": "company"}), "subject.kind",
     "loại đối tượng không hợp lệ: 'company'", "award-codes.md"),
    ("subject-missing", without(VALID, "subject"), "subject", "thiếu thông tin đối tượng", "award-codes.md"),
    ("subject-not-an-object", with_(VALID, subject=["individual"]), "subject", "phải là một đối tượng JSON",
     "award-codes.md"),
    ("proposal-date-impossible", with_(VALID, proposal_date="2025-13-01"), "proposal_date",
     "ngày không hợp lệ: '2025-13-01' (định dạng YYYY-MM-DD)", "award-codes.md"),
    ("proposal-date-vietnamese-format", with_(VALID, proposal_date="05/12/2025"), "proposal_date",
     "định dạng YYYY-MM-DD", "award-codes.md"),
    ("proposal-date-before-the-year", with_(VALID, proposal_date="2024-12-05"), "proposal_date",
     "ngày đề nghị (05/12/2024) trước năm thành tích 2025", "award-codes.md"),
    ("proposal-date-far-future", with_(VALID, proposal_date="9999-12-31"), "proposal_date",
     "năm phải từ 1945 đến 2100", "award-codes.md"),
    ("proposal-date-before-the-2022-law", with_(VALID, year=2023, proposal_date="2023-12-20"), "proposal_date",
     "không có bộ quy tắc cho ngày đề nghị 20/12/2023", "Luật 06/2022/QH15 (hiệu lực 01/01/2024)"),
    ("hired-on-bad-date", sub(VALID, "subject", hired_on="2015-02-30"), "subject.hired_on", "ngày không hợp lệ",
     "award-codes.md"),
    ("gender-unknown", sub(VALID, "subject", gender="nữ"), "subject.gender", "giới tính không hợp lệ",
     "award-codes.md"),
    ("bad-rating-value", with_(VALID, ratings={"2025": "great"}), "ratings.2025",
     "mức xếp loại không hợp lệ: 'great' (chấp nhận: excellent, good, completed, not_completed)", "award-codes.md"),
    ("rating-in-vietnamese", with_(VALID, ratings={"2025": "hoàn thành xuất sắc"}), "ratings.2025",
     "mức xếp loại không hợp lệ", "award-codes.md"),
    ("rating-key-not-a-year", with_(VALID, ratings={"năm 2025": "good"}), "ratings.năm 2025", "năm không hợp lệ",
     "award-codes.md: khóa của ratings là năm"),
    ("ldtt-members-larger-than-total", sub(TTLDTT, "members", ldtt=21), "members.ldtt",
     "lớn hơn tổng số thành viên (20)", "award-codes.md"),
    ("completed-members-larger-than-total", sub(TTLDTT, "members", completed=25), "members.completed",
     "lớn hơn tổng số thành viên (20)", "award-codes.md"),
    ("members-total-zero", sub(TTLDTT, "members", total=0), "members.total", "không nhỏ hơn 1", "award-codes.md"),
    ("members-negative", sub(TTLDTT, "members", cstd_cs=-1), "members.cstd_cs", "không nhỏ hơn 0", "award-codes.md"),
    ("block-rank-larger-than-size", with_(TTLDTT, block={"rank": 9, "size": 8}), "block.rank",
     "thứ hạng 9 lớn hơn số đơn vị trong khối (8)", "award-codes.md"),
    ("block-rank-zero", with_(TTLDTT, block={"rank": 0, "size": 8}), "block.rank", "không nhỏ hơn 1",
     "award-codes.md"),
    ("award-held-unknown-code", with_(VALID, awards=[{"award": "BK_HUYEN", "year": 2024}]), "awards[0].award",
     "mã hình thức khen thưởng không tồn tại: 'BK_HUYEN'", "award-codes.md"),
    ("award-held-code-is-a-list", with_(VALID, awards=held("LDTT", 2024) + [{"award": ["LDTT"], "year": 2024}]),
     "awards[1].award", "mã hình thức khen thưởng không tồn tại", "award-codes.md"),
    ("award-held-bad-year", with_(VALID, awards=[{"award": "LDTT", "year": "năm ngoái"}]), "awards[0].year",
     "năm không hợp lệ", "award-codes.md"),
    ("award-held-unknown-kind", with_(VALID, awards=[{"award": "LDTT", "year": 2024, "kind": "special"}]),
     "awards[0].kind", "loại hình không hợp lệ: 'special'", "award-codes.md: loại hình khen thưởng"),
    ("initiative-unknown-scope", with_(VALID, initiatives=[ini(2025, "district")]), "initiatives[0].scope",
     "phạm vi sáng kiến không hợp lệ: 'district' (chấp nhận: unit, province, national)", "award-codes.md"),
    ("initiative-used-for-unknown", with_(VALID, initiatives=[ini(2025, used_for="SANG_KIEN")]),
     "initiatives[0].used_for", "mã hình thức khen thưởng không tồn tại", "award-codes.md"),
    ("initiative-used-for-an-object", with_(VALID, initiatives=[ini(2025, used_for={"award": "LDTT"})]),
     "initiatives[0].used_for", "mã hình thức khen thưởng không tồn tại", "award-codes.md"),
    ("discipline-ends-before-it-starts",
     with_(VALID, discipline=[{"from": "2022-03-31", "to": "2021-04-01", "level": "reprimand"}]), "discipline[0].to",
     "ngày kết thúc trước ngày bắt đầu", "award-codes.md"),
    ("discipline-without-start", with_(VALID, discipline=[{"to": "2021-04-01"}]), "discipline[0].from",
     "thiếu ngày", "award-codes.md"),
    ("discipline-unknown-level", with_(VALID, discipline=[{"from": "2021-04-01", "level": "fine"}]),
     "discipline[0].level", "hình thức kỷ luật không hợp lệ", "award-codes.md"),
    ("absence-unknown-kind", sub(VALID, "subject", absences=[{"from": "2025-01-01", "to": "2025-02-01",
                                                              "kind": "holiday"}]),
     "subject.absences[0].kind", "loại không hợp lệ: 'holiday'", "NĐ 152/2025/NĐ-CP Điều 4 (R5)"),
    ("post-unknown-level", sub(VALID, "subject", posts=[{"level": "minister", "from": "2020-01-01"}]),
     "subject.posts[0].level", "loại không hợp lệ: 'minister'", "NĐ 152/2025/NĐ-CP Điều 21"),
    ("claim-unknown", with_(VALID, claims=["very_good_person"]), "claims[0]",
     "căn cứ đề nghị không hợp lệ: 'very_good_person'", "award-codes.md: claims"),
    ("claims-not-a-list", with_(VALID, claims="outstanding_in_movement"), "claims", "phải là một danh sách JSON",
     "award-codes.md"),
    ("proposal-kind-unknown", with_(VALID, proposal_kind="lifetime"), "proposal_kind",
     "loại hình khen thưởng không hợp lệ: 'lifetime'", "award-codes.md"),
    ("under-review-as-text", with_(VALID, under_review="có"), "under_review", "phải là true hoặc false",
     "award-codes.md"),
    ("case-not-an-object", [VALID], "", "hồ sơ xét phải là một đối tượng JSON", "award-codes.md"),
]


@pytest.mark.parametrize("raw, field, text, basis", [pytest.param(*row[1:], id=row[0]) for row in INVALID])
def test_invalid_case_is_refused_naming_the_field(raw, field, text, basis):
    assert basis
    with pytest.raises(CaseError) as err:
        evaluate(raw)
    assert err.value.field == field
    assert text in err.value.message, err.value.message
    assert str(err.value) == (f"{field}: {err.value.message}" if field else err.value.message)


def test_invalid_rows_have_unique_ids():
    ids = [row[0] for row in INVALID]
    assert len(ids) == len(set(ids))


def test_parse_case_reads_the_published_example():
    parsed = parse_case(VALID)
    assert parsed.award == "CSTD_TINH" and parsed.year == 2025
    assert parsed.ratings == {2023: "excellent", 2024: "excellent", 2025: "excellent"}
    assert [a.year for a in parsed.awards] == [2023, 2024, 2025]
    assert parsed.proposal_kind == "regular" and parsed.claims == frozenset()


def test_year_written_as_text_is_read_as_a_number():
    verdict = evaluate(with_(VALID, year="2025"))
    assert verdict["year"] == 2025 and verdict["eligible"] is True


def test_verdict_is_the_published_shape_and_json_serialisable():
    verdict = evaluate(VALID)
    assert set(verdict) == VERDICT_KEYS
    assert_shape(verdict, VALID)
    assert verdict["rule_set"] == VN2022_152
    first = verdict["checks"][3]
    assert first == {"code": "consecutive_cstd_cs", "passed": True,
                     "message": "Có 3 lần liên tục đạt Chiến sĩ thi đua cơ sở (2023, 2024, 2025, đã có quyết định)",
                     "basis": "Luật TĐKT 2022 Điều 22 khoản 1 điểm a"}
    assert json.loads(json.dumps(verdict, ensure_ascii=False)) == verdict


def test_any_of_lists_its_alternatives():
    verdict = evaluate(case("CSTD_CS", ratings=rated("good", 2025), initiatives=[ini(2025)]))
    ground = next(c for c in verdict["checks"] if c["code"] == "cstd_cs_achievement")
    assert [a["code"] for a in ground["alternatives"]] == ["excellent_rating", "initiative_unit", "research_unit",
                                                          "combat_ingenuity"]
    assert [a["passed"] for a in ground["alternatives"]] == [False, True, False, False]


def test_evaluate_does_not_change_the_case():
    raw = copy.deepcopy(VALID)
    evaluate(raw)
    assert raw == VALID


# --- the command line ------------------------------------------------------------------------------

def run_cli(text, path="-", overrides=None):
    out, err = io.StringIO(), io.StringIO()
    code = run(path, overrides=overrides, stdin=io.StringIO(text), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_prints_the_verdict_for_a_valid_case():
    code, out, err = run_cli(json.dumps(VALID))
    assert code == 0 and err == ""
    assert json.loads(out) == evaluate(VALID)
    assert "Chiến sĩ thi đua cơ sở" in out  # Vietnamese written as is, not as \u escapes


def test_cli_reads_a_file(tmp_path):
    path = tmp_path / "ho-so.json"
    path.write_text(json.dumps(TTLDTT, ensure_ascii=False), encoding="utf-8")
    code, out, err = run_cli("", path=str(path))
    assert code == 0 and json.loads(out)["eligible"] is True


def test_cli_applies_province_overrides():
    code, out, _ = run_cli(json.dumps(TTLDTT), overrides=parse_overrides(["ttldtt_ldtt_share=0.7",
                                                                          "ttldtt_ldtt_share_strict=false"]))
    verdict = json.loads(out)
    assert code == 0 and verdict["eligible"] is False
    assert verdict["rule_set"].endswith("; quy định của tỉnh")


def test_parse_overrides_reads_json_values():
    assert parse_overrides(["a=0.7", "b=false", "c=good", 'd="x"']) == {"a": 0.7, "b": False, "c": "good", "d": "x"}


@pytest.mark.parametrize("text, expected", [
    pytest.param('{"award": "LDTT",', "Lỗi: nội dung không phải JSON hợp lệ (dòng 1, cột", id="truncated-json"),
    pytest.param("", "Lỗi: nội dung không phải JSON hợp lệ", id="empty-input"),
    pytest.param(json.dumps(with_(VALID, award="XYZ")),
                 "Lỗi: hồ sơ xét không hợp lệ (trường award): mã hình thức khen thưởng không tồn tại: 'XYZ'",
                 id="unknown-award"),
    pytest.param(json.dumps(with_(VALID, year=1800)), "Lỗi: hồ sơ xét không hợp lệ (trường year)", id="bad-year"),
    pytest.param(json.dumps(with_(case("LDTT"), subject={"kind": "household"})),
                 "(trường subject.kind): Lao động tiên tiến không xét cho hộ gia đình", id="wrong-subject-kind"),
    pytest.param("[1, 2]", "Lỗi: hồ sơ xét không hợp lệ: hồ sơ xét phải là một đối tượng JSON", id="json-array"),
])
def test_cli_refuses_invalid_input_with_status_2(text, expected):
    code, out, err = run_cli(text)
    assert code == 2 and out == ""
    assert err.startswith("Lỗi:") and expected in err
    assert "Traceback" not in err


def test_cli_refuses_a_non_detailable_override():
    code, out, err = run_cli(json.dumps(VALID), overrides={"cstd_tinh_chain": 2})
    assert code == 2 and out == ""
    assert err.startswith("Lỗi:") and "overrides.cstd_tinh_chain" in err


def test_cli_missing_file():
    code, out, err = run_cli("", path="/nonexistent/ho-so.json")
    assert code == 2 and err.startswith("Lỗi: không tìm thấy tệp /nonexistent/ho-so.json")


def _console_script():
    """The installed `tdkt` command (`pip install -e .` puts it beside the interpreter)."""
    script = VENV_BIN / "tdkt"
    found = str(script) if script.exists() else shutil.which("tdkt")
    assert found, "the tdkt console script is not installed: run `make install`"
    return found


def _env():
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_console_script_answers_fast():
    script = _console_script()
    started = time.perf_counter()
    done = subprocess.run([str(script), "eligibility", "-"], input=json.dumps(VALID), capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, env=_env(), timeout=30)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    verdict = json.loads(done.stdout)
    assert verdict["eligible"] is True and verdict["rule_set"] == VN2022_152
    assert elapsed < 1.0, f"tdkt eligibility took {elapsed:.2f}s"


def test_console_script_refuses_invalid_case_without_traceback():
    script = _console_script()
    done = subprocess.run([str(script), "eligibility", "-"], input=json.dumps(with_(VALID, award="XYZ")),
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=_env(), timeout=30)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("Lỗi: hồ sơ xét không hợp lệ (trường award)")
    assert "Traceback" not in done.stderr


def test_console_script_province_override():
    script = _console_script()
    done = subprocess.run([str(script), "eligibility", "-", "--set", "ttldtt_ldtt_share=0.7",
                           "--set", "ttldtt_ldtt_share_strict=false"], input=json.dumps(TTLDTT),
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=_env(), timeout=30)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["eligible"] is False


def test_engine_and_cli_never_import_django():
    program = (
        "import io, json, sys\n"
        "from tdkt.rules.cli import run\n"
        "from tdkt.rules import evaluate\n"
        "out, err = io.StringIO(), io.StringIO()\n"
        "code = run('-', stdin=io.StringIO(sys.argv[1]), stdout=out, stderr=err)\n"
        "assert code == 0, err.getvalue()\n"
        "assert json.loads(out.getvalue())['eligible'] is True\n"
        "evaluate(json.loads(sys.argv[1]), overrides={'ttldtt_ldtt_share': 0.7})\n"
        "import tdkt.cli\n"
        "leaked = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(json.dumps(leaked))\n"
    )
    done = subprocess.run([sys.executable, "-c", program, json.dumps(VALID)], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env=_env(), timeout=30)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
