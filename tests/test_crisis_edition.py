"""Crisis numbers in the Spanish edition: Spanish words and lists, numbers from one file.

`docs/_data/es/crisis-help.yml` gives each listed service's Spanish words by id, and the
edition's own lists; a list naming a service with no Spanish words, or words that drift from
`docs/_data/crisis-help.yml`, stops the build at FILE:LINE:COL. English stays as it was.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.support.build import ROOT
from wtiw.core.problems import InputError
from wtiw.core.site import SiteFolders
from wtiw.core.yaml_reader import load_document, parse_document
from wtiw.crisis.edition import (
    action_words,
    edition_crisis_help,
    parse_wording,
    with_words,
)
from wtiw.crisis.markdown import markdown_list
from wtiw.crisis.numbers import ENGLISH_WORDS, Action, ActionWords, parse_crisis_help

TODAY = date(2026, 12, 7)
DATA = ROOT / "docs" / "_data"
SPANISH = SiteFolders(ROOT / "docs" / "es", ROOT / "overrides", DATA, "es")
ENGLISH = SiteFolders(ROOT / "docs", ROOT / "overrides")
SPANISH_WORDS = ActionWords(
    "llama al {number}", "escribe al {number}", "envía {keyword} al {number}", "o"
)

NUMBERS = """checked: 2026-11-25
services:
  named: {where: UK, name: A line, call: "116 123", text: "85 258", keyword: SHOUT, note: all day}
  bare: {where: US, call: "911"}
  spare: {where: US, name: Spare, call: "988"}
lists:
  urgent: [named, bare]
  emergency: [bare]
"""
WORDS = """services:
  named: {where: Reino Unido, name: Una línea, note: todo el día}
  bare: {where: Estados Unidos}
lists:
  urgent: [named]
  emergency: [bare]
  solo: [bare, named]
"""


def _numbers():
    return parse_crisis_help(parse_document(NUMBERS, "docs/_data/crisis-help.yml"), TODAY)


def _spanish(text: str):
    document = parse_document(text, "docs/_data/es/crisis-help.yml", expected="words")
    return parse_wording(document, _numbers(), SPANISH_WORDS)


def test_the_spanish_edition_shows_every_list_in_spanish_words():
    """The real files: every Spanish list renders with Spanish link words and places."""
    crisis = edition_crisis_help(SPANISH, ROOT)
    spanish = load_document(DATA / "es" / "crisis-help.yml", "es", expected="words").data
    assert crisis.lists_file == "docs/_data/es/crisis-help.yml"
    for name, services in crisis.lists.items():
        text = markdown_list(crisis, name)
        assert not re.search(r"\[(call|text) ", text), f"English link words in `{name}`"
        assert re.search(r"\[(llama al|envía) ", text), name
        for service in services:
            assert service.where == spanish["services"][service.id]["where"], (name, service.id)
    # What a Spanish reader sees first: the lines that answer in Spanish.
    assert [s.id for s in crisis.lists["urgent"]][:2] == [
        "lifeline-988-spanish",
        "crisis-text-line-spanish",
    ]
    assert "[envía AYUDA al 741741](sms:741741)" in markdown_list(crisis, "urgent")
    # The guide's own lists (`numbers:` in guide.yaml) exist in Spanish too.
    used = set(re.findall(r"^\s*numbers: (\S+)", (DATA / "guide.yaml").read_text(), re.M))
    assert used
    assert used <= set(crisis.lists)


def test_the_english_edition_keeps_its_words():
    """The interface's English words are the defaults: English pages do not change."""
    assert action_words(DATA, "en", ROOT) == ENGLISH_WORDS
    numbers = _numbers()
    worded = with_words(numbers, action_words(DATA, "en", ROOT))
    for name in numbers.lists:
        assert markdown_list(worded, name) == markdown_list(numbers, name)
    assert "[call 116 123](tel:116123) or [text SHOUT to 85 258](sms:85258)" in markdown_list(
        numbers, "urgent"
    )


def test_link_words_follow_the_edition():
    """Each link's words, and the word between two links, are the edition's."""
    assert Action("call", "988", words=SPANISH_WORDS).label == "llama al 988"
    assert Action("text", "988", words=SPANISH_WORDS).label == "escribe al 988"
    assert Action("text", "988", "AYUDA", words=SPANISH_WORDS).label == "envía AYUDA al 988"
    crisis = _spanish(WORDS)
    assert markdown_list(crisis, "urgent") == (
        '<div class="wtiw-crisis-list" markdown>\n\n'
        "- Reino Unido: Una línea, [llama al 116 123](tel:116123) o "
        "[envía SHOUT al 85 258](sms:85258) (todo el día).\n\n</div>\n"
    )
    # A link that starts the line starts with a capital, in Spanish as in English.
    assert "- [Llama al 911](tel:911).\n" in markdown_list(crisis, "emergency", where=False)
    # Unworded services keep their English words and are in no Spanish list.
    assert crisis.services["spare"].where == "US"
    assert list(crisis.lists) == ["urgent", "emergency", "solo"]
    with pytest.raises(ValueError, match=r"^docs/_data/es/crisis-help\.yml has no list `x`"):
        markdown_list(crisis, "x")


