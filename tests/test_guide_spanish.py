"""The guide in Spanish: the English routing with the Spanish words, and no English left.

One routing, two wordings (issue 24): the Spanish tree is the English one with the words of
docs/_data/es/guide.yaml and es/options.yaml, so its steps and where each answer leads are
the English file's; a step or answer in one language only stops the build at its line. The
guide's own words (buttons, headings, what the scripts say) come from
docs/_data/interface/guide.yml, so the Spanish page has the English page's markup with
other words.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.build import ROOT, build, copy_project
from wtiw.core.interface import LANGUAGES
from wtiw.core.problems import InputError
from wtiw.core.site import PROJECT, SiteFolders
from wtiw.core.yaml_reader import load_document
from wtiw.guide import model
from wtiw.guide.page import site_tree
from wtiw.guide.render import GuideContext, render_guide, render_map

LABEL = "docs/_data/guide.yaml"
SPANISH = PROJECT.data / "es" / "guide.yaml"
INTERFACE = PROJECT.data / "interface" / "guide.yml"


def spanish_folders(data: Path) -> SiteFolders:
    """The Spanish edition's folders over the data folder `data` (its pages beside it)."""
    return SiteFolders(data.parent / "es", PROJECT.templates, data, "es")


def test_the_spanish_tree_has_the_english_steps_and_routes():
    english = site_tree(PROJECT, LABEL)
    spanish = site_tree(spanish_folders(PROJECT.data), LABEL)
    assert list(spanish.steps) == list(english.steps)
    assert spanish.start == english.start
    for question in english.questions:
        theirs = spanish.steps[question.id]
        assert [(a.key, a.next) for a in theirs.answers] == [
            (a.key, a.next) for a in question.answers
        ]
        # Control: the words are the Spanish file's, not the English.
        assert theirs.title != question.title
    assert spanish.catalog is not None
    assert english.catalog is not None
    assert list(spanish.catalog.options) == list(english.catalog.options)
    assert spanish.catalog.options["new-therapist"].title != (
        english.catalog.options["new-therapist"].title
    )
    assert site_tree(PROJECT, LABEL).steps["are-you-safe"].title == "Are you safe right now?"


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the English pages and the data folder, whose Spanish words a test changes."""
    docs = tmp_path_factory.mktemp("project") / "docs"
    top = str(PROJECT.docs)
    shutil.copytree(PROJECT.docs, docs, ignore=lambda folder, _: ["es"] if folder == top else [])
    return docs / "_data"


def place(text: str, needle: str, after: str = "") -> tuple[int, int]:
    """1-based line and column of `needle`, the first after `after`, in `text`."""
    index = text.index(needle, text.index(after) if after else 0)
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def problems_with(data: Path, old: str, new: str) -> list[str]:
    """The problems `site_tree` names once `old` becomes `new` in the copy's Spanish words."""
    text = SPANISH.read_text(encoding="utf-8")
    assert old in text, "the Spanish file changed: update this test"
    (data / "es" / "guide.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        site_tree(spanish_folders(data), LABEL)
    except InputError as error:
        return [str(problem) for problem in error.problems]
    finally:
        (data / "es" / "guide.yaml").write_text(text, encoding="utf-8")
    return []


def test_the_copy_builds_until_a_test_changes_it(data_copy: Path):
    """Control: the copy's Spanish tree is good, so the problems below are the changes'."""
    assert problems_with(data_copy, "steps:", "steps:") == []


def test_an_answer_missing_in_spanish_is_named_where_the_english_has_it(data_copy: Path):
    english = (PROJECT.data / "guide.yaml").read_text(encoding="utf-8")
    line, column = place(english, "label:", after="key: not-sure")
    assert problems_with(data_copy, "      not-sure: No lo sé\n", "") == [
        f"{LABEL}:{line}:{column}: `steps.are-you-safe.answers.not-sure` has no wording in "
        "docs/_data/es/guide.yaml: add it there (every step, answer and text needs both "
        "languages)."
    ]


def test_a_step_only_in_spanish_is_named_at_its_line(data_copy: Path):
    text = SPANISH.read_text(encoding="utf-8")
    line = text.count("\n", 0, text.index("  get-help-now:")) + 1
    assert problems_with(
        data_copy, "  get-help-now:\n", "  made-up-step:\n    title: Un paso\n  get-help-now:\n"
    ) == [
        f"docs/_data/es/guide.yaml:{line}:3: `made-up-step` is not in {LABEL}: remove it "
        "here, or add it there first (where answers lead is written only in the English file)."
    ]


def test_a_problem_in_the_spanish_words_is_named_at_its_spanish_line(data_copy: Path):
    """Two answers with the same words: the usual check, at the translation's line."""
    old, new = "not-sure: No lo sé", "not-sure: No, no estoy a salvo"
    text = SPANISH.read_text(encoding="utf-8").replace(old, new, 1)
    line, column = place(text, "No, no estoy a salvo", after="      not-sure:")
    problems = problems_with(data_copy, old, new)
    assert problems == [
        f"docs/_data/es/guide.yaml:{line}:{column}: the answer 'No, no estoy a salvo' appears "
        "twice in this question. Each answer needs different words."
    ]


def test_the_spanish_build_stops_at_the_line_of_a_missing_answer(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "mkdocs-es.yml", project / "mkdocs-es.yml")
    wording = project / "docs" / "_data" / "es" / "guide.yaml"
    text = wording.read_text(encoding="utf-8")
    wording.write_text(text.replace("      not-sure: No lo sé\n", "", 1), encoding="utf-8")
    english = (PROJECT.data / "guide.yaml").read_text(encoding="utf-8")
    line, column = place(english, "label:", after="key: not-sure")
    result = build(project, tmp_path / "site", config_file="mkdocs-es.yml")
    assert result.returncode != 0
    assert (
        f"{LABEL}:{line}:{column}: `steps.are-you-safe.answers.not-sure` has no wording in "
        "docs/_data/es/guide.yaml" in result.output
    )
    assert "Traceback" not in result.output


class Skeleton(HTMLParser):
    """Every element with its attributes' names, its id and class; and every text."""

    def __init__(self) -> None:
        """Start with nothing seen."""
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...], str, str]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the element's shape; its labels are texts."""
        found = dict(attrs)
        self.tags.append(
            (tag, tuple(sorted(found)), found.get("id") or "", found.get("class") or "")
        )
        self.texts += [found[name] or "" for name in ("aria-label", "alt") if name in found]

    def handle_data(self, data: str) -> None:
        """Keep each text a reader may see."""
        if data.strip():
            self.texts.append(data.strip())


