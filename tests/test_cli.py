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


def test_tdkt_decision_numbers_gives_the_register_numbers_all_or_nothing(world, tmp_path, capsys):
    """`tdkt decision-numbers FILE --user U`: a clerk is refused; a row out of order is named and
    nothing is saved; the corrected file numbers the signed decision."""
    import datetime as dt

    from tdkt.awards import services as award_services
    from tdkt.awards.models import Decision
    from tdkt.core import clock
    from tdkt.dossiers.services import decisions
    from tdkt.dossiers.tests.factories import ready_dossier, through_disclosure

    award_services.create_decision(world.officer, number="5/QĐ-UBND", signed_on=clock.today() - dt.timedelta(days=1),
                                   authority="province_chair", issuer_name="UBND tỉnh Hà Nam")
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    through_disclosure(world, dossier)
    decision = decisions.issue_decision(world.leader, dossier, signer_name="Trương Quốc Huy")
    header = ["Mã hồ sơ", "Số, ký hiệu", "Ngày ban hành", "Lý do"]
    path = tmp_path / "so.xlsx"
    path.write_bytes(xlsx(header, [[dossier.code, "4/QĐ-UBND", clock.today().strftime("%d/%m/%Y"), ""]]))
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["decision-numbers", str(path), "--user", "vanthu.stc"])
    assert exit_info.value.code == 2 and "văn thư" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["decision-numbers", str(path), "--user", "canbo.tinh"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 1 and f"Dòng 2 ({dossier.code}): Số 4/QĐ-UBND" in err and "Chưa ghi số nào." in err
    assert Decision.objects.get(pk=decision.pk).awaiting_number
    path.write_bytes(xlsx(header, [[dossier.code, "6/QĐ-UBND", clock.today().strftime("%d/%m/%Y"), ""]]))
    cli.main(["decision-numbers", str(path), "--user", "canbo.tinh"])
    assert "Đã cấp số 1 quyết định." in capsys.readouterr().out
    assert Decision.objects.get(pk=decision.pk).number == "6/QĐ-UBND"