@pytest.mark.parametrize(
    ("words", "where", "message"),
    [
        # A listed service with no Spanish words: the list's line names the fix.
        (
            WORDS.replace("  bare: {where: Estados Unidos}\n", ""),
            "5:15",
            "`bare` has no words in this file: add it under `services:`",
        ),
        (
            WORDS.replace("solo: [bare, named]", "solo: [bare, gone]"),
            "7:16",
            "no service has the id `gone` in docs/_data/crisis-help.yml",
        ),
        (
            WORDS.replace("  bare:", "  gone: {where: X}\n  bare:"),
            "3:3",
            "no service has the id `gone` in docs/_data/crisis-help.yml: use one of its ids, or "
            "remove these words.",
        ),
        # Drift: a name or note one file has and the other lacks.
        (
            WORDS.replace(", name: Una línea", ""),
            "2:3",
            "`named` has a `name` in docs/_data/crisis-help.yml: give it here too",
        ),
        (
            WORDS.replace(", note: todo el día", ""),
            "2:3",
            "`named` has a `note` in docs/_data/crisis-help.yml",
        ),
        (
            WORDS.replace("{where: Estados Unidos}", "{where: EE. UU., name: Nueve}"),
            "3:32",
            "`bare` has no `name` in docs/_data/crisis-help.yml: remove it here",
        ),
        (
            WORDS.replace("{where: Estados Unidos}", "{where: EE. UU., note: hoy}"),
            "3:32",
            "`bare` has no `note` in docs/_data/crisis-help.yml",
        ),
        (
            WORDS.replace("{where: Estados Unidos}", "{name: Nueve}"),
            "3:3",
            "the words for `bare` are not right",
        ),
        (
            WORDS.replace("{where: Estados Unidos}", "{where: X, call: '1'}"),
            "3:3",
            "the words for `bare` are not right",
        ),
        (
            WORDS.replace("{where: Estados Unidos}", "texto"),
            "3:3",
            "the words for `bare` are not right",
        ),
        (WORDS.replace("{where: Estados Unidos}", '{where: "  "}'), "3:17", "`where` of `bare`:"),
        (
            WORDS.replace("{where: Estados Unidos}", "{where: '[x](y)'}"),
            "3:17",
            "`where` of `bare`:",
        ),
        (WORDS.replace("  emergency: [bare]\n", ""), "5:3", "add the list `emergency:`"),
        (
            WORDS.replace("solo: [bare, named]", "solo: []"),
            "7:9",
            "expected a list of service ids.",
        ),
        (WORDS + "checked: 2026-12-07\n", "8:1", "`checked` is not used here"),
    ],
)
def test_a_wrong_words_file_is_an_error_at_its_line(words: str, where: str, message: str):
    """Each mistake is named at its line and column, with the fix."""
    with pytest.raises(InputError) as caught:
        _spanish(words)
    problems = [str(p) for p in caught.value.problems]
    assert any(
        p.startswith(f"docs/_data/es/crisis-help.yml:{where}: ") and message in p for p in problems
    ), problems


def test_the_real_files_agree():
    """The shipped Spanish words file passes the same checks (a control for the cases above)."""
    label = "docs/_data/es/crisis-help.yml"
    document = load_document(DATA / "es" / "crisis-help.yml", label, expected="words")
    numbers = edition_crisis_help(ENGLISH, ROOT)
    crisis = parse_wording(document, numbers, SPANISH_WORDS)
    assert set(crisis.lists) >= {"urgent", "emergency", "estados-unidos"}


def test_the_edition_is_read_once_per_change(tmp_path: Path):
    """`mkdocs serve` rereads an edited words file, and only then."""
    data = tmp_path / "_data"
    (data / "es").mkdir(parents=True)
    (data / "interface").mkdir()
    interface = (DATA / "interface" / "crisis.yml").read_bytes()
    (data / "interface" / "crisis.yml").write_bytes(interface)
    (data / "crisis-help.yml").write_text(NUMBERS, encoding="utf-8")
    wording = data / "es" / "crisis-help.yml"
    wording.write_text(WORDS, encoding="utf-8")
    folders = SiteFolders(tmp_path / "es", tmp_path / "overrides", data, "es")
    first = edition_crisis_help(folders, tmp_path)
    assert edition_crisis_help(folders, tmp_path) is first
    assert first.lists["emergency"][0].actions[0].label == "llama al 911"
    wording.write_text(WORDS.replace("Estados Unidos", "EE. UU."), encoding="utf-8")
    changed = edition_crisis_help(folders, tmp_path)
    assert changed is not first
    assert changed.services["bare"].where == "EE. UU."
    wording.unlink()
    with pytest.raises(InputError, match=r"^_data/es/crisis-help\.yml:1:1: the file is missing"):
        edition_crisis_help(folders, tmp_path)