def rendered(language: str) -> Skeleton:
    """The guide page's block and the map, as the edition in `language` renders them."""
    folders = PROJECT if language == "en" else spanish_folders(PROJECT.data)
    context = GuideContext(language=language, data=PROJECT.data)
    tree = site_tree(folders, LABEL)
    parser = Skeleton()
    parser.feed(render_guide(tree, context))
    parser.feed(render_map(tree, context))
    return parser


def interface_texts() -> dict[str, dict[str, str]]:
    """The guide's interface texts, by key and language."""
    return load_document(INTERFACE, expected="interface texts").data


def test_the_spanish_guide_has_the_english_markup_and_no_english_words():
    english, spanish = rendered("en"), rendered("es")
    # The diagram wraps each box's words into lines: its text elements differ in number.
    drawing = {"tspan", "text"}
    assert [tag for tag in spanish.tags if tag[0] not in drawing] == [
        tag for tag in english.tags if tag[0] not in drawing
    ]
    page = "\n".join(spanish.texts)
    left = [
        key
        for key, texts in interface_texts().items()
        if texts["en"] != texts["es"]
        and "{" not in texts["en"]
        and re.search(rf"(?<!\w){re.escape(texts['en'])}(?!\w)", page)
    ]
    assert left == []
    # Control: the same search finds the English words on the English page.
    assert "Start again" in "\n".join(english.texts)
    assert "Empezar de nuevo" in page


def test_every_guide_text_is_in_every_language_and_the_defaults_match_the_model():
    texts = interface_texts()
    assert all(set(entry) == set(LANGUAGES) for entry in texts.values())
    assert texts["guide.try_heading"]["en"] == model.TRY_HEADING
    assert texts["guide.ask_heading"]["en"] == model.ASK_HEADING
    assert texts["guide.print_label"]["en"] == model.PRINT_LABEL


SCRIPTS = ("guide.js", "self-check.js")
# A string literal a reader would see: words with a space between them, or one capitalised word.
READER_WORDS = re.compile(r"[A-Za-z]{2,}(: | [A-Za-z])|^[A-Z][a-z]+$")


@pytest.mark.parametrize("name", SCRIPTS)
def test_the_scripts_carry_no_words_of_their_own(name: str):
    source = (PROJECT.templates / "assets" / "javascripts" / name).read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL)
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', code)
    words = [
        text
        for text in literals
        if READER_WORDS.search(text) and "[" not in text and text != "use strict"
    ]
    assert words == []
    # Control: the pattern finds the words these scripts once carried.
    assert READER_WORDS.search("Urgent: ")
    assert READER_WORDS.search("Change")
