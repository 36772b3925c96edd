"""The guide loader and validator: one broken fixture per error class, each with its line.

Every fixture in tests/guide_fixtures/ is the valid one with a single mistake, so each test
below is a control for the others: valid.yaml must pass for the failures to mean anything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.build import ROOT
from wtiw.core.problems import InputError
from wtiw.core.yaml_reader import check_characters
from wtiw.crisis.numbers import load_crisis_help
from wtiw.guide.validate import DEFAULT_DOCS, DEFAULT_TREE, load_tree, tree_from_text

FIXTURES = ROOT / "tests" / "guide_fixtures"
VALID = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")

# fixture, line, column, words the message must contain
CASES = [
    ("syntax-error.yaml", 6, 4, "YAML syntax error"),
    ("duplicate-key.yaml", 16, 5, "duplicate key 'title': it is already set on line 15"),
    ("unknown-field.yaml", 15, 5, "unknown field 'titel'. Did you mean 'title'?"),
    ("missing-field.yaml", 13, 5, "'meaning' is missing here"),
    ("wrong-type.yaml", 8, 16, "'label' must be text, but it is true or false"),
    ("empty-text.yaml", 15, 12, "'title' is empty"),
    ("bad-id.yaml", 13, 9, "'Keep Going' is not a valid id"),
    ("duplicate-id.yaml", 25, 9, "the id 'keep-going' is already used by the step on line 13"),
    (
        "duplicate-answer-key.yaml",
        10,
        14,
        "the answer key 'safe' is already used by the answer on line 7",
    ),
    ("unknown-next.yaml", 12, 15, "leads to 'get-halp', but no step has that id"),
    ("unreachable.yaml", 38, 9, "no path reaches the step 'lonely'"),
    ("cycle.yaml", 47, 15, "makes a loop (are-you-safe -> check-again -> are-you-safe)"),
    ("one-answer.yaml", 7, 7, "a question needs at least two answers; this one has 1"),
    ("missing-page.yaml", 22, 15, "page 'talk-to-your-therapst.md' does not exist"),
    ("missing-anchor.yaml", 23, 17, "has no section with id 'no-such-section'"),
    ("alias.yaml", 15, 12, "YAML anchors (&name) are not allowed"),
    ("alias.yaml", 28, 12, "YAML aliases (*name) are not allowed"),
    ("not-utf8.yaml", 15, 15, "not valid UTF-8"),
    # A harm answer leads to text that asks the reader to go back to that therapist.
    (
        "harm-wording.yaml",
        48,
        9,
        "\"Raise it early in your next session\" is in the try of 'after-harm'",
    ),
]


def problems_of(path: Path) -> list[str]:
    """Check `path` against the real docs and return its problem lines (none if it passes)."""
    try:
        load_tree(path, docs_dir=DEFAULT_DOCS, label=path.name)
    except InputError as error:
        return [str(problem) for problem in error.problems]
    return []


def test_valid_fixture_passes():
    assert problems_of(FIXTURES / "valid.yaml") == []


def test_every_fixture_is_tested():
    tested = {name for name, *_ in CASES} | {"valid.yaml"}
    assert tested == {path.name for path in FIXTURES.glob("*.yaml")}


@pytest.mark.parametrize(("name", "line", "column", "words"), CASES)
def test_fixture_reports_line_and_fix(name: str, line: int, column: int, words: str):
    lines = problems_of(FIXTURES / name)
    expected = f"{name}:{line}:{column}: "
    assert any(text.startswith(expected) and words in text for text in lines), lines


def test_the_shipped_tree_passes():
    tree = load_tree()
    assert tree.start == "are-you-safe"


def test_too_large_file_is_refused(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_text(VALID + "#" * 1_000_001, encoding="utf-8")
    assert any("more than the limit" in line for line in problems_of(big))


def test_missing_file_is_reported(tmp_path: Path):
    assert problems_of(tmp_path / "nope.yaml")[0].startswith(
        "nope.yaml:1:1: the file is missing. Restore it"
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "the file is empty"),
        (VALID + "---\nstart: x\n", "a second YAML document"),
        (VALID.replace("title: Keep going", "title: !!binary aGk="), "YAML tags"),
        (VALID.replace("start: are-you-safe", "start: are-you-safe\n[a, b]: c"), "not a plain"),
        (VALID.replace("key: not-safe", "key: Not Safe"), "'Not Safe' is not a valid answer key"),
        (VALID.replace("key: not-safe", "key: no"), "'key' must be text, but it is true or"),
        (
            VALID.replace("      - key: not-safe\n        label", "      - label"),
            "'key' is missing here. Add a line 'key: ...' to this entry. An answer's key",
        ),
        (VALID.replace("urgent: true", "urgent: maybe"), "'urgent' must be true or false"),
        (VALID.replace("type: question", "type: quiz"), "'type' must be 'question' or"),
        ("- just\n- a list\n", "'the tree' must be a group of fields"),
        ("[" * 5000, "nest"),
    ],
)
def test_other_mistakes_are_explained(text: str, words: str):
    with pytest.raises(InputError) as caught:
        tree_from_text(text, label="t.yaml", docs_dir=DEFAULT_DOCS)
    assert any(words in str(problem) for problem in caught.value.problems), caught.value


def test_all_problems_are_reported_at_once():
    broken = VALID.replace("title: Keep going", "titel: Keep going").replace(
        "title: Get help now", 'title: ""'
    )
    with pytest.raises(InputError) as caught:
        tree_from_text(broken, label="t.yaml")
    assert len(caught.value.problems) >= 3  # unknown field, its missing title, empty title


def test_an_answer_that_leads_nowhere_is_reported_once():
    """Not once more for every step it cuts off (25 lines for this answer, before)."""
    shipped = DEFAULT_TREE.read_text(encoding="utf-8")
    assert shipped.count("next: what-feels-wrong\n") == 1, "pick another answer for this test"
    broken = shipped.replace("next: what-feels-wrong\n", "next: what-feels-rong\n")
    with pytest.raises(InputError) as caught:
        tree_from_text(broken, label="t.yaml", docs_dir=DEFAULT_DOCS)
    (problem,) = caught.value.problems
    assert "leads to 'what-feels-rong'" in problem.message
    assert "Did you mean 'what-feels-wrong'?" in problem.message


# NUL and other controls, and the bidirectional embeddings, overrides and isolates.
INVISIBLE = ["\x00", "\x1b", "\x7f", "\x85", "\x9f", "\u202a", "\u202e", "\u2066", "\u2069"]
# Zero-width and direction marks, and a byte-order mark inside the text (issue 23).
INVISIBLE += ["\u200b", "\u200e", "\u200f", "\u2060", "\ufeff"]


@pytest.mark.parametrize("character", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_are_named_at_their_place(character: str):
    text = VALID.replace("title: Keep going", f"title: Keep {character}going")
    before = text[: text.index(character)]
    line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
    with pytest.raises(InputError) as caught:
        tree_from_text(text, label="t.yaml")
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"t.yaml:{line}:{column}: the invisible character ")
    assert f"U+{ord(character):04X}" in problem.message
    assert "Delete it" in problem.message


def test_an_escaped_invisible_character_is_refused_too():
    text = VALID.replace("title: Keep going", 'title: "Keep \\u202Egoing"')
    line = text[: text.index("\\u202E")].count("\n") + 1
    with pytest.raises(InputError) as caught:
        tree_from_text(text, label="t.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (line, 12)
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in problem.message


def test_tabs_and_line_endings_are_not_invisible_characters():
    assert check_characters("a:\tb\r\nc: d\n", "t.yaml") == []


def test_an_impossible_date_is_named_as_a_date():
    text = VALID.replace("title: Keep going", "title: 2027-02-30")
    with pytest.raises(InputError) as caught:
        tree_from_text(text, label="t.yaml")
    assert any("2027-02-30 is not a real date" in str(p) for p in caught.value.problems)


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m wtiw` as an editor would, from the project root."""
    return subprocess.run(
        [sys.executable, "-m", "wtiw", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_summary_for_the_shipped_tree():
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("docs/_data/guide.yaml: OK: ")
    assert "questions" in result.stdout
    assert "distinct paths" in result.stdout
    assert "longest path" in result.stdout


def test_cli_prints_only_error_lines_for_a_broken_tree():
    result = run_cli("check", "tests/guide_fixtures/unknown-next.yaml")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines
    assert all(line.startswith("tests/guide_fixtures/unknown-next.yaml:") for line in lines)


def test_check_guide_fails_on_harm_wording_with_the_rules_message():
    """`make check-guide` (and the build, which loads the tree the same way) refuses it."""
    result = run_cli("check", "tests/guide_fixtures/harm-wording.yaml")
    assert result.returncode == 1
    assert "after saying their therapist harmed them ('are-you-safe / harmed')" in result.stderr
    assert "Never ask them to talk to, agree with or end well with" in result.stderr
    control = VALID.replace("Something to try.", "Raise it early in your next session.")
    assert tree_from_text(control)  # the same words, where no harm answer leads, pass


def with_numbers(tmp_path: Path, name: str, crisis: bool = True) -> Path:
    """The valid tree whose urgent outcome shows the list `name`, crisis file beside it or not."""
    text = VALID.replace("    urgent: true\n", f"    urgent: true\n    numbers: {name}\n")
    (tmp_path / "guide.yaml").write_text(text, encoding="utf-8")
    if crisis:
        shipped = DEFAULT_TREE.with_name("crisis-help.yml").read_text(encoding="utf-8")
        (tmp_path / "crisis-help.yml").write_text(shipped, encoding="utf-8")
    return tmp_path / "guide.yaml"


@pytest.mark.parametrize(
    ("name", "hint"),
    [("alcohol-and-drug", " Did you mean 'alcohol-and-drugs'?"), ("elsewhere", "")],
    ids=["near", "far"],
)
def test_an_outcomes_numbers_must_name_a_list_of_the_crisis_file(tmp_path, name, hint):
    """Named as the editor named the guide (its folder too), with every list to pick from."""
    path = with_numbers(tmp_path, name)
    lists = load_crisis_help(path.with_name("crisis-help.yml"), "crisis-help.yml").lists
    line = VALID.splitlines().index("    urgent: true") + 2
    with pytest.raises(InputError) as caught:
        load_tree(path, docs_dir=None, label="data/guide.yaml")
    assert [str(problem) for problem in caught.value.problems] == [
        f"data/guide.yaml:{line}:14: '{name}' is not a list in data/crisis-help.yml.{hint} "
        f"Lists: {', '.join(lists)}."
    ]
    assert problems_of(with_numbers(tmp_path, "alcohol-and-drugs")) == []  # control


def test_numbers_without_a_crisis_file_beside_the_guide_fail(tmp_path: Path):
    path = with_numbers(tmp_path, "alcohol-and-drugs", crisis=False)
    with pytest.raises(InputError) as caught:
        load_tree(path, docs_dir=None, label="data/guide.yaml")
    (problem,) = caught.value.problems
    assert str(problem).startswith("data/crisis-help.yml:1:1: the file is missing. Restore it")


def test_a_link_contract_that_cannot_be_read_is_told_with_the_trees_own_problems(tmp_path):
    """A docs folder without its link contract: both the contract and the tree are told."""
    text = VALID.replace("next: get-help", "next: elsewhere")
    with pytest.raises(InputError) as caught:
        tree_from_text(text, label="t.yaml", docs_dir=tmp_path)
    lines = [str(problem) for problem in caught.value.problems]
    assert "t.yaml:12:15: this answer leads to 'elsewhere', but no step has that id." in lines
    assert len(lines) == 2
    assert any("The link contract lives here: restore it from git." in line for line in lines)


@pytest.mark.parametrize("name", ["not-utf8.yaml", "syntax-error.yaml", "alias.yaml"])
def test_cli_never_prints_a_traceback(name: str):
    result = run_cli("check", f"tests/guide_fixtures/{name}")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


# Runs the editors' command line with MkDocs made impossible to import.
WITHOUT_MKDOCS = """
import runpy, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"mkdocs", "material", "mkdocs_macros"}:
            raise ImportError(f"{name} is blocked for this test")
sys.meta_path.insert(0, Block())
sys.argv = ["wtiw", "check"]
runpy.run_module("wtiw", run_name="__main__")
"""


def test_the_command_line_runs_without_mkdocs():
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_MKDOCS], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "questions" in result.stdout, result.stdout


def test_text_is_named_guide_yaml_and_its_links_are_checked_only_against_docs_given():
    """Tests and benchmarks check text without a site; a docs folder adds the links."""
    missing_page = (FIXTURES / "missing-page.yaml").read_text(encoding="utf-8")
    assert tree_from_text(missing_page)  # no docs folder: links are not looked up
    with pytest.raises(InputError) as caught:
        tree_from_text(missing_page, docs_dir=DEFAULT_DOCS)
    (problem,) = caught.value.problems
    assert problem.file == "guide.yaml"
    assert "page 'talk-to-your-therapst.md' does not exist" in problem.message


def test_the_size_limit_given_is_the_one_applied():
    """A caller's limit is kept: the valid fixture loads at its own size, not a byte under."""
    path = FIXTURES / "valid.yaml"
    size = path.stat().st_size
    assert load_tree(path, docs_dir=None, max_bytes=size)
    with pytest.raises(InputError) as caught:
        load_tree(path, docs_dir=None, label="valid.yaml", max_bytes=size - 1)
    (problem,) = caught.value.problems
    assert str(problem).startswith("valid.yaml:1:1: the file is ")
    assert f"more than the limit of {size - 1:,}." in problem.message


# The guide page's own ids (a contract: an old link to one must never land on a step).
PAGE_IDS = [
    "guide",
    "guide-map",
    "guide-map-list",
    "guide-map-outcomes",
    "guide-map-diagram",
    "what-should-i-try-next",
]


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_each_id_of_the_guide_page_is_refused_for_a_step(page_id: str):
    text = VALID.replace("id: keep-going", f"id: {page_id}").replace(
        "next: keep-going", f"next: {page_id}"
    )
    with pytest.raises(InputError) as caught:
        tree_from_text(text, label="t.yaml")
    assert [str(problem) for problem in caught.value.problems] == [
        f"t.yaml:13:9: the id '{page_id}' is used by the guide page itself. Pick another."
    ]


KEEP_GOING = VALID[VALID.index("  - id: keep-going") : VALID.index("  - id: get-help")]
# One mistake in the valid tree, and every line it gives, word for word: the place, what is
# wrong and the fix (with the nearest id when one is close), and nothing else.
MEANING_MISTAKES = [
    (  # the line named is the first id's own, not its step's first line
        [
            ("  - id: keep-going\n    type: outcome", "  - type: outcome\n    id: keep-going"),
            ("id: get-help", "id: keep-going"),
        ],
        [
            "t.yaml:12:15: this answer leads to 'get-help', but no step has that id.",
            "t.yaml:25:9: the id 'keep-going' is already used by the step on line 14. "
            "Every step needs its own id.",
        ],
    ),
    (  # a repeated step is left out, and the steps after it are still read
        [("  - id: get-help", KEEP_GOING + "  - id: get-help")],
        [
            "t.yaml:25:9: the id 'keep-going' is already used by the step on line 13. "
            "Every step needs its own id."
        ],
    ),
    (  # the line named is the first key's own, not its answer's first line
        [
            ('      - key: safe\n        label: "Yes"', '      - label: "Yes"\n        key: safe'),
            ("key: not-safe", "key: safe"),
        ],
        [
            "t.yaml:10:14: the answer key 'safe' is already used by the answer on line 8. "
            "Each answer in a question needs its own key: give this answer a different one."
        ],
    ),
    (
        [('label: "No"', 'label: "yes"')],
        [
            "t.yaml:11:16: the answer 'yes' appears twice in this question. "
            "Each answer needs different words."
        ],
    ),
    (
        [("next: get-help", "next: get-halp")],
        [
            "t.yaml:12:15: this answer leads to 'get-halp', but no step has that id. "
            "Did you mean 'get-help'?"
        ],
    ),
    (
        [("next: get-help", "next: elsewhere")],
        ["t.yaml:12:15: this answer leads to 'elsewhere', but no step has that id."],
    ),
    (
        [("start: are-you-safe", "start: are-you-saf")],
        ["t.yaml:1:8: no step has the start id 'are-you-saf'. Did you mean 'are-you-safe'?"],
    ),
    (
        [("start: are-you-safe", "start: elsewhere")],
        ["t.yaml:1:8: no step has the start id 'elsewhere'."],
    ),
    (
        [("next: keep-going", "next: are-you-safe")],
        [
            "t.yaml:9:15: this answer makes a loop (are-you-safe -> are-you-safe). The guide "
            "must always move forward: point it at a step further on.",
            "t.yaml:13:9: no path reaches the step 'keep-going'. Point an answer at it, or "
            "remove it.",
        ],
    ),
    (
        [("start: are-you-safe", "start: keep-going")],
        [
            "t.yaml:1:8: the start step must be a question, not an outcome.",
            "t.yaml:3:9: no path reaches the step 'are-you-safe'. Point an answer at it, or "
            "remove it.",
            "t.yaml:25:9: no path reaches the step 'get-help'. Point an answer at it, or "
            "remove it.",
        ],
    ),
]


@pytest.mark.parametrize(
    ("edits", "expected"),
    MEANING_MISTAKES,
    ids=[
        "duplicate-id",
        "duplicate-id-then-more-steps",
        "duplicate-key",
        "same-label-any-case",
        "unknown-next-near",
        "unknown-next-far",
        "unknown-start-near",
        "unknown-start-far",
        "loop",
        "start-is-outcome",
    ],
)
def test_each_mistake_of_meaning_is_told_word_for_word(edits, expected):
    text = VALID
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    with pytest.raises(InputError) as caught:
        tree_from_text(text, label="t.yaml")
    assert [str(problem) for problem in caught.value.problems] == expected


def test_a_broken_options_file_is_named_beside_the_guide_as_the_editor_named_it(tmp_path):
    """The options file's problems name it by the guide's folder, with the guide's own."""
    (tmp_path / "guide.yaml").write_text(
        VALID.replace("title: Keep going", "titel: x"), encoding="utf-8"
    )
    (tmp_path / "options.yaml").write_text("values: [\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_tree(tmp_path / "guide.yaml", docs_dir=None, label="data/guide.yaml")
    files = {problem.file for problem in caught.value.problems}
    assert files == {"data/guide.yaml", "data/options.yaml"}
