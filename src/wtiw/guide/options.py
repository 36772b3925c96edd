"""The options an outcome weighs side by side, and the "What matters to you" choices.

One file, ``docs/_data/options.yaml`` beside the guide's tree, holds every option (what it
involves, good points, things to weigh up, what it is like, time and cost, when it is not
right, the section that explains it, sources) and the values and constraints a reader can
tick. It is read with the strict reader, shaped by ``options_schema.json`` and checked for
meaning here; an outcome names its options by id (``options: [change-within, ...]``).
Example: ``load_options(Path("docs/_data/options.yaml")).options["new-therapist"].title``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wtiw.core.problems import InputError, Problem
from wtiw.core.readability import MAX_GRADE, as_sentences, offline_textstat, sentences
from wtiw.core.safety_language import findings
from wtiw.core.yaml_reader import Document, PathKey, load_document
from wtiw.guide.graph import answers_leading_to, answers_on_paths
from wtiw.guide.model import Outcome, Question, Tree
from wtiw.guide.page_links import LinkIndex
from wtiw.guide.structure import check_structure

OPTIONS_FILE = "options.yaml"
OPTIONS_SCHEMA_PATH = Path(__file__).with_name("options_schema.json")
# The page shows every value and constraint as a checkbox; CSS pairs a checkbox with its
# notes by position (`guide-options.css` has rules for this many), so the list is capped.
MAX_MATTERS = 10
# Benefits and downsides are weighed fairly when their words differ by a quarter at most.
MAX_IMBALANCE = 0.25
# Outcomes that are not urgent compare at least this many options.
MIN_OPTIONS = 2
# Fields a reader sees, in page order; all of them are the site's own words.
TEXT_FIELDS = ("title", "involves", "benefits", "downsides", "like", "time_and_cost")
GRADED_FIELDS = (*TEXT_FIELDS, "not_right_when")


@dataclass(frozen=True)
class Matters:
    """One "What matters to you" choice: a value or a constraint the reader can tick."""

    id: str
    label: str
    said: str
    kind: str
    answers: tuple[str, ...] = ()
    index: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Source:
    """Where an option's facts come from."""

    title: str
    url: str


@dataclass(frozen=True)
class Option:
    """One option, weighed: what it involves, its good points and its downsides."""

    id: str
    title: str
    involves: str
    benefits: tuple[str, ...]
    downsides: tuple[str, ...]
    like: str
    time_and_cost: str
    not_right_when: str
    page: str
    anchor: str
    fits: tuple[str, ...]
    not_if: tuple[str, ...]
    sources: tuple[Source, ...]
    index: int = field(default=0, compare=False)
    # Guide answers ("question-id/answer-key") that `not_right_when` describes.
    not_right_for: tuple[str, ...] = ()
    # A variant rewords a full option for one situation; fields it does not give are the
    # base's (`base_index`), so a problem in one is reported where it is written.
    variant_of: str = ""
    base_index: int = field(default=0, compare=False)
    own: frozenset[str] = field(default=frozenset(), compare=False)


@dataclass(frozen=True)
class OptionCatalog:
    """Every option and every choice, in file order, with the document for positions."""

    options: dict[str, Option]
    matters: dict[str, Matters]
    document: Document = field(compare=False, repr=False)

    def where(self, option: Option, name: str, position: int | None = None) -> PathKey:
        """The path of one field of `option` in the options file (its base's, if inherited)."""
        path = _where(option, name)
        return path if position is None else (*path, position)


def options_path_for(tree_path: Path) -> Path:
    """The options file that belongs to a guide tree: the one beside it."""
    return tree_path.with_name(OPTIONS_FILE)


def _text(value: str) -> str:
    """Fold YAML's line breaks into single spaces."""
    return " ".join(value.split())


