"""Every rule of `wtiw.rules` fails its real command, with its own message, on its own fixture.

Each fixture changes one file of a copy of the project so that it breaks one rule alone. A
`python -m wtiw check` rule (what `make check-guide` runs, and the build before any page) is
proved with that command, once per fixture (about a second each); the page rules only the
build runs are proved by one real `mkdocs build --strict` of a copy in which each fixture
breaks its own page (the build reports every page's problems at once). Every line the
command prints must be the rule's, so a fixture that breaks two rules is caught too.

The registry is kept complete from the code: every function in the rules' modules that makes
a problem must be a rule's finder (or a listed helper), and every rule must have a fixture.
"""

from __future__ import annotations

import ast
import importlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.support.build import BuildResult, build
from tests.support.changes import append, front, replace
from wtiw.guide.routes import route_listing
from wtiw.guide.validate import load_tree
from wtiw.rules import BUILD, CHECK, HELPERS, RULES, SCOPE

GUIDE = "docs/_data/guide.yaml"
OPTIONS = "docs/_data/options.yaml"
CRISIS = "docs/_data/crisis-help.yml"
GUIDE_ES = "docs/_data/es/guide.yaml"
OPTIONS_ES = "docs/_data/es/options.yaml"
ROUTES = "docs/_data/links/guide-routes.txt"
# A week ahead, not tomorrow: still in the future if the run crosses midnight.
NEXT_WEEK = (date.today() + timedelta(days=7)).isoformat()
DENSE = (
    "Psychotherapeutic interventions necessitate comprehensive multidimensional "
    "evaluation incorporating longitudinal symptomatological considerations."
)
PICK = "Pick the one that fits best."
LONG = " ".join(["Some people find that this takes a while"] * 4) + "."
ES_PICK = "Elige la que más se acerque."
ES_LONG = " ".join(["Hay personas que tardan un poco más"] * 4) + "."
ES_DENSE = (
    "La heterogeneidad metodológica de las investigaciones psicoterapéuticas contemporáneas "
    "demuestra sistemáticamente que la alianza terapéutica predice considerablemente la "
    "evolución sintomatológica posterior."
)
PROBLEM_MAKERS = {"problem", "Problem", "ContentFinding", "Finding", "_at"}


def after(text: str, more: str) -> Callable[[str], str]:
    """A change that adds `more` after `text`."""
    return replace(text, f"{text} {more}")


@dataclass(frozen=True)
class Breaks:
    """A fixture: the change to one file that breaks `rule` alone, and the words it causes.

    `approve` rewrites the approved routes after the change, as `make routes` would, for a
    rule about where answers lead (so the routes' own rule stays quiet).
    """

    rule: str
    file: str
    change: Callable[[str], str]
    words: str
    approve: bool = False


