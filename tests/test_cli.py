"""The `tdkt` entry point (tdkt/cli.py) dispatches to each app's command; it sits above every app,
so its tests live here rather than in an app's tests."""
import pytest

from tdkt import cli
from tdkt.imports.tests.helpers import PEOPLE_HEADER, xlsx

pytestmark = pytest.mark.django_db


def test_tdkt_import_through_the_entry_point_refuses_a_unit_outside_the_clerks_scope(world, tmp_path, capsys):
    path = tmp_path / "cn.xlsx"
    path.write_bytes(xlsx(PEOPLE_HEADER, [[1, "Lò Văn Sáu", "Nam", "", "", "", "SYT"]]))
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["import", "people", str(path), "--user", "vanthu.stc"])
    assert exit_info.value.code == 1           # unit B ("SYT") is outside clerk A's scope
    assert "SYT" in capsys.readouterr().out
