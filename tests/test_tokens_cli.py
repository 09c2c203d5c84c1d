"""`tdkt tokens` reaches tdkt.accounts.cli (the project package may import every app; an app's tests
may not import the project's command)."""
import pytest

from tdkt.cli import build_parser, main


def test_the_tdkt_command_parses_tokens_subcommands():
    args = build_parser().parse_args(["tokens", "create", "vanthu.stc", "Kho", "--days", "30"])
    assert (args.action, args.user, args.name, args.days) == ("create", "vanthu.stc", "Kho", 30)
    assert build_parser().parse_args(["tokens", "revoke", "7"]).id == 7


@pytest.mark.django_db
def test_tdkt_tokens_create_then_list(world, capsys):
    with pytest.raises(SystemExit) as done:
        main(["tokens", "create", "vanthu.stc", "Kho dữ liệu", "--days", "30"])
    assert done.value.code == 0
    raw = capsys.readouterr().out.strip()
    assert raw.startswith("tdkt_")
    with pytest.raises(SystemExit) as done:
        main(["tokens", "list", "--user", "vanthu.stc"])
    assert done.value.code == 0 and "Kho dữ liệu" in capsys.readouterr().out
    with pytest.raises(SystemExit) as done:
        main(["tokens", "create", "khong.ai", "X"])
    assert done.value.code == 2 and "Không có tài khoản" in capsys.readouterr().err
