"""The build code's shape: one package, one module that knows MkDocs, no path tricks.

Features (guide, links, pages, handout, embed, post-build) are plain Python that any site
generator could call; `src/wtiw/mkdocs_plugin.py` is the one adapter. Keeping it that way is
what makes moving off MkDocs a change to one file.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.build import ROOT

PACKAGE = ROOT / "src" / "wtiw"
ADAPTER = PACKAGE / "mkdocs_plugin.py"
# Distributions' modules that only exist inside a MkDocs build.
MKDOCS_MODULES = {"mkdocs", "material", "mkdocs_macros", "mkdocs_redirects", "properdocs"}


def imported_roots(source: Path) -> set[str]:
    """Top-level module names a Python file imports (anywhere in it, not only at the top)."""
    roots = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def modules_importing_mkdocs(package: Path) -> list[str]:
    """The package's modules that import MkDocs or one of its plugins, package-relative."""
    return sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if imported_roots(path) & MKDOCS_MODULES
    )


def test_only_the_plugin_imports_mkdocs():
    assert modules_importing_mkdocs(PACKAGE) == [ADAPTER.name]


def test_the_check_finds_a_second_adapter(tmp_path: Path):
    copy = tmp_path / "wtiw"
    copy.mkdir()
    (copy / "mkdocs_plugin.py").write_text("import mkdocs\n", encoding="utf-8")
    (copy / "feature.py").write_text("def f():\n    from mkdocs.utils import x\n", encoding="utf-8")
    (copy / "plain.py").write_text("import yaml\n", encoding="utf-8")
    assert len(modules_importing_mkdocs(copy)) == 2


def test_build_code_does_not_touch_sys_path():
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "sys.path" in path.read_text(encoding="utf-8")
    ]
    assert not offenders, f"import through the installed package instead: {offenders}"


def test_the_old_layout_is_gone():
    leftovers = [name for name in ("macros", "hooks") if (ROOT / name).exists()]
    assert not leftovers, f"build code lives in src/wtiw/ now; remove {leftovers}"