def _build(document: Document) -> tuple[OptionCatalog, list[Problem]]:
    """Make the catalog from schema-valid data; report repeated ids and unknown references."""
    problems: list[Problem] = []
    data: dict[str, Any] = document.data
    matters: dict[str, Matters] = {}
    for kind, group in (("value", "values"), ("constraint", "constraints")):
        for position, raw in enumerate(data[group]):
            if raw["id"] in matters:
                problems.append(
                    document.problem(
                        (group, position, "id"),
                        f"the id '{raw['id']}' is already used by another value or "
                        "constraint. Each needs its own id.",
                    )
                )
                continue
            matters[raw["id"]] = Matters(
                raw["id"],
                _text(raw["label"]),
                _text(raw["said"]),
                kind,
                tuple(raw.get("answers", ())),
                len(matters) + 1,
            )
    if len(matters) > MAX_MATTERS:
        problems.append(
            document.problem(
                ("constraints",),
                f"there are {len(matters)} values and constraints; the page can show "
                f"{MAX_MATTERS} at most. Merge or remove some.",
                key=True,
            )
        )
    options: dict[str, Option] = {}
    full = {raw["id"]: (position, raw) for position, raw in enumerate(data["options"])}
    full = {name: entry for name, entry in full.items() if "variant_of" not in entry[1]}
    for position, raw in enumerate(data["options"]):
        if raw["id"] in options:
            problems.append(
                document.problem(
                    ("options", position, "id"),
                    f"the option id '{raw['id']}' is already used. Each option needs its own id.",
                )
            )
            continue
        base_index, own = position, raw
        if "variant_of" in raw:
            if raw["variant_of"] not in full:
                message = _unknown(raw["variant_of"], list(full), "a full option (not a variant)")
                problems.append(document.problem(("options", position, "variant_of"), message))
                continue
            base_index, base = full[raw["variant_of"]]
            raw = {**base, **own}
        options[raw["id"]] = Option(
            id=raw["id"],
            title=_text(raw["title"]),
            involves=_text(raw["involves"]),
            benefits=tuple(_text(item) for item in raw["benefits"]),
            downsides=tuple(_text(item) for item in raw["downsides"]),
            like=_text(raw["like"]),
            time_and_cost=_text(raw["time_and_cost"]),
            not_right_when=_text(raw["not_right_when"]),
            page=raw["page"],
            anchor=raw["anchor"],
            fits=tuple(raw["fits"]),
            not_if=tuple(raw["not_if"]),
            sources=tuple(Source(_text(s["title"]), s["url"]) for s in raw["sources"]),
            index=position,
            # A variant that rewords `not_right_when` says for whom itself; else it takes both.
            not_right_for=tuple(
                own.get("not_right_for", ())
                if "not_right_when" in own
                else raw.get("not_right_for", ())
            ),
            variant_of=own.get("variant_of", ""),
            base_index=base_index,
            own=frozenset(own),
        )
    for option in options.values():
        problems += _check_references(option, matters, document)
    return OptionCatalog(options, matters, document), problems


def _unknown(name: str, known: list[str], what: str) -> str:
    """Say that `name` is not one of `known`, suggesting the closest."""
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return f"'{name}' is not {what}.{hint} Known: {', '.join(known) or 'none'}."


def _check_references(
    option: Option, matters: dict[str, Matters], document: Document
) -> list[Problem]:
    """`fits` must name values; `not_if` values or constraints."""
    problems = []
    values = [m.id for m in matters.values() if m.kind == "value"]
    if option.variant_of and not {"fits", "not_if"} & option.own:
        return []  # the base's own check reports these
    for position, name in enumerate(option.fits):
        if name not in values:
            message = _unknown(name, values, "a value in 'values'")
            path = (*_where(option, "fits"), position)
            problems.append(document.problem(path, message))
    for position, name in enumerate(option.not_if):
        if name not in matters:
            message = _unknown(name, list(matters), "a value or constraint")
            path = (*_where(option, "not_if"), position)
            problems.append(document.problem(path, message))
    return problems


def _where(option: Option, name: str) -> PathKey:
    """The path of a field of `option`, or of its base's when the variant does not give it."""
    index = option.base_index if option.variant_of and name not in option.own else option.index
    return ("options", index, name)


def load_options(path: Path, label: str | None = None) -> OptionCatalog:
    """Read, shape-check and check the options file; raise `InputError` with every problem."""
    return options_catalog(load_document(path, label, expected="the options outcomes weigh"))


def options_catalog(document: Document) -> OptionCatalog:
    """Shape-check and check a read options file (or a translated one); `InputError` if bad."""
    problems = check_structure(document, OPTIONS_SCHEMA_PATH)
    if problems:
        raise InputError(problems)
    catalog, problems = _build(document)
    if problems:
        raise InputError(problems)
    return catalog


def check_option_ids(
    tree: Tree, document: Document, catalog: OptionCatalog | None
) -> list[Problem]:
    """Every option an outcome names must exist in the options file, once."""
    problems: list[Problem] = []
    known = list(catalog.options) if catalog else []
    for outcome in tree.outcomes:
        seen: set[str] = set()
        for position, name in enumerate(outcome.options):
            path = ("steps", outcome.index, "options", position)
            if catalog is None:
                problems.append(
                    document.problem(
                        path,
                        f"this outcome lists options, but there is no {OPTIONS_FILE} beside "
                        "the guide. Create it, or remove 'options'.",
                    )
                )
                break
            if name in seen:
                problems.append(
                    document.problem(path, f"the option '{name}' is listed twice. Remove one.")
                )
            elif name not in catalog.options:
                message = _unknown(name, known, f"an option in {catalog.document.file}")
                problems.append(document.problem(path, message))
            seen.add(name)
    return problems


