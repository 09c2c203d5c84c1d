"""`tdkt import`: the same checks and writes from the command line, with exit codes 0, 1 and 2."""
import io

import pytest

from tdkt.awards.models import AwardRecord, Decision
from tdkt.imports.cli import run_import
from tdkt.org.models import Person

from .helpers import AWARD_HEADER, PEOPLE_HEADER, xlsx

GOOD = [[1, "Nguyễn Văn Đức", "17/05/1980", "STC-NS", "", "Chiến sỹ thi đua cơ sở", 2024, "", "", "7/QĐ-STC",
         "20/12/2024", ""],
        [2, "Nguyễn Văn Đức", "17/05/1980", "STC-NS", "", "Bằng khen UBND tỉnh", 2024, "", "", "8/QĐ-UBND",
         "15/01/2025", ""]]
BAD = GOOD[:1] + [[2, "Nguyễn Văn Đức", "17/05/1980", "STC-NS", "", "Bằng khen UBND tỉnh", 2024, "", "",
                   "8/QĐ-UBND", "32/01/2025", ""]]


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def run(*args, **kwargs):
    out = io.StringIO()
    code = run_import(*args, out=out, **kwargs)
    return code, out.getvalue()


@pytest.mark.django_db
class TestCommandLine:
    def test_a_valid_file_previews_then_commits(self, world, tmp_path):
        path = write(tmp_path, "kt.xlsx", xlsx(AWARD_HEADER, GOOD))
        code, output = run("awards", path, username="vanthu.stc")
        assert code == 0 and "Tệp hợp lệ: 2 dòng dữ liệu" in output and "--commit" in output
        assert "Kiểm tra: 2/2 dòng (100%)" in output
        assert not AwardRecord.objects.filter(decision__isnull=False).exists()

        code, output = run("awards", path, commit=True, username="vanthu.stc")
        assert code == 0, output
        assert "Đã ghi 2 khen thưởng, 2 quyết định mới." in output
        assert set(AwardRecord.objects.filter(decision__isnull=False).values_list("award_type__code", flat=True)) == {
            "CSTD_CS", "BK_TINH"}

    def test_bad_rows_are_printed_with_row_and_column_and_nothing_is_saved(self, world, tmp_path):
        path = write(tmp_path, "kt.xlsx", xlsx(AWARD_HEADER, BAD))
        for commit in (False, True):
            code, output = run("awards", path, commit=commit, username="vanthu.stc")
            assert code == 1
            assert "Dòng 3, cột Ngày quyết định: Ngày quyết định “32/01/2025” không phải ngày hợp lệ" in output
            assert "chưa ghi gì vào hệ thống" in output
        assert not Decision.objects.exists()

    def test_an_unreadable_file_exits_2(self, world, tmp_path):
        path = write(tmp_path, "hong.xlsx", b"day khong phai excel")
        code, output = run("people", path)
        assert code == 2 and "không phải là tệp Excel .xlsx hợp lệ" in output
        code, output = run("people", str(tmp_path / "khong-co.xlsx"))
        assert code == 2 and "không mở được tệp" in output

    def test_without_a_user_the_system_imports_anywhere_and_a_viewer_cannot(self, world, tmp_path):
        path = write(tmp_path, "cn.xlsx", xlsx(PEOPLE_HEADER, [[1, "Lò Văn Sáu", "Nam", "", "", "", "SYT"]]))
        assert run("people", path, username="nguoixem")[0] == 2
        assert run("people", path, username="khong-ai")[0] == 2
        code, output = run("people", path, commit=True)
        assert code == 0 and "Đã ghi 1 cá nhân." in output
        assert Person.objects.get(full_name="Lò Văn Sáu").unit == world.unit_b