FIXTURES = [
    # ── The guide's shape and meaning (validate.py, structure.py, page_links.py) ──
    Breaks("guide-schema", GUIDE, replace("    print_label: Print", "    print_lable: Print"),
           "unknown field 'print_lable'"),
    Breaks("plain-text", GUIDE,
           replace("title: Are you safe right now?", 'title: "Are you <b>safe</b> right now?"'),
           "'title': HTML .* this field is plain text"),
    Breaks("guide-step-ids", GUIDE,
           append("\n  - id: early-days\n    type: outcome\n    urgent: true\n"
                  "    title: Early days\n    meaning: A second step with this id.\n"
                  "    try:\n      - Wait.\n    ask:\n      - Can we wait?\n"
                  "    links:\n      - page: help-now.md\n        text: Need help now?\n"),
           "the id 'early-days' is already used by the step on line"),
    Breaks("guide-answer-keys", GUIDE, replace("      - key: not-safe\n", "      - key: safe\n"),
           "the answer key 'safe' is already used"),
    Breaks("guide-next-step", GUIDE,
           replace("        next: get-help-now\n", "        next: get-help-nowx\n"),
           "leads to 'get-help-nowx', but no step has that id"),
    Breaks("guide-loop", GUIDE,
           replace("        next: get-help-now\n", "        next: are-you-safe\n"),
           "this answer makes a loop"),
    Breaks("guide-numbers", GUIDE,
           replace("    numbers: alcohol-and-drugs", "    numbers: alcohol-and-drug"),
           "'alcohol-and-drug' is not a list in docs/_data/crisis-help.yml"),
    Breaks("guide-links", GUIDE,
           replace("anchor: if-calling-feels-hard", "anchor: if-calling-feels-hardx"),
           "page 'help-now.md' has no section with id 'if-calling-feels-hardx'"),
    # ── Options and their use (options.py) ──
    Breaks("options-ids", OPTIONS,
           replace("  - id: cant-afford\n",
                   "  - id: cant-switch\n    label: Again\n    said: again\n  - id: cant-afford\n"),
           "the id 'cant-switch' is already used"),
    Breaks("options-references", OPTIONS,
           replace("not_if: [change-soon]", "not_if: [change-sooon]"),
           "'change-sooon' is not a value or constraint"),
    Breaks("outcome-options", GUIDE,
           replace("options: [keep-going, change-within]", "options: [keep-going, change-withn]"),
           "'change-withn' is not an option in"),
    Breaks("not-right-for-answers", OPTIONS,
           replace("      - after-sessions/much-worse\n", "      - after-sessions/much-worsen\n"),
           "'much-worsen' is not an answer key of 'after-sessions'"),
    Breaks("outcome-matters", GUIDE,
           replace("  - id: early-days\n    type: outcome\n",
                   "  - id: early-days\n    type: outcome\n    matters: [cost]\n"),
           "matters"),
    Breaks("option-pages", OPTIONS, replace("anchor: give-it-time", "anchor: give-it-timex"),
           "give-it-timex"),
    # ── What a route promises its reader (lint.ROUTE_RULES) ──
    Breaks("harm-routes", GUIDE,
           replace("      - Write down what happened, when, and how it made you feel.\n",
                   "      - Write down what happened, and tell your therapist.\n"),
           '"tell your therapist" is in the try of \'not-sure-if-ok\''),
    Breaks("not-right-for", GUIDE,
           replace("options: [change-the-pace, medication, extra-support]",
                   "options: [change-the-pace, medication, extra-support, keep-going]"),
           "keep-going"),
    Breaks("constraint-outcomes", OPTIONS,
           replace("    answers: [cannot-switch]\n", "    answers: [cannot-switch, not-yet]\n"),
           "the answer 'not-yet' says you can't switch therapist"),
    # ── The approved routes (approved.py) ──
    Breaks("approved-steps", ROUTES, replace("early-days  It may be early days\n", ""),
           "early-days"),
    Breaks("approved-routes", ROUTES,
           replace("/ no-change -> how-long", "/ no-change -> early-days"),
           "no-change"),
    # ── Wording (lint.RULES, options' own wording) ──
    Breaks("not-sure", GUIDE,
           replace(r"^(        label: )I'm not sure(\n        next: get-help-now)$",
                   r"\1I don't know\2", pattern=True),
           "has no \"I'm not sure\" answer"),
    Breaks("not-sure-is-helped", GUIDE,
           replace(r"^(        label: I'm not sure\n        next: )still-not-sure$",
                   r"\1early-days", pattern=True),
           "leads straight to the suggestion", approve=True),
    Breaks("guide-safety-language", GUIDE,
           after(PICK, "You must pick one."),
           'avoid "You must"'),
    Breaks("orders", GUIDE,
           replace("You matter, and you do", "You must call now. You do"),
           'avoid "You must"'),
    Breaks("promises", GUIDE,
           after(PICK, "This will help."),
           'avoid "will help"'),
    Breaks("reassurance", GUIDE,
           after(PICK, "There is nothing to worry about."),
           'avoid "nothing to worry about"'),
    Breaks("methods", GUIDE,
           after(PICK, "Some think of an overdose."),
           'avoid "overdose"'),
    Breaks("sentence-length", GUIDE,
           after(PICK, f"{LONG}"),
           "words"),
    Breaks("reading-grade", GUIDE,
           after(PICK, f"{DENSE}"),
           "grade"),
    Breaks("options-per-outcome", GUIDE,
           replace("    options: [keep-going, change-within]\n", ""),
           "this outcome compares 0 option"),
    Breaks("cant-switch-first", GUIDE,
           replace("options: [work-on-the-relationship, keep-going, extra-support, new-therapist]",
                   "options: [new-therapist, work-on-the-relationship, keep-going, extra-support]"),
           "says you can't switch therapist, but this outcome suggests 'new-therapist' first"),
    Breaks("matters-matter", GUIDE, replace("matters: [cost]\n", "matters: [cost, one-to-one]\n"),
           "the box 'one-to-one' changes nothing here"),
    Breaks("options-balance", OPTIONS,
           replace("      - Nothing new to set up, and no extra cost.\n",
                   "      - Nothing new to set up, and no extra cost.\n" + "      - You know the "
                   "way. You know the room. You know the time. You know the person well.\n"),
           "words of benefits and \\d+ of downsides"),
    Breaks("options-safety-language", OPTIONS,
           replace("      - Nothing new to set up, and no extra cost.\n",
                   "      - Nothing new to set up. This will help.\n"),
           'avoid "will help"'),
    Breaks("options-reading-grade", OPTIONS,
           replace(r"^(    involves: >-\n)(      .*\n)+", rf"\1      {DENSE} {DENSE}\n",
                   pattern=True),
           "grade"),
    # ── The Spanish words (wording.py, wording_lint.py), checked with the guide ──
    Breaks("es-wording-drift", GUIDE_ES, replace("      not-safe: No, no estoy a salvo\n", ""),
           "`steps.are-you-safe.answers.not-safe` has no wording in docs/_data/es/guide.yaml"),
    Breaks("es-safety-language", GUIDE_ES, after(ES_PICK, "Debes elegir una."), 'avoid "Debes"'),
    Breaks("es-orders", GUIDE_ES,
           replace("Tú importas, y no tienes que", "Debes llamar ya. Tú importas, y no tienes que"),
           'avoid "Debes"'),
    Breaks("es-promises", GUIDE_ES, after(ES_PICK, "Esto te ayudará."), 'avoid "ayudará"'),
    Breaks("es-reassurance", GUIDE_ES, after(ES_PICK, "Todo va a salir bien."),
           'avoid "Todo va a salir bien"'),
    Breaks("es-methods", GUIDE_ES, after(ES_PICK, "Hay quien piensa en una sobredosis."),
           'avoid "sobredosis"'),
    Breaks("es-sentence-length", GUIDE_ES, after(ES_PICK, ES_LONG), "has 28 words"),
    Breaks("es-reading-ease", GUIDE_ES, after(ES_PICK, ES_DENSE), "reads at INFLESZ"),
    Breaks("es-options-balance", OPTIONS_ES,
           # Longer words in an item, not a new item: an extra item is a drift from English.
           replace("      - No hay nada nuevo que organizar, ni gastos extra.\n",
                   "      - No hay nada nuevo que organizar, ni gastos extra. Ya conoces "
                   "el camino. Ya conoces la sala. Ya conoces la hora. Ya conoces a la persona.\n"),
           "words of benefits and \\d+ of downsides"),
    Breaks("es-harm-routes", GUIDE_ES,
           replace("      - Escribe qué pasó, cuándo y cómo te hizo sentir.\n",
                   "      - Escribe qué pasó, y cuéntale a tu terapeuta.\n"),
           '"cuéntale a tu terapeuta" is in the try of \'not-sure-if-ok\''),
    # ── Crisis numbers (crisis/numbers.py), checked with the guide ──
    Breaks("crisis-number", CRISIS, replace('call: "116 123"', 'call: "116 123 x"'),
           "`call` of `samaritans`"),
    Breaks("crisis-keyword", CRISIS, replace("keyword: HELP", 'keyword: "HE LP"'),
           "`keyword` of `pieta` must be one word"),
    Breaks("crisis-plain-text", CRISIS, replace("name: Samaritans,", 'name: "<b>Samaritans</b>",'),
           "`name` of `samaritans`: HTML"),
    Breaks("crisis-checked", CRISIS,
           replace(r"^checked: .*$", f"checked: {NEXT_WEEK}", pattern=True),
           "is in the future"),
    Breaks("crisis-lists", CRISIS,
           replace("  united-states: [lifeline-988]", "  united-states: [lifeline-989]"),
           "no service has the id `lifeline-989`"),
    # ── Page front matter and content: only the build reads pages ──
    Breaks("page-title", "docs/about.md",
           replace(r"^title: (.*)$", r"title: '\1 \"x\"'", pattern=True),
           "`title` contains \", which would break the page's head"),
    Breaks("page-description", "docs/privacy.md",
           replace(r"^description: (.*)$", f"description: {LONG} {LONG}", pattern=True),
           "`description` is \\d+ characters"),
    Breaks("page-review-dates", "docs/look-at-the-timeline.md",
           replace(r"^next_review: .*$", "next_review: 2099-01-01", pattern=True),
           "is more than a year after last_reviewed"),
    Breaks("page-sources", "docs/check-your-expectations.md",
           replace(r"^sources:\n(  .*\n|    .*\n)+", "sources: []\n", pattern=True),
           "`sources` must be a list of at least one entry"),
    Breaks("page-source-url", "docs/ask-about-medication.md", replace("url: https://", "url: http://"),
           "needs a `url` starting with https://"),
    Breaks("page-clinical-review", "docs/when-therapy-feels-hard.md",
           front("clinical_review: {name: x, role: x, registration_body: x, date: 2026-11-25}\n"),
           "missing `registration_number`"),
    Breaks("page-fields", "docs/talk-to-your-therapist.md", front("titel: x\n"),
           "unknown field `titel`"),
    Breaks("page-front-matter-closed", "docs/consider-a-new-therapist.md",
           replace(r"(?<=\n)---\n", "", pattern=True),
           "has no closing `---` line"),
    Breaks("page-front-matter-fields", "docs/if-you-decide-to-stop.md",
           replace(r"\A---\n(.*\n)*?---\n", "---\n- a list\n---\n", pattern=True),
           "must be `name: value` lines"),
    Breaks("page-element", "docs/make-changes-outside-sessions.md",
           append('\n<iframe src="https://evil.example/"></iframe>\n'), "<iframe> is not allowed"),
    Breaks("page-attribute", "docs/self-checks.md",
           append('\n<a href="https://www.nhs.uk/" ping="https://evil.example/">NHS</a>\n'),
           "the attribute ping on <a> is not allowed"),
    # The policy's own check (postbuild/csp.py) names the same address as code it would block.
    Breaks("page-javascript-url", "docs/check-in.md", append('\n<a href="javascript:go()">x</a>\n'),
           "is a javascript: address|javascript: URLs would be blocked"),
]  # fmt: skip
BY_RULE = {fixture.rule: fixture for fixture in FIXTURES}


