"""Partials we copy from Material stay Material's own, but for one deliberate change each.

An upgrade of mkdocs-material that changes one of these partials anywhere else fails here, so
our copy is derived again from the new one instead of silently keeping old markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import material
import pytest

from tests.support.build import ROOT

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
# Each file opens with a Jinja comment: Material's says "generated", ours says why we differ.
HEADER_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


@dataclass(frozen=True)
class Change:
    """The one place an override differs from Material's partial: their text, then ours."""

    partial: str
    theirs: str
    ours: str


CHANGES = [
    # The search dialog gets a name (axe rule aria-dialog-name).
    Change(
        "partials/search.html",
        'role="dialog">',
        """role="dialog" aria-label="{{ lang.t('search') }}">""",
    ),
    # __md_get and __md_set reach localStorage inside try/catch, so blocked storage cannot throw.
    Change(
        "partials/javascripts/base.html",
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        "__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(",
        "__md_get=(e,_,t=__md_scope)=>{try{return JSON.parse((_||localStorage).getItem("
        't.pathname+"."+e))}catch(e){return null}},'
        "__md_set=(e,_,t,a=__md_scope)=>{try{(t||localStorage).setItem(",
    ),
]


def body(folder: Path, partial: str) -> str:
    """A partial's text without its header comment."""
    return HEADER_COMMENT.sub("", (folder / partial).read_text(encoding="utf-8"))


def drifted(change: Change, theirs: str, ours: str) -> bool:
    """True unless `ours` is `theirs` with the change made once and nothing else."""
    return theirs.count(change.theirs) != 1 or theirs.replace(change.theirs, change.ours) != ours


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.partial)
def test_override_is_materials_partial_but_for_one_change(change: Change):
    theirs = body(MATERIAL_TEMPLATES, change.partial)
    ours = body(OVERRIDES, change.partial)
    assert change.ours in ours, f"overrides/{change.partial} lost its change"
    assert not drifted(change, theirs, ours), (
        f"Material's {change.partial} changed: derive overrides/{change.partial} from it again"
    )


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.partial)
@pytest.mark.parametrize(
    "upgrade",
    [
        pytest.param(lambda text, change: text + "<!-- new -->\n", id="elsewhere"),
        pytest.param(
            lambda text, change: text.replace(change.theirs, change.theirs.replace("e", "x", 1)),
            id="where-we-change-it",
        ),
    ],
)
def test_an_upgraded_material_partial_is_caught(change: Change, upgrade):
    """Control: a change in Material's partial, anywhere, counts as drift."""
    theirs = body(MATERIAL_TEMPLATES, change.partial)
    assert drifted(change, upgrade(theirs, change), body(OVERRIDES, change.partial))


def test_every_copied_partial_is_checked():
    """A new override of a Material partial needs its entry in CHANGES."""
    copied = {
        path.relative_to(OVERRIDES).as_posix()
        for path in (OVERRIDES / "partials").rglob("*.html")
        if (MATERIAL_TEMPLATES / path.relative_to(OVERRIDES)).is_file()
    }
    assert copied == {change.partial for change in CHANGES}