def check_answer_refs(tree: Tree, catalog: OptionCatalog) -> list[Problem]:
    """Every `not_right_for` entry must name a question of the guide and one of its answers."""
    problems = []
    questions = {question.id: question for question in tree.questions}
    for option in catalog.options.values():
        if "not_right_for" not in option.own:
            continue
        for position, entry in enumerate(option.not_right_for):
            question_id, key = entry.split("/")
            path = ("options", option.index, "not_right_for", position)
            question = questions.get(question_id)
            keys = [answer.key for answer in question.answers] if question else []
            if question is None:
                message = _unknown(question_id, list(questions), "a question in the guide")
            elif key not in keys:
                message = _unknown(key, keys, f"an answer key of '{question_id}'")
            else:
                continue
            problems.append(catalog.document.problem(path, message))
    return problems


def check_outcome_matters(tree: Tree, document: Document, catalog: OptionCatalog) -> list[Problem]:
    """An outcome's `matters` names known boxes, and only an urgent outcome chooses them."""
    problems = []
    for outcome in tree.outcomes:
        if outcome.matters and not outcome.urgent:
            problems.append(
                document.problem(
                    ("steps", outcome.index, "matters"),
                    "only an urgent outcome chooses its 'What matters to you' boxes; other "
                    "outcomes offer every one. Remove 'matters', or mark the outcome urgent.",
                    key=True,
                )
            )
            continue
        for position, name in enumerate(outcome.matters):
            if name not in catalog.matters:
                message = _unknown(name, list(catalog.matters), "a value or constraint")
                problems.append(
                    document.problem(("steps", outcome.index, "matters", position), message)
                )
    return problems