def _rule_of(fixture: Breaks) -> str:
    return fixture.rule


COMMANDS = {rule.id: rule.command for rule in RULES}
CHECKED = [fixture for fixture in FIXTURES if COMMANDS.get(fixture.rule) == CHECK]
BUILT = [fixture for fixture in FIXTURES if COMMANDS.get(fixture.rule) == BUILD]


# ── The registry is complete ─────────────────────────────────────────────────────────────


def problem_finders(source: str, module: str) -> set[str]:
    """`module:function` for each function of `source` that makes a problem, and each `Rule`."""
    found = set()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                name = getattr(call.func, "attr", None) or getattr(call.func, "id", None)
                if name in PROBLEM_MAKERS:
                    found.add(f"{module}:{node.name}")
    for node in tree.body:
        call = node.value if isinstance(node, ast.Assign) else None
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "Rule":
            found |= {f"{module}:{target.id}" for target in node.targets}
    return found


def scope_finders() -> set[str]:
    """Every problem-making function and rule object in the rules' modules."""
    found = set()
    for module in SCOPE:
        path = Path(importlib.import_module(module).__file__)
        found |= problem_finders(path.read_text(encoding="utf-8"), module)
    return found


def test_every_function_that_makes_a_problem_is_a_rule_or_a_helper():
    listed = {rule.finder for rule in RULES} | set(HELPERS)
    assert scope_finders() - listed == set(), "add these to wtiw/rules.py with a fixture here"
    assert listed - scope_finders() == set(), "these are listed but make no problem"


