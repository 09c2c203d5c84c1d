"""The house rules of design.md that a linter does not check, checked on the source tree:
no module over 800 lines, no `_private` name imported from another module, one notion of today.
(The layering itself is import-linter's: `make lint`.)"""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(p for folder in ("tdkt", "bench", "tests") for p in (ROOT / folder).rglob("*.py")
                 if "migrations" not in p.parts)
PRODUCT = [p for p in SOURCES if p.parts[len(ROOT.parts)] == "tdkt" and "tests" not in p.parts]


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_no_module_over_800_lines():
    long = [f"{_rel(p)}: {n} dòng" for p in SOURCES if (n := len(p.read_text().splitlines())) > 800]
    assert not long, "Tách theo lĩnh vực con (design.md): " + "; ".join(long)


def test_no_private_name_is_imported_from_another_module():
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                module = (node.module or "").split(".")
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                private += [m for m in module if m.startswith("_") and not m.startswith("__")]
                found += [f"{_rel(path)}:{node.lineno} {name}" for name in private]
    assert not found, "Tên riêng (_…) dùng chung phải đổi thành tên công khai: " + "; ".join(found)


@pytest.mark.parametrize("pattern", [r"\bdate\.today\(\)", r"\bdatetime\.now\(\)", r"timezone\.now\(\)\.date\(\)"])
def test_the_product_asks_the_clock_for_today(pattern):
    """clock.today() is the province's today and follows clock.travel in tests."""
    found = [f"{_rel(p)}:{i}" for p in PRODUCT for i, line in enumerate(p.read_text().splitlines(), 1)
             if re.search(pattern, line)]
    assert not found, "Dùng tdkt.core.clock.today()/now(): " + "; ".join(found)
