"""A translated edition has the English pages and `{#id}` anchors (pages/editions_check.py).

The Spanish build runs this check (`on_files`); these fast tests run it on the real pages and
on small ones that break it one way each.
"""

from __future__ import annotations

import re

import pytest

from tests.support.build import ROOT
from wtiw.pages.editions_check import Page, anchors, edition_problems, extra_anchors

DOCS = ROOT / "docs"


def edition(folder: str) -> dict[str, Page]:
    """The pages of one edition's folder, as the plugin hands them over."""
    return {
        path.name: Page(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted((DOCS / folder).glob("*.md"))
    }


def page(label: str, body: str, front: str = "") -> Page:
    """A small page with front matter."""
    return Page(label, f"---\ntitle: x\n{front}---\n\n{body}")


ENGLISH = {"a.md": page("docs/a.md", "# A\n\n## One {#one}\n\nText.\n\n## Two {#two}\n")}


def test_the_spanish_pages_match_the_english_pages():
    spanish, english = edition("es"), edition(".")
    assert len(spanish) >= 20
    assert edition_problems(spanish, english, "es") == []


def test_the_complaints_page_needs_its_listed_extra_sections_control():
    """Control: without `extra_anchors`, the Spanish-only sections spain and mexico fail."""
    spanish, english = edition("es"), edition(".")
    name = "complain-about-a-therapist.md"
    listed = spanish[name]
    assert "extra_anchors: [spain, mexico]\n" in listed.source
    spanish[name] = Page(
        listed.label, listed.source.replace("extra_anchors: [spain, mexico]\n", "")
    )
    problems = edition_problems(spanish, english, "es")
    assert [re.sub(r":\d+:\d+:.*{#(\w+)}.*", r" \1", line) for line in problems] == [
        f"docs/es/{name} spain",
        f"docs/es/{name} mexico",
    ]


def test_a_missing_anchor_is_named_in_the_translated_page_after_the_last_shared_one():
    spanish = {"a.md": page("docs/es/a.md", "# A\n\n## Uno {#one}\n\nTexto.\n\n## Dos\n")}
    problems = edition_problems(spanish, ENGLISH, "es")
    assert len(problems) == 1
    assert problems[0].startswith("docs/es/a.md:7:9: the English page docs/a.md has the anchor")
    assert "{#two}" in problems[0]


def test_an_extra_anchor_is_named_at_its_place_unless_listed():
    body = "# A\n\n## Uno {#one}\n\n## Dos {#two}\n\n## España {#spain}\n"
    problems = edition_problems({"a.md": page("docs/es/a.md", body)}, ENGLISH, "es")
    assert len(problems) == 1
    assert problems[0].startswith("docs/es/a.md:11:12: the anchor {#spain} is not on the English")
    assert "`extra_anchors: [spain]`" in problems[0]
    listed = page("docs/es/a.md", body, "extra_anchors: [spain]\n")
    assert edition_problems({"a.md": listed}, ENGLISH, "es") == []


@pytest.mark.parametrize(
    ("front", "words"),
    [
        ("extra_anchors: [one]\n", "`extra_anchors` lists one, but the English page has it too"),
        ("extra_anchors: [gone]\n", "`extra_anchors` lists gone, but no section has it"),
        ("extra_anchors:\n  - one\n", "`extra_anchors` must be one line listing ids"),
    ],
)
def test_a_wrong_extra_anchors_list_is_named(front: str, words: str):
    body = "# A\n\n## Uno {#one}\n\n## Dos {#two}\n"
    problems = edition_problems({"a.md": page("docs/es/a.md", body, front)}, ENGLISH, "es")
    assert len(problems) == 1
    assert problems[0].startswith("docs/es/a.md:3:")
    assert words in problems[0]


def test_a_page_in_one_edition_only_is_named():
    spanish = {"b.md": page("docs/es/b.md", "# B\n")}
    assert edition_problems(spanish, ENGLISH, "es") == [
        "docs/a.md:1:1: this page has no es page: add a.md to the es edition, so its links "
        "and the language switch work.",
        "docs/es/b.md:1:1: this page has no English page: every edition has the same pages, so "
        "add docs/b.md first or remove this one.",
    ]


def test_anchors_are_attribute_lists_outside_code_and_comments():
    source = (
        "---\ntitle: x\n---\n\n## Uno {#one}\n\n## Dos { #two .wide }\n\n"
        "```\n## Code {#code}\n```\n\n{# a comment #}\n\nText {: #para }\n"
    )
    assert list(anchors(source)) == ["one", "two", "para"]
    assert extra_anchors(source) == ({}, None)