def test_a_new_checking_function_is_found_control():
    """Control: a function added to a rules' module that makes a problem is found."""
    source = "def check_new(tree, document):\n    return [document.problem(('x',), 'no')]\n"
    assert problem_finders(source, "wtiw.guide.lint") == {"wtiw.guide.lint:check_new"}


def test_every_rule_has_one_fixture_and_every_fixture_a_rule():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)), "rule ids are unique"
    assert sorted(BY_RULE) == sorted(ids)
    assert len(BY_RULE) == len(FIXTURES), "one fixture per rule"
    assert {rule.command for rule in RULES} == {CHECK, BUILD}


# ── Each rule fails its command ──────────────────────────────────────────────────────────


def broken_copy(pristine: Path, destination: Path, fixtures: list[Breaks]) -> Path:
    """A copy of the project with each fixture's change made (routes approved if it says)."""
    shutil.copytree(pristine, destination)
    for fixture in fixtures:
        path = destination / fixture.file
        path.write_text(fixture.change(path.read_text(encoding="utf-8")), encoding="utf-8")
        if fixture.approve:
            tree = load_tree(destination / GUIDE, docs_dir=destination / "docs")
            (destination / ROUTES).write_text(route_listing(tree), encoding="utf-8")
    return destination


def run_check(project: Path, *, drop: str = "") -> subprocess.CompletedProcess[str]:
    """`python -m wtiw check` in `project`, as `make check-guide` runs it.

    `drop` names a lint rule to take out of the pipeline first (for the control).
    """
    command = [sys.executable, "-m", "wtiw", "check", GUIDE, "--docs-dir", "docs"]
    if drop:
        command = [
            sys.executable, "-c",
            "import sys, wtiw.guide.lint as lint; from wtiw.cli import main; "
            f"lint.RULES = tuple(r for r in lint.RULES if r.__name__ != {drop!r}); "
            "sys.exit(main(sys.argv[1:]))",
            *command[3:],
        ]  # fmt: skip
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, encoding="utf-8", check=False
    )


