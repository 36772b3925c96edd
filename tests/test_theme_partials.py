"""Every template seam between overrides/ and Material is recorded; an upgrade that moves one fails.

Three kinds of seam, each found from the folders rather than listed by hand, so a new one without
a record fails here:

- a file in overrides/ that shadows one of Material's templates (a copied partial, or a
  replacement such as main.html and 404.html);
- one of Material's templates that our templates include by name (embed.html's palette);
- a `{% block %}` of Material's base.html that one of our templates overrides, whether it
  replaces Material's content or calls super() and builds on it.

For each we record the sha256 of Material's text as it was when we wrote our side, and what to
re-check when it changes. Copied partials are also compared with Material's own, allowing only
their one stated change, so a copy cannot silently diverge.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parents[1]
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
# The mkdocs-material version the records below were taken from; update it with the records.
WRITTEN_FOR = "9.8.2"
# Each file opens with a Jinja comment: Material's says "generated", ours says why we differ.
HEADER_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)
# A template named by a string literal: include, import and from (extends is the blocks' part).
NAMED_TEMPLATE = re.compile(
    r"\{%-?\s*(?:include|import|from)\s+[\"']([^\"']+)[\"']\s*(?:-?%\}|import\b|as\b|with|ignore)"
)
BLOCK_OPEN = re.compile(r"\{%-?\s*block\s+(\w+)")
BLOCK_TAG = re.compile(r"\{%-?\s*(?:block\s+(\w+)|endblock)\b[^%]*%\}")


@dataclass(frozen=True)
class Recorded:
    """Material's text as we last read it (sha256), and what to re-check when it changes."""

    sha256: str
    recheck: str


# Material templates that a file in overrides/ shadows or that our templates include by name.
MATERIAL_FILES = {
    "main.html": Recorded(
        "9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0",
        "Material's main.html only extended base.html; overrides/main.html replaces it, so "
        "anything Material now adds there must be carried into overrides/main.html.",
    ),
    "404.html": Recorded(
        "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
        "overrides/404.html replaces Material's 404 page (title, skip link, ways back, crisis "
        "link): carry over anything new that Material's page does.",
    ),
    "partials/search.html": Recorded(
        "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
        "Copy Material's new partial into overrides/partials/search.html again and make only "
        "the change listed in CHANGES (the search dialog's name).",
    ),
    "partials/header.html": Recorded(
        "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
        "Copy Material's new partial into overrides/partials/header.html again and make only "
        'the change listed in CHANGES (the "Help now" link before the header\'s buttons).',
    ),
    "partials/javascripts/base.html": Recorded(
        "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
        "Copy Material's new partial into overrides/partials/javascripts/base.html again and "
        "make only the change listed in CHANGES (storage read inside try/catch); the embed "
        "tests prove the palette script survives blocked storage.",
    ),
    "partials/palette.html": Recorded(
        "fb935107ae7d3d7475965019eec36c1ad72bf1d154254dab2474921fcd2710e3",
        "overrides/embed.html includes the palette form in a hidden header so the embed form "
        "follows the reader's light or dark setting: check it still works outside the header.",
    ),
    "partials/javascripts/palette.html": Recorded(
        "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
        "overrides/embed.html includes the palette script in a hidden header: check it still "
        "needs nothing from the header it no longer gets.",
    ),
}