def check_option_pages(catalog: OptionCatalog, index: LinkIndex) -> list[Problem]:
    """Every option's `page` and `anchor` must name a real page and section of it."""
    problems = []
    for option in catalog.options.values():
        if option.page not in index.pages:
            close = difflib.get_close_matches(option.page, list(index.pages), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            problems.append(
                catalog.document.problem(
                    catalog.where(option, "page"),
                    f"page '{option.page}' does not exist in docs/.{hint} "
                    "Use the file name of an existing page.",
                )
            )
            continue
        anchors = index.pages[option.page]
        if option.anchor not in anchors:
            close = difflib.get_close_matches(option.anchor, sorted(anchors), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            problems.append(
                catalog.document.problem(
                    catalog.where(option, "anchor"),
                    f"page '{option.page}' has no section with id '{option.anchor}'.{hint} "
                    f"Ids on that page: {', '.join(sorted(anchors)) or 'none'}.",
                )
            )
    return problems


# ── Editorial lint ──────────────────────────────────────────────────────────────────────


def words(items: tuple[str, ...]) -> int:
    """Count words: runs of text with a letter or digit in them."""
    return sum(1 for item in items for token in item.split() if any(c.isalnum() for c in token))


def imbalance(option_id: str, good: int, bad: int) -> tuple[str, str] | None:
    """The longer list and the message, when benefits and downsides are not weighed alike.

    Shared by every language's wording of the options (`guide/wording_lint.py`).
    """
    if abs(good - bad) <= MAX_IMBALANCE * max(good, bad):
        return None
    longer, shorter = ("benefits", "downsides") if good > bad else ("downsides", "benefits")
    return longer, (
        f"the option '{option_id}' has {good} words of benefits and {bad} of "
        f"downsides; keep them within a quarter of each other, so the option is "
        f"weighed fairly. Shorten the {longer} or add to the {shorter}."
    )


def check_balance(catalog: OptionCatalog) -> list[Problem]:
    """Good points and things to weigh up should be weighed in comparable detail."""
    problems = []
    for option in catalog.options.values():
        good, bad = words(option.benefits), words(option.downsides)
        found = imbalance(option.id, good, bad)
        if found:
            longer, message = found
            where = catalog.where(option, longer)
            problems.append(catalog.document.problem(where, message, key=True))
    return problems


def option_texts(option: Option) -> list[tuple[str, str, PathKey]]:
    """Every piece of text a reader sees in an option: (field, text, path)."""
    texts = []
    for name in GRADED_FIELDS:
        value = getattr(option, name)
        if isinstance(value, tuple):
            for position, item in enumerate(value):
                texts.append((name, item, (*_where(option, name), position)))
        else:
            texts.append((name, value, _where(option, name)))
    return texts


def check_option_language(catalog: OptionCatalog) -> list[Problem]:
    """Options offer choices: no orders, promises or false comfort; short sentences."""
    from wtiw.guide.lint import MAX_SENTENCE_WORDS, sentence_words

    problems = []
    document = catalog.document
    for matters in catalog.matters.values():
        for finding in findings(matters.label, readers_words=True):
            path = ("values" if matters.kind == "value" else "constraints",)
            problems.append(document.problem(path, finding.message))
    for option in catalog.options.values():
        for _name, text, path in option_texts(option):
            for finding in findings(text):
                problems.append(document.problem(path, finding.message))
            for sentence in sentences(text):
                count = sentence_words(sentence)
                if count > MAX_SENTENCE_WORDS:
                    message = (
                        f"this sentence has {count} words; keep sentences to "
                        f"{MAX_SENTENCE_WORDS} words or fewer. Split it in two."
                    )
                    problems.append(document.problem(path, message))
    return problems


def option_grade(option: Option) -> float:
    """Flesch-Kincaid grade of everything an option says, read as one piece of prose."""
    blocks = [text for _name, text, _path in option_texts(option)]
    return float(offline_textstat().flesch_kincaid_grade(as_sentences(blocks)))


def check_option_grade(catalog: OptionCatalog) -> list[Problem]:
    """An option above the grade limit is hard going; point at its hardest sentence."""
    problems = []
    grade = offline_textstat().flesch_kincaid_grade
    for option in catalog.options.values():
        figure = option_grade(option)
        if figure <= MAX_GRADE:
            continue
        _name, text, path = max(option_texts(option), key=lambda item: grade(item[1]))
        message = (
            f"the option '{option.id}' reads at grade {figure:.1f} (Flesch-Kincaid); keep "
            f"it at grade {MAX_GRADE:g} or below. Use shorter sentences and everyday words, "
            f'starting here: "{" ".join(text.split()[:8])}…".'
        )
        problems.append(catalog.document.problem(path, message))
    return problems


def check_outcome_options(tree: Tree, document: Document) -> list[Problem]:
    """Outcomes that are not urgent compare at least two options; urgent ones need none."""
    if tree.catalog is None:  # a tree without an options file (test fixtures) compares none
        return []
    problems = []
    for outcome in tree.outcomes:
        if outcome.urgent or len(outcome.options) >= MIN_OPTIONS:
            continue
        problems.append(
            document.problem(
                ("steps", outcome.index, "options" if outcome.options else "id"),
                f"this outcome compares {len(outcome.options)} option(s); an outcome that is "
                f"not urgent compares at least {MIN_OPTIONS}. Add 'options:' with ids from "
                f"{tree.catalog.document.file}, the suggested one first.",
            )
        )
    return problems


def check_constraint_paths(tree: Tree, document: Document) -> list[Problem]:
    """A reader who said "I can't switch" is never offered what that rules out, first."""
    catalog = tree.catalog
    if catalog is None:
        return []
    problems = []
    for question in tree.questions:
        for answer in question.answers:
            outcome = tree.steps.get(answer.next)
            if isinstance(outcome, Question) or outcome is None or not outcome.options:
                continue
            first = catalog.options.get(outcome.options[0])
            said = [m for m in catalog.matters.values() if answer.key in m.answers]
            clash = [m for m in said if first and m.id in first.not_if]
            if clash:
                message = (
                    f"the answer '{answer.key}' in '{question.id}' says "
                    f"{clash[0].said}, but this outcome suggests '{first.id}' first, which "
                    "that rules out. Put another option first."
                )
                problems.append(document.problem(("steps", outcome.index, "options", 0), message))
    return problems


def offered_matters(catalog: OptionCatalog, outcome: Outcome) -> frozenset[str]:
    """The boxes an outcome offers: every one, or for an urgent outcome only its `matters`."""
    if outcome.urgent:
        return frozenset(outcome.matters)
    return frozenset(catalog.matters)


def given_matters(tree: Tree, outcome: Outcome) -> frozenset[str]:
    """The boxes an outcome shows ticked on arrival: what every answer into it already says.

    A value or constraint is given when its `answers` include every answer that leads straight
    into `outcome`, and the outcome offers its box ("I can't switch therapist").
    """
    catalog = tree.catalog
    if catalog is None:
        return frozenset()
    keys = [
        answer.key
        for question in tree.questions
        for answer in question.answers
        if answer.next == outcome.id
    ]
    if not keys:
        return frozenset()
    offered = offered_matters(catalog, outcome)
    return frozenset(
        matters.id
        for matters in catalog.matters.values()
        if matters.id in offered and all(key in matters.answers for key in keys)
    )


def check_not_right_for(tree: Tree, document: Document) -> list[Problem]:
    """No outcome offers an option whose "When it may not be right" describes its own reader.

    An option's `not_right_for` names the answers its `not_right_when` describes; every answer
    on every path into an outcome that lists the option is checked against them. The one
    exception: a box the outcome shows ticked on arrival (`given_matters`) demotes the option,
    so it is shown last, never suggested, with a note that says why.
    """
    catalog = tree.catalog
    if catalog is None or not any(o.not_right_for for o in catalog.options.values()):
        return []
    on_paths = answers_on_paths(tree)
    labels = {(q.id, a.key): a.label for q in tree.questions for a in q.answers}
    order = {pair: position for position, pair in enumerate(labels)}  # file order
    problems = []
    for outcome in tree.outcomes:
        said = on_paths.get(outcome.id, set())
        for position, name in enumerate(outcome.options):
            option = catalog.options.get(name)
            if option is None:
                continue
            pairs = [tuple(entry.split("/", 1)) for entry in option.not_right_for]
            clash = sorted((pair for pair in pairs if pair in said), key=order.__getitem__)
            if not clash or given_matters(tree, outcome) & set(option.not_if):
                continue  # none, or a box ticked on arrival moves it last, saying why
            question_id, key = clash[0]
            message = (
                f"the option '{name}' says it may not be right \"{option.not_right_when}\", "
                f"which describes a reader who reaches this outcome after answering "
                f"'{question_id} / {key}' (\"{labels[(question_id, key)]}\"). Offer another "
                "option here, or a variant of this one written for that reader."
            )
            problems.append(
                document.problem(("steps", outcome.index, "options", position), message)
            )
    return problems


def check_constraint_answers(tree: Tree, document: Document) -> list[Problem]:
    """An answer a constraint names leads to an outcome that only such answers reach.

    The outcome shows that constraint's box already ticked, from its in-edges alone (with or
    without JavaScript), so one other answer into it would tick the box for a reader who never
    said so.
    """
    catalog = tree.catalog
    if catalog is None:
        return []
    leading = answers_leading_to(tree)
    problems = []
    for matters in catalog.matters.values():
        keys = set(matters.answers)
        if not keys:
            continue
        for question in tree.questions:
            for position, answer in enumerate(question.answers):
                if answer.key not in keys:
                    continue
                target = tree.steps.get(answer.next)
                path = ("steps", question.index, "answers", position, "next")
                if isinstance(target, Question):
                    message = (
                        f"the answer '{answer.key}' says {matters.said} (the '{matters.id}' "
                        f"box in {catalog.document.file}), so it must lead straight to an "
                        "outcome that shows that box ticked, not to a question. Point it at "
                        "its own outcome, or take the key out of that box's 'answers'."
                    )
                    problems.append(document.problem(path, message))
                    continue
                others = [f"{q} / {k}" for q, k in leading.get(answer.next, []) if k not in keys]
                if target is None or not others:
                    continue
                message = (
                    f"the answer '{answer.key}' says {matters.said}, so '{answer.next}' shows "
                    f"the '{matters.id}' box ticked; but '{others[0]}' also leads there, and "
                    "that reader did not say so. Give this answer its own outcome, or take the "
                    f"key out of the '{matters.id}' box's 'answers' in {catalog.document.file}."
                )
                problems.append(document.problem(path, message))
    return problems


def check_matters_matter(tree: Tree, document: Document) -> list[Problem]:
    """A box an urgent outcome offers must change something there: an option fits it or not."""
    catalog = tree.catalog
    if catalog is None:
        return []
    problems = []
    for outcome in tree.outcomes:
        used = {
            name
            for option in outcome.options
            if option in catalog.options
            for name in (*catalog.options[option].fits, *catalog.options[option].not_if)
        }
        for position, name in enumerate(outcome.matters):
            if name in catalog.matters and name not in used:
                problems.append(
                    document.problem(
                        ("steps", outcome.index, "matters", position),
                        f"the box '{name}' changes nothing here: no option of this outcome "
                        "fits it or moves later for it. Remove it, or offer an option it affects.",
                    )
                )
    return problems


def lint_options(tree: Tree, document: Document) -> list[Problem]:
    """Every editorial problem of the options and of the outcomes' use of them."""
    problems = check_outcome_options(tree, document) + check_constraint_paths(tree, document)
    problems += check_matters_matter(tree, document)
    if tree.catalog is not None:
        catalog = tree.catalog
        problems += check_balance(catalog)
        problems += check_option_language(catalog)
        problems += check_option_grade(catalog)
    return problems
