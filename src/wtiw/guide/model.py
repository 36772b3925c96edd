"""The guide as typed, read-only data: what the validator hands to the renderer.

Routing (which answer leads where) and wording live together in the YAML for editors'
sake; here they become plain dataclasses so the rest of the engine never touches raw dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wtiw.guide.options import OptionCatalog


@dataclass(frozen=True)
class Answer:
    """One answer to a question and the id of the step it leads to.

    `key` names the answer for good (in a reader's saved route and the approved route
    listing), so answers can be reworded and reordered without changing what a route means.
    """

    key: str
    label: str
    next: str
    # The reader says (or may be saying) that their therapist harmed them: nothing reachable
    # from this answer may ask them to talk to, agree with or end well with that therapist.
    harm: bool = False


@dataclass(frozen=True)
class Question:
    """A step that asks something and offers two or more answers."""

    id: str
    title: str
    answers: tuple[Answer, ...]
    hint: str = ""
    index: int = field(default=0, compare=False)

    kind = "question"


@dataclass(frozen=True)
class Link:
    """A link from an outcome to a page of the site, or to one section of it."""

    page: str
    text: str
    anchor: str = ""

    @property
    def target(self) -> str:
        """The Markdown link target, such as ``talk-to-your-therapist.md#say-how-you-feel``."""
        return f"{self.page}#{self.anchor}" if self.anchor else self.page


# The headings most outcomes need; an outcome whose lists are for someone else (a doctor, a
# new therapist) or for right now says so in its own `try_heading` or `ask_heading`.
# Their words in other languages: docs/_data/interface/guide.yml (`guide/page.py`).
TRY_HEADING = "Things to try this week"
ASK_HEADING = "Questions to bring to your next session"
PRINT_LABEL = "Print or save this page"


@dataclass(frozen=True)
class Outcome:
    """A step at the end of a path: a suggestion with things to try and to ask."""

    id: str
    title: str
    meaning: tuple[str, ...]
    try_this_week: tuple[str, ...]
    ask_next_session: tuple[str, ...]
    links: tuple[Link, ...]
    urgent: bool = False
    try_heading: str = TRY_HEADING
    ask_heading: str = ASK_HEADING
    print_label: str = PRINT_LABEL
    index: int = field(default=0, compare=False)
    # Ids from docs/_data/options.yaml, the suggested option first (`guide/options.py`).
    options: tuple[str, ...] = ()
    # An urgent outcome's "What matters to you" boxes: value or constraint ids (others show all).
    matters: tuple[str, ...] = ()
    # A list id in docs/_data/crisis-help.yml whose services this outcome shows (not urgent ones).
    numbers: str = ""

    kind = "outcome"


Step = Question | Outcome


@dataclass(frozen=True)
class Tree:
    """A whole guide: the start step's id and every step by id, in file order."""

    start: str
    steps: dict[str, Step]
    # The options outcomes weigh (docs/_data/options.yaml), when the tree has that file.
    catalog: OptionCatalog | None = field(default=None, compare=False)

    @property
    def questions(self) -> list[Question]:
        """Every question, in file order."""
        return [step for step in self.steps.values() if isinstance(step, Question)]

    @property
    def outcomes(self) -> list[Outcome]:
        """Every outcome, in file order."""
        return [step for step in self.steps.values() if isinstance(step, Outcome)]


def paragraphs(text: str) -> tuple[str, ...]:
    """Split text on blank lines (or YAML-folded newlines) into paragraphs."""
    parts = [" ".join(chunk.split()) for chunk in text.replace("\r", "").split("\n")]
    return tuple(part for part in parts if part)


def build_step(raw: dict[str, Any], index: int) -> Step:
    """Make a typed step from one schema-valid step mapping."""
    if raw["type"] == "question":
        answers = tuple(
            Answer(a["key"], a["label"].strip(), a["next"], bool(a.get("harm", False)))
            for a in raw["answers"]
        )
        return Question(
            raw["id"], raw["title"].strip(), answers, raw.get("hint", "").strip(), index
        )
    links = tuple(
        Link(link["page"], link["text"].strip(), link.get("anchor", "")) for link in raw["links"]
    )
    return Outcome(
        id=raw["id"],
        title=raw["title"].strip(),
        meaning=paragraphs(raw["meaning"]),
        try_this_week=tuple(item.strip() for item in raw["try"]),
        ask_next_session=tuple(item.strip() for item in raw["ask"]),
        links=links,
        urgent=bool(raw.get("urgent", False)),
        index=index,
        try_heading=raw.get("try_heading", TRY_HEADING).strip(),
        ask_heading=raw.get("ask_heading", ASK_HEADING).strip(),
        print_label=raw.get("print_label", PRINT_LABEL).strip(),
        options=tuple(raw.get("options", ())),
        matters=tuple(raw.get("matters", ())),
        numbers=raw.get("numbers", ""),
    )
