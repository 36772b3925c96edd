"""CSS that depends on Material's internals lives in material-seams.css, written for one version.

The rule: a stylesheet of ours other than material-seams.css selects only our own markup. It
names no Material class (`.md-…`), attribute (`[data-md-…]`) or state (`.no-js`), and sets no
Material custom property (`--md-…`). It may read Material's colour and font variables, such as
`var(--md-default-fg-color--light)` or `var(--md-code-font-family)`: they are the theme's
public palette, set for both colour schemes, and reading one cannot break a layout. Anything
else of Material's, including its breakpoints and header height, belongs in material-seams.css,
whose header names the mkdocs-material version it was written for; upgrading Material fails
here until someone has re-checked that file and changed the version.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
OVERRIDES = ROOT / "overrides"
SEAMS = OVERRIDES / "assets" / "stylesheets" / "material-seams.css"
WRITTEN_FOR = re.compile(r"Written for mkdocs-material (\d+(?:\.\d+)+)")
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
MATERIAL_NAME = re.compile(r"\.md-[\w-]+|data-md-[\w-]*|\.no-js\b")
MATERIAL_VARIABLE = re.compile(r"(var\(\s*)?(--md-[\w-]+)")
# Readable variables: Material's colours (--md-…-color, with shades such as --light) and fonts.
READABLE = re.compile(r"--md-[a-z]+(?:-[a-z]+)*-(?:color(?:--[a-z]+)?|font-family)")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV tags."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def without_comments(css: str) -> str:
    """The stylesheet with comments blanked out, keeping line numbers."""
    return COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), css)


def material_dependencies(css: str) -> list[str]:
    """Each use of Material's internals in a stylesheet, as `line N: name`."""
    found = []
    for number, line in enumerate(without_comments(css).splitlines(), start=1):
        found += [f"line {number}: {m.group()}" for m in MATERIAL_NAME.finditer(line)]
        found += [
            f"line {number}: {m.group(2)}"
            for m in MATERIAL_VARIABLE.finditer(line)
            if not (m.group(1) and READABLE.fullmatch(m.group(2)))
        ]
    return found


def our_stylesheets() -> list[Path]:
    """Every stylesheet in overrides/ but the one meant for Material's internals."""
    return sorted(path for path in OVERRIDES.rglob("*.css") if path != SEAMS)


@pytest.mark.parametrize("path", our_stylesheets(), ids=lambda path: path.name)
def test_only_material_seams_css_depends_on_materials_internals(path: Path):
    found = material_dependencies(path.read_text(encoding="utf-8"))
    assert not found, (
        f"{path.relative_to(ROOT)} uses Material's internals; move those rules to "
        f"material-seams.css or select our own classes instead: {found}"
    )


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        (".md-header { color: red; }", ["line 1: .md-header"]),
        ('[data-md-toggle="search"] { x: y; }', ["line 1: data-md-toggle"]),
        (".no-js .a { x: y; }", ["line 1: .no-js"]),
        ("a { --md-typeset-a-color: #000; }", ["line 1: --md-typeset-a-color"]),
        ("a { color: var(--md-primary-fg-color); }", []),
        ("a { color: var(--md-default-fg-color--lightest); }", []),
        ("a { font-family: var(--md-text-font-family, sans-serif); }", []),
        ("a { top: var(--md-scroll-offset); }", ["line 1: --md-scroll-offset"]),
        ("/* Material's .md-header */\n.wtiw-x { color: red; }", []),
    ],
)
def test_material_dependencies_are_found(css: str, expected: list[str]):
    """Control: the check finds Material's names and written variables, not colour reads."""
    assert material_dependencies(css) == expected


def test_material_seams_css_was_written_for_the_installed_material():
    header = WRITTEN_FOR.search(SEAMS.read_text(encoding="utf-8"))
    assert header, f"{SEAMS.relative_to(ROOT)} must say 'Written for mkdocs-material X.Y.Z'"
    installed = version("mkdocs-material")
    assert header.group(1) == installed, (
        f"{SEAMS.relative_to(ROOT)} was written for mkdocs-material {header.group(1)}, but "
        f"{installed} is installed. Re-check each rule group in it against the new Material "
        "(class names, data-md attributes, breakpoints, header height, print styles; build and "
        "run the a11y and print tests), then change the version in its header."
    )


def test_material_seams_css_loads_before_the_stylesheets_that_follow_it():
    """The cascade its header promises: after site.css and professionals.css, before the rest."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _ConfigLoader)
    names = [Path(str(entry)).name for entry in config.get("extra_css", [])]
    assert "material-seams.css" in names, "list material-seams.css in mkdocs.yml's extra_css"
    seams = names.index("material-seams.css")
    assert {"site.css", "professionals.css"} <= set(names[:seams]), names
    assert {"print.css", "guide.css", "a11y.css"} <= set(names[seams + 1 :]), names
