"""Every value that promises crisis help first, read from the source files, and how to check it.

A guide answer promises it when its `next` is an outcome marked `urgent: true`
(docs/_data/guide.yaml); a self-check value promises it when its input is marked
`data-wtiw-urgent` in a page's Markdown (PHQ-9 item 9 above 0 in docs/self-checks.md). The
tests in tests/test_safety_values.py try each one, so a new urgent answer or input is tried
as soon as it is written, with no new test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wtiw.crisis.numbers import CrisisHelp
from wtiw.guide.model import Question, Tree

# A radio or checkbox in a page's Markdown, with its attributes.
INPUT = re.compile(r"<input\b([^>]*)>")
ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')


@dataclass(frozen=True)
class GuideAnswer:
    """One answer of the guide: the question it answers, its key and the step it leads to."""

    question: str
    key: str
    outcome: str


@dataclass(frozen=True)
class Choice:
    """One input of a self-check: its page (URL path), its `name` and `value`, and urgency."""

    path: str
    name: str
    value: str
    urgent: bool

    @property
    def selector(self) -> str:
        """The CSS selector of this input on its page."""
        return f"input[name='{self.name}'][value='{self.value}']"


def answers_into_outcomes(tree: Tree) -> list[GuideAnswer]:
    """Every answer that leads straight to an outcome, in the tree's order."""
    return [
        GuideAnswer(question.id, answer.key, answer.next)
        for question in tree.questions
        for answer in question.answers
        if not isinstance(tree.steps[answer.next], Question)
    ]


def urgent_answers(tree: Tree) -> list[GuideAnswer]:
    """Every answer whose outcome is marked `urgent: true`."""
    return [answer for answer in answers_into_outcomes(tree) if tree.steps[answer.outcome].urgent]


def calm_answer(tree: Tree) -> GuideAnswer:
    """The first answer whose outcome is not urgent: the control for the urgent ones."""
    return next(a for a in answers_into_outcomes(tree) if not tree.steps[a.outcome].urgent)


def choices_in(text: str, path: str) -> list[Choice]:
    """Every named input with a value in a page's Markdown, and whether it is marked urgent."""
    choices = []
    for match in INPUT.finditer(text):
        attributes = {name: value for name, value in ATTRIBUTE.findall(match.group(1))}
        if attributes.get("name") and attributes.get("value"):
            urgent = "data-wtiw-urgent" in attributes
            choices.append(Choice(path, attributes["name"], attributes["value"], urgent))
    return choices


def page_path(docs: Path, source: Path) -> str:
    """The URL path ("self-checks/") of a Markdown page under `docs`."""
    name = source.relative_to(docs).with_suffix("").as_posix()
    name = name.removesuffix("index").rstrip("/")
    return f"{name}/" if name else ""


def urgent_pages(docs: Path) -> dict[str, list[Choice]]:
    """Each page with an input marked urgent: every input of that page, urgent or not."""
    pages = {}
    for source in sorted(docs.rglob("*.md")):
        choices = choices_in(source.read_text(encoding="utf-8"), page_path(docs, source))
        if any(choice.urgent for choice in choices):
            pages[page_path(docs, source)] = choices
    return pages


# What links.js may put between a step's heading and what follows it: its "Copy link" button.
AFTER_HEADING = ".wtiw-copy-link"
# Where an outcome's crisis panel is, and which call links are wholly on the first screen.
CRISIS_FIRST = """([step, after]) => {
  const root = document.getElementById(step);
  const heading = root && root.querySelector("h2");
  const panel = root && root.querySelector(".wtiw-crisis-numbers");
  let next = heading && heading.nextElementSibling;
  while (next && next.matches(after)) next = next.nextElementSibling;
  return {
    shown: Boolean(root && root.getClientRects().length > 0),
    next: next ? next.className : null,
    // A text-only line (Crisis Text Line in Spanish) has an sms: link as its first.
    onScreen: panel ? [...panel.querySelectorAll("a[href^='tel:'], a[href^='sms:']")]
      .filter(link => {
        const box = link.getBoundingClientRect();
        return box.width > 0 && box.top >= 0 && box.bottom <= innerHeight;
      })
      .map(link => link.getAttribute("href")) : [],
  };
}"""


def first_calls(crisis: CrisisHelp) -> set[str]:
    """The first call link of every emergency number and every urgent crisis line."""
    services = [*crisis.lists["emergency"], *crisis.lists["urgent"]]
    return {service.actions[0].href for service in services}


def crisis_first_problems(tab: Any, step: str, crisis: CrisisHelp) -> list[str]:
    """What keeps the step `step` from showing crisis numbers first, all on the first screen."""
    found = tab.evaluate(CRISIS_FIRST, [step, AFTER_HEADING])
    problems = []
    if not found["shown"]:
        problems.append(f"{step} is not shown")
    if found["next"] != "wtiw-crisis-numbers":
        problems.append(f"{step}: the heading is followed by {found['next']!r}, not crisis numbers")
    missing = first_calls(crisis) - set(found["onScreen"])
    if missing:
        problems.append(f"{step}: not on the first screen: {sorted(missing)}")
    return problems