# Blocks of Material's base.html that our templates override, with super() or without.
BLOCKS = {
    "htmltitle": Recorded(
        "8ebd0d3f80cb7be8baa6a77ed0759e9d08eba8a72047270089a452cd911f83ef",
        "main.html keeps Material's title (super()) except on the home page, titled by the site "
        "name alone; 404.html writes its own.",
    ),
    "extrahead": Recorded(
        "1764749c48ef0bd1131cec225d4475a511abe9b8aaac7f8f20a1eb0df0a18327",
        "Material leaves it empty; main.html (meta data, referrer policy) and embed.html "
        "(noindex) add to it after super(): check nothing Material now puts there clashes.",
    ),
    "announce": Recorded(
        "1b4e36fad285df270dadadbad14fc78d02c1dfa74c9d8124847da956f657293d",
        "The crisis bar (main.html) and the 404 skip link live in Material's announce banner: "
        "check it is still above the header on every page and cannot be dismissed.",
    ),
    "content": Recorded(
        "e7e77c2e082ef76171f8807dccaebedd1bc41af76d4c4ec3d19012eb8636eac1",
        "super() is Material's page body (partials/content.html); main.html and embed.html "
        "add around it, 404.html replaces it: check the body is still all of a page's content.",
    ),
    "header": Recorded(
        "7544323ee44440e5c3f2b4e9061bd126b5f4d77ad7b20ffc334744415da4f960",
        "embed.html replaces the header with a hidden one holding the palette: check Material's "
        "script needs nothing more from it, and that material-seams.css's "
        ".wtiw-embed-header ~ .md-container rules still reach the layout.",
    ),
    "tabs": Recorded(
        "ff8fb6ff81cb80d6dc6200cd11821f59e7846229c34a1ffc6298f015b52df9a7",
        "embed.html empties it: check it still holds only the navigation tabs.",
    ),
    "site_nav": Recorded(
        "08b0b8418133d46ea078a7737f096bed62048ed4be5f9c1ba790b3cd3f498cbc",
        "embed.html empties it: check it still holds only the navigation and contents sidebars.",
    ),
    "footer": Recorded(
        "e501ed9a997ad2bbd19652be15f237e7bcd2c985624172ff02fc67968b510ef8",
        "embed.html empties it: check it still holds only the site footer.",
    ),
    "scripts": Recorded(
        "66cc07f62fe03dd2b41d9d1f94be4f466246e551c41240f6a10f438cc53c3e90",
        "embed.html adds embed-frame.js after super(): check Material's bundle and our "
        "extra_javascript still load there.",
    ),
}


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
    # A "Help now" link in the sticky header: crisis help one tap away at any scroll position.
    Change(
        "partials/header.html",
        "    {% if config.theme.palette %}\n",
        '    <a class="wtiw-header-help" href="{{ \'help-now/\' | url }}" '
        'data-wtiw-header-help>{{ wtiw_t("site.header.help_now") }}</a>\n'
        "    {% if config.theme.palette %}\n",
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


def sha256(text: str) -> str:
    """The hex sha256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def material_text(name: str) -> str:
    """One of the installed Material templates."""
    return (MATERIAL_TEMPLATES / name).read_text(encoding="utf-8")


def our_templates() -> dict[str, str]:
    """Every HTML template in overrides/, by its path there."""
    return {
        path.relative_to(OVERRIDES).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(OVERRIDES.rglob("*.html"))
    }


def material_files_we_use() -> dict[str, list[str]]:
    """Material templates we shadow or include by name, each with the files of ours that do."""
    used: dict[str, list[str]] = {}
    for path in sorted(p for p in OVERRIDES.rglob("*") if p.is_file()):
        name = path.relative_to(OVERRIDES).as_posix()
        if (MATERIAL_TEMPLATES / name).is_file():
            used.setdefault(name, []).append(name)
    copies = {change.partial for change in CHANGES}
    for ours, text in our_templates().items():
        if ours in copies:
            continue  # Material's own includes, checked with the rest of the copy below.
        for name in NAMED_TEMPLATE.findall(text):
            if not (OVERRIDES / name).is_file() and (MATERIAL_TEMPLATES / name).is_file():
                used.setdefault(name, []).append(ours)
    return used


def blocks_we_override() -> dict[str, list[str]]:
    """Blocks our extending templates define, each with the files that define it."""
    blocks: dict[str, list[str]] = {}
    for ours, text in our_templates().items():
        if "{% extends" in text:
            for name in BLOCK_OPEN.findall(text):
                blocks.setdefault(name, []).append(ours)
    return blocks


def block_text(template: str, name: str) -> str | None:
    """Block `name` of a template, from its tag to its matching endblock; None if absent."""
    depth = 0
    start: int | None = None
    for tag in BLOCK_TAG.finditer(template):
        if start is None:
            if tag.group(1) == name:
                start, depth = tag.start(), 1
            continue
        depth += 1 if tag.group(1) else -1
        if depth == 0:
            return template[start : tag.end()]
    return None


def upgrade_note(what: str, users: list[str], recheck: str, new_sha: str, record: str) -> str:
    """The failure message: which of our files, the version they were written for, what to do."""
    ours = ", ".join(f"overrides/{name}" for name in users)
    return (
        f"{what} changed in mkdocs-material {version('mkdocs-material')}; {ours} was written "
        f"for mkdocs-material {WRITTEN_FOR}. Re-check: {recheck} Then record sha256 {new_sha} "
        f"in {record} in tests/test_theme_partials.py and update WRITTEN_FOR."
    )


def test_every_material_file_we_shadow_or_include_is_recorded():
    """A new override or include of a Material template needs its record in MATERIAL_FILES."""
    used = material_files_we_use()
    missing = {name: users for name, users in used.items() if name not in MATERIAL_FILES}
    assert not missing, f"record these in MATERIAL_FILES (Material template: our files): {missing}"
    assert set(MATERIAL_FILES) <= set(used), "MATERIAL_FILES lists a template we no longer use"


@pytest.mark.parametrize("name", sorted(MATERIAL_FILES))
def test_material_file_is_the_one_we_wrote_against(name: str):
    recorded = MATERIAL_FILES[name]
    assert (MATERIAL_TEMPLATES / name).is_file(), (
        f"Material no longer has templates/{name}; overrides/ uses it (written for "
        f"mkdocs-material {WRITTEN_FOR}). Re-check: {recorded.recheck}"
    )
    actual = sha256(material_text(name))
    users = material_files_we_use().get(name, [name])
    assert actual == recorded.sha256, upgrade_note(
        f"Material's templates/{name}", users, recorded.recheck, actual, "MATERIAL_FILES"
    )


def test_every_block_we_override_is_recorded():
    """A new block override needs its record in BLOCKS, whatever template it is in."""
    blocks = blocks_we_override()
    missing = {name: users for name, users in blocks.items() if name not in BLOCKS}
    assert not missing, f"record these in BLOCKS (block: our files): {missing}"
    assert set(BLOCKS) <= set(blocks), "BLOCKS lists a block we no longer override"


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_block_we_override_is_unchanged_in_material(name: str):
    recorded = BLOCKS[name]
    users = blocks_we_override().get(name, [])
    text = block_text(material_text("base.html"), name)
    assert text is not None, (
        f"Material's base.html has no block {name} any more, so "
        f"{', '.join(f'overrides/{u}' for u in users)} (written for mkdocs-material "
        f"{WRITTEN_FOR}) override nothing. Re-check: {recorded.recheck}"
    )
    actual = sha256(text)
    assert actual == recorded.sha256, upgrade_note(
        f"Block {name} of Material's base.html", users, recorded.recheck, actual, "BLOCKS"
    )


def test_block_text_follows_nesting():
    """Control: a block holding another ends at its own endblock, and a missing one is None."""
    outer = "{% block a %}1{% block b %}2{% endblock %}3{% endblock a %}"
    template = outer + "4"
    assert block_text(template, "a") == outer
    assert block_text(template, "b") == "{% block b %}2{% endblock %}"
    assert block_text(template, "c") is None


def test_an_upgraded_block_is_caught():
    """Control: a change inside a block we override changes its recorded hash."""
    base = material_text("base.html")
    upgraded = base.replace("{% block header %}", "{% block header %}<!-- new -->", 1)
    assert sha256(block_text(upgraded, "header") or "") != BLOCKS["header"].sha256


def test_named_templates_are_found_but_not_computed_ones():
    """Control: literal include and import names count; `".icons/" ~ icon` does not."""
    text = (
        '{% include "partials/palette.html" %}{% from "partials/x.html" import y %}'
        '{% include ".icons/" ~ icon ~ ".svg" %}'
    )
    assert NAMED_TEMPLATE.findall(text) == ["partials/palette.html", "partials/x.html"]


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
        f"Material's {change.partial} changed: derive overrides/{change.partial} from it again "
        f"(it was written for mkdocs-material {WRITTEN_FOR})"
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
def test_an_upgraded_material_partial_is_caught(
    change: Change, upgrade: Callable[[str, Change], str]
):
    """Control: a change in Material's partial, anywhere, counts as drift."""
    theirs = body(MATERIAL_TEMPLATES, change.partial)
    assert drifted(change, upgrade(theirs, change), body(OVERRIDES, change.partial))


def test_every_copied_partial_is_checked():
    """A new copy of a Material partial needs its one change in CHANGES."""
    copied = {
        path.relative_to(OVERRIDES).as_posix()
        for path in (OVERRIDES / "partials").rglob("*.html")
        if (MATERIAL_TEMPLATES / path.relative_to(OVERRIDES)).is_file()
    }
    assert copied == {change.partial for change in CHANGES}
