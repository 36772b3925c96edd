"""Rendering the guide without MkDocs: the markup contract other tools read, and escaping."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from tests.support.build import ROOT
from wtiw.core.site import PROJECT
from wtiw.core.templates import markdown_text
from wtiw.core.urls import page_url
from wtiw.crisis.numbers import load_crisis_help
from wtiw.guide.render import (
    GuideContext,
    relative_href,
    render_guide,
    render_map,
)
from wtiw.guide.validate import load_tree, tree_from_text

CONTEXT = GuideContext(page_url="guide/", site_url="https://example.org/")
VALID = (ROOT / "tests" / "guide_fixtures" / "valid.yaml").read_text(encoding="utf-8")


class StepParser(HTMLParser):
    """Collects steps, answer links and ids from rendered guide HTML."""

    def __init__(self) -> None:
        """Start empty."""
        super().__init__()
        self.steps: dict[str, dict[str, str | None]] = {}
        self.answers: list[tuple[str, str]] = []
        self.ids: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self._step = ""
        self._heading = False
        self.inline_styles = 0
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record what each tag contributes."""
        values = dict(attrs)
        if "id" in values:
            self.ids.append(values["id"] or "")
        if "style" in values:
            self.inline_styles += 1
        if tag == "script":
            self.scripts += 1
        if "data-step" in values:
            self._step = values["id"] or ""
            self.steps[self._step] = values
        if tag == "a" and "data-answer" in values:
            self.answers.append((self._step, values.get("href") or ""))
        if tag == "h2":
            self.headings.append((self._step, values.get("id") or ""))


@pytest.fixture(scope="module")
def shipped():
    tree = load_tree()
    parser = StepParser()
    parser.feed(render_guide(tree, CONTEXT))
    return tree, parser


def test_every_step_is_an_element_with_its_id_and_kind(shipped):
    tree, parser = shipped
    assert list(parser.steps) == list(tree.steps)
    for step in tree.steps.values():
        assert parser.steps[step.id]["data-step"] == step.kind


def test_only_the_start_step_is_marked_start(shipped):
    tree, parser = shipped
    starts = [step for step, attrs in parser.steps.items() if "data-start" in attrs]
    assert starts == [tree.start]


def test_every_answer_links_to_its_next_step(shipped):
    tree, parser = shipped
    expected = [(q.id, f"#{a.next}") for q in tree.questions for a in q.answers]
    assert parser.answers == expected
    assert all(href[1:] in parser.steps for _, href in parser.answers)


def test_each_step_has_one_h2(shipped):
    tree, parser = shipped
    assert [step for step, _ in parser.headings] == list(tree.steps)


def test_urgent_outcomes_are_marked(shipped):
    tree, parser = shipped
    urgent = {o.id for o in tree.outcomes if o.urgent}
    assert urgent  # control: the shipped tree has urgent outcomes
    assert {s for s, attrs in parser.steps.items() if "data-urgent" in attrs} == urgent


def test_ids_are_unique_and_markup_is_csp_safe(shipped):
    _, parser = shipped
    assert len(parser.ids) == len(set(parser.ids))
    assert parser.inline_styles == 0
    # Only the two scripts that show a linked step before the page has loaded (guide.html);
    # the CSP allows them by hash. Anything else belongs in guide.js.
    assert parser.scripts == 2


def test_root_element_carries_the_data_attribute():
    html = render_guide(tree_from_text(VALID), CONTEXT)
    assert html.startswith('<div class="wtiw-guide" data-wtiw-guide ')


def test_every_step_has_a_way_to_crisis_help(shipped):
    """Every question and outcome card links to the help page; urgent ones show the numbers."""
    tree, _ = shipped
    crisis = load_crisis_help(PROJECT.crisis_help)
    html = render_guide(tree, replace(CONTEXT, crisis=crisis))
    sections = re.split(r"(?=<section class=\"wtiw-guide__step)", html)
    for step in tree.steps.values():
        (section,) = [s for s in sections if f'id="{step.id}"' in s]
        if getattr(step, "urgent", False):
            assert 'href="tel:988"' in section, step.id
            assert 'href="../help-now/"' in section, step.id
        else:
            exit_link = 'href="../help-now/" data-wtiw-guide-exit>I need help now</a>'
            assert exit_link in section, step.id


