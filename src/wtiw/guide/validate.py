"""Turn a YAML file into a checked `Tree`, or raise `InputError` listing every problem.

Order: read and parse (loader), shape (JSON Schema), then meaning: unique ids, answers that
lead somewhere, no loops, every step reachable, links that resolve. Shape problems stop the
check before meaning is examined, because the later checks assume the shape is right; an
answer that leads nowhere skips the reachability check, whose lines would only echo it.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path, PurePath

from wtiw.core.problems import InputError, Problem
from wtiw.core.site import PROJECT
from wtiw.core.yaml_reader import MAX_BYTES, Document, load_document, parse_document
from wtiw.crisis.numbers import load_crisis_help
from wtiw.guide.graph import find_loops, reachable
from wtiw.guide.lint import ROUTE_RULES
from wtiw.guide.model import Question, Tree, build_step
from wtiw.guide.options import (
    OptionCatalog,
    check_answer_refs,
    check_option_ids,
    check_option_pages,
    check_outcome_matters,
    load_options,
    options_catalog,
    options_path_for,
)
from wtiw.guide.page_links import LinkIndex, check_links
from wtiw.guide.structure import check_structure

DEFAULT_TREE = PROJECT.guide_tree
DEFAULT_DOCS = PROJECT.docs

# Ids the guide page uses for itself; a step with one of these would clash with it. The map
# moved to its own page (guide-map.md, where steps never go), but `guide-map` stays on the
# guide, and its old sections' ids stay reserved so an old link never lands on a new step.
RESERVED_IDS = frozenset(
    {
        "guide",
        "guide-map",
        "guide-map-list",
        "guide-map-outcomes",
        "guide-map-diagram",
        "what-should-i-try-next",
    }
)


def _build_tree(document: Document) -> tuple[Tree, list[Problem]]:
    """Make a `Tree` from schema-valid data, reporting duplicate and reserved ids."""
    problems: list[Problem] = []
    steps = {}
    for index, raw in enumerate(document.data["steps"]):
        step = build_step(raw, index)
        where = ("steps", index, "id")
        if step.id in RESERVED_IDS:
            problems.append(
                document.problem(
                    where, f"the id '{step.id}' is used by the guide page itself. Pick another."
                )
            )
        if step.id in steps:
            first = document.where(("steps", steps[step.id].index, "id"))[0]
            problems.append(
                document.problem(
                    where,
                    f"the id '{step.id}' is already used by the step on line {first}. "
                    "Every step needs its own id.",
                )
            )
            continue
        steps[step.id] = step
    return Tree(document.data["start"], steps), problems


def _check_answers(tree: Tree, document: Document) -> list[Problem]:
    """Every answer must lead to an existing step; keys and labels in a question must differ."""
    problems: list[Problem] = []
    known = list(tree.steps)
    for question in tree.questions:
        seen: set[str] = set()
        keys: dict[str, int] = {}
        for position, answer in enumerate(question.answers):
            path = ("steps", question.index, "answers", position)
            if answer.key in keys:
                earlier = ("steps", question.index, "answers", keys[answer.key], "key")
                first = document.where(earlier)[0]
                problems.append(
                    document.problem(
                        (*path, "key"),
                        f"the answer key '{answer.key}' is already used by the answer on line "
                        f"{first}. Each answer in a question needs its own key: give this "
                        "answer a different one.",
                    )
                )
            keys.setdefault(answer.key, position)
            if answer.label.casefold() in seen:
                problems.append(
                    document.problem(
                        (*path, "label"),
                        f"the answer '{answer.label}' appears twice in this question. "
                        "Each answer needs different words.",
                    )
                )
            seen.add(answer.label.casefold())
            if answer.next not in tree.steps:
                close = difflib.get_close_matches(answer.next, known, n=1)
                hint = f" Did you mean '{close[0]}'?" if close else ""
                problems.append(
                    document.problem(
                        (*path, "next"),
                        f"this answer leads to '{answer.next}', but no step has that id.{hint}",
                    )
                )
    return problems


def _check_graph(tree: Tree, document: Document) -> list[Problem]:
    """The start must exist; no answer may loop back; every step must be reachable."""
    if tree.start not in tree.steps:
        close = difflib.get_close_matches(tree.start, list(tree.steps), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        return [document.problem(("start",), f"no step has the start id '{tree.start}'.{hint}")]
    problems = []
    for loop in find_loops(tree):
        index = tree.steps[loop.question].index
        problems.append(
            document.problem(
                ("steps", index, "answers", loop.answer, "next"),
                f"this answer makes a loop ({' -> '.join(loop.loop)}). The guide must always "
                "move forward: point it at a step further on.",
            )
        )
    if isinstance(tree.steps[tree.start], Question) is False:
        problems.append(
            document.problem(("start",), "the start step must be a question, not an outcome.")
        )
    if any(answer.next not in tree.steps for step in tree.questions for answer in step.answers):
        # An answer that leads nowhere cuts off every step after it: its own message is the
        # cause, and a line for each step it cut off would bury it.
        return problems
    seen = reachable(tree)
    for step in tree.steps.values():
        if step.id not in seen:
            problems.append(
                document.problem(
                    ("steps", step.index, "id"),
                    f"no path reaches the step '{step.id}'. Point an answer at it, or remove it.",
                )
            )
    return problems


def _load_catalog(document: Document, options: Path | Document | None) -> OptionCatalog | None:
    """The options file beside the tree (or one already read), if any; `InputError` if bad."""
    if isinstance(options, Document):
        return options_catalog(options)
    if options is None or not options.is_file():
        return None
    label = str(PurePath(document.file).with_name(options.name))
    return load_options(options, label)


CRISIS_FILE = "crisis-help.yml"


def crisis_path_for(tree_path: Path) -> Path:
    """The crisis numbers file that belongs to a guide tree: the one beside it."""
    return tree_path.with_name(CRISIS_FILE)


def _check_numbers(tree: Tree, document: Document, crisis: Path | None) -> list[Problem]:
    """An outcome's `numbers` must name a list in the crisis numbers file beside the guide."""
    wanted = [outcome for outcome in tree.outcomes if outcome.numbers]
    if not wanted or crisis is None:  # without a file to check against (text in tests)
        return []
    label = str(PurePath(document.file).with_name(crisis.name))
    try:  # a missing file is named as itself, as the build names it, with the fix
        lists = load_crisis_help(crisis, label).lists
    except InputError as error:
        return error.problems
    problems = []
    for outcome in wanted:
        if outcome.numbers not in lists:
            close = difflib.get_close_matches(outcome.numbers, list(lists), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            problems.append(
                document.problem(
                    ("steps", outcome.index, "numbers"),
                    f"'{outcome.numbers}' is not a list in {label}.{hint} "
                    f"Lists: {', '.join(lists)}.",
                )
            )
    return problems


def validate_document(
    document: Document,
    docs_dir: Path | None = DEFAULT_DOCS,
    options: Path | Document | None = None,
    crisis: Path | None = None,
) -> Tree:
    """Check a parsed document (and its `options` and `crisis` files) completely.

    `options` is the options file, or its document already read (a translation's words).

    Return the `Tree`; raise `InputError` with every problem of these files.
    """
    problems = check_structure(document)
    try:
        catalog = _load_catalog(document, options)
    except InputError as error:
        raise InputError(problems + error.problems) from None
    if problems:
        raise InputError(problems)
    tree, problems = _build_tree(document)
    tree = replace(tree, catalog=catalog)
    problems += _check_answers(tree, document)
    problems += _check_graph(tree, document)
    if options is not None:  # without a file to check against (text in tests), ids are unchecked
        problems += check_option_ids(tree, document, catalog)
    if catalog is not None:
        problems += check_answer_refs(tree, catalog)
        problems += check_outcome_matters(tree, document, catalog)
    problems += _check_numbers(tree, document, crisis)
    if docs_dir is not None:
        try:
            index = LinkIndex.from_docs(docs_dir)
            problems += check_links(tree, document, index)
            if catalog is not None:
                problems += check_option_pages(catalog, index)
        except InputError as error:  # the link contract itself is wrong
            problems += error.problems
    if problems:
        raise InputError(problems)
    # What a route promises its reader (`lint.ROUTE_RULES`) stops the build like a broken link.
    problems = sorted({problem for rule in ROUTE_RULES for problem in rule(tree, document)})
    if problems:
        raise InputError(problems)
    return tree


def load_tree(
    path: Path = DEFAULT_TREE,
    *,
    docs_dir: Path | None = DEFAULT_DOCS,
    label: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Tree:
    """Read, parse and check the guide at `path` and the options file beside it.

    Raise `InputError` with every problem.
    """
    document = load_document(path, label, max_bytes)
    return validate_document(document, docs_dir, options_path_for(path), crisis_path_for(path))


def tree_from_text(text: str, *, label: str = "guide.yaml", docs_dir: Path | None = None) -> Tree:
    """Check YAML given as text (used by tests and benchmarks); links only if `docs_dir`."""
    return validate_document(parse_document(text, label), docs_dir)