def only_its_lines(lines: list[str], fixture: Breaks) -> list[str]:
    """The lines that are not this fixture's rule (none, when it breaks that rule alone)."""
    place = re.compile(r"^docs/\S+?:\d+:\d+: ")
    return [line for line in lines if not (place.match(line) and re.search(fixture.words, line))]


def test_the_untouched_copy_passes_the_check(pristine: Path):
    """Control: the command the fixtures must fail passes on the project as it is."""
    result = run_check(pristine)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("fixture", CHECKED, ids=_rule_of)
def test_a_check_rule_fails_make_check_guide_alone(fixture: Breaks, pristine: Path, tmp_path: Path):
    project = broken_copy(pristine, tmp_path / "project", [fixture])
    result = run_check(project)
    lines = result.stderr.splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert lines, "no message"
    assert not only_its_lines(lines, fixture), f"wanted only {fixture.words!r}:\n{result.stderr}"


def test_a_rule_dropped_from_the_pipeline_fails_its_fixture_control(pristine: Path, tmp_path: Path):
    """Control: with `check_not_sure` out of `lint.RULES`, its fixture passes the check."""
    fixture = BY_RULE["not-sure"]
    result = run_check(
        broken_copy(pristine, tmp_path / "project", [fixture]), drop="check_not_sure"
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def pages_build(
    pristine: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, BuildResult]:
    """One build of a copy in which each page rule's fixture breaks its own page."""
    folder = tmp_path_factory.mktemp("rule-pages")
    project = broken_copy(pristine, folder / "project", BUILT)
    return project, build(project, folder / "site")


def test_each_build_fixture_breaks_its_own_page():
    pages = [fixture.file for fixture in BUILT]
    assert len(set(pages)) == len(pages), "one page each, so each line names its rule"


@pytest.mark.parametrize("fixture", BUILT, ids=_rule_of)
def test_a_page_rule_fails_the_build_alone(fixture: Breaks, pages_build: tuple[Path, BuildResult]):
    _, result = pages_build
    assert result.returncode != 0
    assert "Traceback" not in result.output, result.output
    assert not list(result.site_dir.rglob("*.html")), "half-built site"
    on_its_page = [
        line.split(" -  ")[-1]
        for line in result.output.splitlines()
        if re.search(rf"(^|\s){re.escape(fixture.file)}:\d+:\d+: ", line)
    ]
    assert on_its_page, f"nothing about {fixture.file}:\n{result.output}"
    assert not only_its_lines(on_its_page, fixture), result.output