def test_no_blank_lines_inside_the_html_block(shipped):
    tree, _ = shipped
    assert "\n\n" not in render_guide(tree, CONTEXT)


def with_title(step_id: str, title: str):
    """The valid tree with one step's title set past the plain-text check, as if it failed."""
    tree = tree_from_text(VALID)
    tree.steps[step_id] = replace(tree.steps[step_id], title=title)
    return tree


def test_text_is_escaped():
    """Defence in depth: the check refuses markup, and the renderer escapes it anyway."""
    html = render_guide(with_title("keep-going", "<b>Keep</b> & go"), CONTEXT)
    assert "&lt;b&gt;Keep&lt;/b&gt; &amp; go" in html
    assert "<b>Keep</b>" not in html


def test_map_escapes_markdown_and_html():
    markdown = render_map(with_title("keep-going", "Keep [going](x.md) *now* {#x}"), CONTEXT)
    assert r"Keep \[going\]\(x.md\) \*now\* \{#x\}" in markdown


def test_markdown_text_escapes_html_first():
    assert str(markdown_text("a < b & [c]")) == r"a &lt; b &amp; \[c\]"


def test_handout_url_and_qr_point_at_the_outcome():
    html = render_guide(tree_from_text(VALID), CONTEXT)
    assert "https://example.org/guide/#keep-going" in html
    # The QR code is the step's image file (written for the picker), loaded only when shown.
    assert 'src="../assets/qr/guide--keep-going.svg"' in html
    assert 'alt="QR code: scan to open this page, https://example.org/guide/#keep-going"' in html


@pytest.mark.parametrize(
    ("page", "directory_urls", "expected"),
    [
        ("help-now.md", True, "help-now/"),
        ("index.md", True, ""),
        ("topic/index.md", True, "topic/"),
        ("help-now.md", False, "help-now.html"),
    ],
)
def test_page_url(page: str, directory_urls: bool, expected: str):
    assert page_url(page, directory_urls) == expected


@pytest.mark.parametrize(
    ("page", "anchor", "context", "expected"),
    [
        ("help-now.md", "", GuideContext(page_url="guide/"), "../help-now/"),
        ("help-now.md", "emergency", GuideContext(page_url="guide/"), "../help-now/#emergency"),
        ("index.md", "", GuideContext(page_url="guide/"), "../"),
        ("help-now.md", "", GuideContext(page_url=""), "help-now/"),
        (
            "help-now.md",
            "",
            GuideContext(page_url="guide.html", use_directory_urls=False),
            "help-now.html",
        ),
    ],
)
def test_relative_href(page: str, anchor: str, context: GuideContext, expected: str):
    assert relative_href(page, anchor, context) == expected


def test_an_outcome_names_its_own_list_headings():
    text = VALID.replace(
        "    type: outcome\n",
        "    type: outcome\n"
        "    try_heading: What you can do now\n"
        "    ask_heading: For your doctor\n",
        1,
    )
    html = render_guide(tree_from_text(text), CONTEXT)
    assert "<h3>What you can do now</h3>" in html
    assert '<h3 class="wtiw-guide__ask">For your doctor</h3>' in html
    # Control: the outcomes that name none keep the usual headings.
    assert "<h3>Things to try this week</h3>" in render_guide(tree_from_text(VALID), CONTEXT)


def test_the_urgent_outcome_is_not_about_this_week():
    tree = load_tree()
    for outcome in tree.outcomes:
        if outcome.urgent:
            assert "week" not in outcome.try_heading, outcome.id


def test_every_outcome_but_the_urgent_ones_links_to_the_check_in(shipped):
    """A reader can take the check-in sheet to the next session, but not from urgent outcomes.

    Those (crisis, or a therapist who harmed them) send the reader to help instead.
    """
    tree, _ = shipped
    assert (ROOT / "docs" / "check-in.md").is_file()
    html = render_guide(tree, CONTEXT)
    sections = re.split(r"(?=<section class=\"wtiw-guide__step)", html)
    assert any(outcome.urgent for outcome in tree.outcomes)
    for outcome in tree.outcomes:
        (section,) = [s for s in sections if f'id="{outcome.id}"' in s]
        linked = '<a href="../check-in/">Bring a check-in sheet' in section
        assert linked is not outcome.urgent, outcome.id
