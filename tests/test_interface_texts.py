"""The site's own words come from docs/_data/interface in every language, checked at their lines.

Fast, no build: every key the templates and Python name exists; a key missing a language, a
standards criterion missing its Spanish (or Spanish with no English) and a link-contract
section a Spanish page lacks each fail with FILE:LINE:COL; links.js carries no English.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from jinja2 import Environment

from tests.support.build import ROOT
from wtiw.core.interface import LANGUAGES, interface_files, template_words, words
from wtiw.core.problems import InputError
from wtiw.core.site import SiteFolders
from wtiw.links.contract import LinkContractError, load_link_groups
from wtiw.links.targets import edition_titles
from wtiw.pages.standards import load_standards

DATA = ROOT / "docs" / "_data"
TEMPLATE_KEY = re.compile(r"""wtiw_t\(\s*["']([^"']+)["']\s*[,)]""")
PYTHON_KEY = re.compile(r"""\btext\(\s*f?["']([^"'{]+)["']""")


def used_keys() -> set[str]:
    """Every literal key a template passes to `wtiw_t` or our Python passes to `text`."""
    keys = {
        key
        for path in (ROOT / "overrides").rglob("*.html")
        for key in TEMPLATE_KEY.findall(path.read_text(encoding="utf-8"))
    }
    for path in (ROOT / "src" / "wtiw").rglob("*.py"):
        keys |= {k for k in PYTHON_KEY.findall(path.read_text(encoding="utf-8")) if "." in k}
    return keys


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_the_templates_and_python_use_exists(language: str):
    text = words(DATA, language, ROOT)
    keys = used_keys()
    assert {"site.crisis_bar.link", "professionals.kind.guide", "pages.standards.met"} <= keys
    # `_kind_label` names these by the link target's kind.
    keys |= {f"professionals.kind.{kind}" for kind in ("page", "section", "step")}
    missing = []
    for key in sorted(keys):
        try:
            assert text(key).strip()
        except KeyError:
            missing.append(key)
    assert missing == []
    # Control: a key no file has is refused by name, so the loop above can fail.
    with pytest.raises(KeyError, match=r"site\.no_such_key"):
        text("site.no_such_key")


def copy_data(tmp_path: Path) -> Path:
    """A copy of the interface files in a data folder of its own."""
    data = tmp_path / "_data"
    shutil.copytree(DATA / "interface", data / "interface")
    return data


def test_a_key_without_spanish_fails_at_its_line(tmp_path: Path):
    data = copy_data(tmp_path)
    site = data / "interface" / "site.yml"
    lines = site.read_text(encoding="utf-8").splitlines(keepends=True)
    key_line = lines.index("site.header.help_now:\n")
    assert lines[key_line + 2].startswith("  es:")
    del lines[key_line + 2]
    site.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as error:
        words(data, "es", tmp_path)
    message = str(error.value)
    assert re.search(rf"_data/interface/site\.yml:{key_line + 1}:1: `site.header.help_now` "
                     r"has no `es` text: add it", message), message  # fmt: skip
    # Control: the untouched copy loads.
    assert words(copy_data(tmp_path / "ok"), "es", tmp_path)("site.header.help_now")


def test_the_texts_python_writes_are_spanish_in_spanish():
    text = words(DATA, "es", ROOT)
    english = words(DATA, "en", ROOT)
    for key in ("professionals.kind.page", "pages.standards.summary", "site.copy.copied"):
        assert text(key) != english(key)
    assert text("pages.standards.summary", source="[x](y)", met=3, total=4) == (
        "Fuente: [x](y). Cumplidos: 3 de 4."
    )


def test_links_js_carries_no_english():
    script = (ROOT / "overrides" / "assets" / "javascripts" / "links.js").read_text("utf-8")
    code = re.sub(r"/\*.*?\*/", "", script, flags=re.S)
    english = words(DATA, "en", ROOT)
    for path in interface_files(DATA):
        for key in re.findall(r"^(site\.copy\.[\w.]+):", path.read_text("utf-8"), re.M):
            words_only = english(key).split("{")[0].strip("\u201c ")
            assert words_only not in code, key
    # Control: the words are what the page prints for the script.
    extras = (ROOT / "overrides/partials/professionals/page-extras.html").read_text("utf-8")
    assert "data-wtiw-copy-texts" in extras
    assert "data-wtiw-copy-texts" in code


def standards(tmp_path: Path, change: tuple[str, str]) -> str:
    """Load the standards in Spanish from a copy of es/ipdas.yml with one change made."""
    wording = tmp_path / "es-ipdas.yml"
    source = (DATA / "es" / "ipdas.yml").read_text(encoding="utf-8")
    assert change[0] in source
    wording.write_text(source.replace(change[0], change[1], 1), encoding="utf-8")
    paths = (DATA / "ipdas.yml", DATA / "standards.yml")
    wordings = (wording, DATA / "es" / "standards.yml")
    with pytest.raises(InputError) as error:
        load_standards(paths, ROOT, words(DATA, "es", ROOT), wordings)
    return str(error.value)


def test_standards_wording_cannot_drift(tmp_path: Path):
    spanish = load_standards(
        (DATA / "ipdas.yml", DATA / "standards.yml"),
        ROOT,
        words(DATA, "es", ROOT),
        (DATA / "es" / "ipdas.yml", DATA / "es" / "standards.yml"),
    )
    english = load_standards(
        (DATA / "ipdas.yml", DATA / "standards.yml"), ROOT, words(DATA, "en", ROOT)
    )

    # Same criteria and links; other words.
    def places(found: list) -> list:
        return [[(c.id, [(p.page, p.anchor) for p in c.met_by]) for c in s.criteria] for s in found]

    assert places(spanish) == places(english)
    assert spanish[0].criteria[0].criterion == "Describe el problema sobre el que hay que decidir."
    # A criterion gone from the Spanish is named at its English line.
    message = standards(tmp_path, ("  C6:\n", "  C6x:\n"))
    assert re.search(r"docs/_data/ipdas\.yml:\d+:\d+: `criteria.C6` has no wording", message)
    assert re.search(r"es-ipdas\.yml:\d+:\d+: `C6x` is not in docs/_data/ipdas\.yml", message)
    # A place missing: the list's length, at the Spanish line.
    message = standards(tmp_path, ('      - "Qué fuentes valen."\n', ""))
    assert re.search(r"es-ipdas\.yml:\d+:\d+: `criteria.C2.met_by` has 1 items here and 2", message)


def test_a_section_a_spanish_page_lacks_fails(tmp_path: Path):
    groups = load_link_groups(DATA / "links")
    docs = tmp_path / "es"
    shutil.copytree(ROOT / "docs" / "es", docs)
    about = docs / "about.md"
    source = about.read_text(encoding="utf-8")
    assert "{#feedback}" in source
    folders = SiteFolders(docs, ROOT / "overrides", DATA, "es")
    titled = edition_titles(groups, folders)
    about_group = next(g for g in titled if g.page.path == "about/")
    assert about_group.page.title == "Sobre esta guía"
    # A heading a macro writes takes the interface text that reads as its English title.
    guide_map = next(g for g in titled if g.page.path == "guide-map/")
    assert [child.title for child in guide_map.children if child.kind == "section"] == [
        "Las preguntas y a dónde lleva cada respuesta",
        "Las sugerencias del final de la guía",
        "La guía en un diagrama",
    ]
    about.write_text(source.replace("{#feedback}", "{#feedback-es}"), encoding="utf-8")
    with pytest.raises(LinkContractError, match=r"about\.md:1:1: .*`\{#feedback\}`"):
        edition_titles(groups, folders)


def test_interface_texts_and_their_values_print_as_text_in_the_theme(tmp_path: Path):
    """An interface text is content: markup in it, or in a value put into it, shows as text.

    MkDocs' theme environment does not autoescape (`tests/support/theme.py` says why), so
    `wtiw_t` must escape; a text that came out as markup would be a way to inject HTML.
    """
    data = tmp_path / "_data"
    (data / "interface").mkdir(parents=True)
    (data / "interface" / "site.yml").write_text(
        'site.a:\n  en: <b>x</b> & "q"\n  es: <i>y</i>\n'
        "site.b:\n  en: Reviewed {date}\n  es: Revisado {date}\n",
        encoding="utf-8",
    )
    theme = Environment(autoescape=False)
    for language, shown in (
        ("en", "&lt;b&gt;x&lt;/b&gt; &amp; &#34;q&#34;"),
        ("es", "&lt;i&gt;y&lt;/i&gt;"),
    ):
        theme.globals["wtiw_t"] = template_words(data, language, tmp_path)
        assert theme.from_string('{{ wtiw_t("site.a") }}').render() == shown
    value = '<a href="x">1 May</a>'
    rendered = theme.from_string('{{ wtiw_t("site.b", date=value) }}').render(value=value)
    assert rendered == "Revisado &lt;a href=&#34;x&#34;&gt;1 May&lt;/a&gt;"
