"""Property-based tests of the guide engine with hypothesis: random trees, valid and broken.

Promises: the validator never raises anything but `InputError` (whatever the input), every
problem points inside the file, every valid tree renders HTML in which every answer link
targets an existing step, and the path count agrees with walking the paths.
"""

from __future__ import annotations

import os
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from wtiw.core.problems import InputError
from wtiw.core.yaml_reader import UNSAFE_CHARACTER, parse_document
from wtiw.guide.graph import iter_paths, summarise
from wtiw.guide.render import GuideContext, render_guide, render_map
from wtiw.guide.validate import RESERVED_IDS, load_tree, tree_from_text

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Under `make mutants` (mutmut sets MUTANT_UNDER_TEST) each mutant only needs to be found, not
# explained: fewer examples, no shrinking of a failure and no example database.
if os.environ.get("MUTANT_UNDER_TEST"):
    SETTINGS = settings(
        SETTINGS, max_examples=15, phases=[Phase.generate], database=None, print_blob=False
    )
CONTEXT = GuideContext(page_url="guide/", site_url="https://example.org/", with_qr_codes=False)

ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True).filter(
    lambda value: value not in RESERVED_IDS
)
# Text an editor may write: no surrogates, none of the invisible characters the loader refuses,
# and plain text (no sign that markup needs: core/plain_text.py).
UNSAFE = "".join(chr(code) for code in range(0x10000) if UNSAFE_CHARACTER.match(chr(code)))
MARKUP_SIGNS = "<>[]{}`*_~\\|&#"
texts = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters=UNSAFE + MARKUP_SIGNS),
    min_size=1,
    max_size=40,
).filter(lambda value: value.strip() != "")


@st.composite
def valid_trees(draw: st.DrawFn) -> dict[str, Any]:
    """A random tree that is valid: a loop-free graph where every step is reachable."""
    questions = draw(st.integers(min_value=1, max_value=6))
    outcomes = draw(st.integers(min_value=1, max_value=6))
    names = draw(
        st.lists(ids, min_size=questions + outcomes, max_size=questions + outcomes, unique=True)
    )
    steps: list[dict[str, Any]] = []
    targets_of: dict[int, list[int]] = {index: [] for index in range(questions)}
    # Every step after the first gets one parent among the questions before it.
    for child in range(1, questions + outcomes):
        parent = draw(st.integers(min_value=0, max_value=min(child, questions) - 1))
        targets_of[parent].append(child)
    for index in range(questions):
        while len(targets_of[index]) < 2:
            targets_of[index].append(
                draw(st.integers(min_value=index + 1, max_value=questions + outcomes - 1))
            )
        labels = draw(
            st.lists(
                texts,
                min_size=len(targets_of[index]),
                max_size=len(targets_of[index]),
                unique_by=lambda t: t.strip().casefold(),
            )
        )
        keys = draw(st.lists(ids, min_size=len(labels), max_size=len(labels), unique=True))
        steps.append(
            {
                "id": names[index],
                "type": "question",
                "title": draw(texts),
                "answers": [
                    {"key": key, "label": label, "next": names[target]}
                    for key, label, target in zip(keys, labels, targets_of[index], strict=True)
                ],
            }
        )
    for index in range(questions, questions + outcomes):
        steps.append(
            {
                "id": names[index],
                "type": "outcome",
                "urgent": draw(st.booleans()),
                "title": draw(texts),
                "meaning": draw(texts),
                "try": draw(st.lists(texts, min_size=1, max_size=3)),
                "ask": draw(st.lists(texts, min_size=1, max_size=3)),
                "links": [{"page": "help-now.md", "text": draw(texts)}],
            }
        )
    order = draw(st.permutations(steps))
    return {"start": names[0], "steps": list(order)}


def dump(data: Any) -> str:
    """Write data as YAML, the way an editor's file would look."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def problems_of(text: str) -> InputError | None:
    """Validate `text`: None for a good tree; anything but a InputError fails the test."""
    try:
        tree_from_text(text, label="t.yaml")
    except InputError as error:
        return error
    return None


def check_only_guide_errors(text: str) -> InputError | None:
    """Validate `text` and check any problems point inside it."""
    error = problems_of(text)
    if error is None:
        return None
    lines = text.count("\n") + 1
    assert error.problems
    for problem in error.problems:
        assert problem.file == "t.yaml"
        assert 1 <= problem.line <= lines + 1
        assert problem.column >= 1
    return error


@SETTINGS
@given(valid_trees())
def test_valid_trees_pass_and_render_links_to_existing_steps(data: dict[str, Any]):
    tree = tree_from_text(dump(data), label="t.yaml")
    html = render_guide(tree, CONTEXT)
    step_ids = set(re.findall(r'<section [^>]*\bid="([^"]+)" data-step=', html))
    assert step_ids == set(tree.steps)
    keys = re.findall(r'data-answer="([^"]+)"', html)
    hrefs = re.findall(r'<a class="wtiw-guide__answer" href="#([^"]+)"', html)
    assert len(hrefs) == len(keys) == sum(len(q.answers) for q in tree.questions)
    assert keys == [answer.key for q in tree.questions for answer in q.answers]
    assert set(hrefs) <= step_ids
    render_map(tree, CONTEXT)


@SETTINGS
@given(valid_trees())
def test_path_count_matches_walking_the_paths(data: dict[str, Any]):
    tree = tree_from_text(dump(data), label="t.yaml")
    paths = list(iter_paths(tree))
    summary = summarise(tree)
    assert summary.paths == len(paths)
    assert summary.longest == max(len(route) for route, _ in paths)


MUTATIONS = (
    "drop-field",
    "wrong-type",
    "unknown-next",
    "duplicate-id",
    "unknown-field",
    "empty-text",
    "loop",
    "alias",
    "bad-id",
    "duplicate-answer-key",
)


@SETTINGS
@given(valid_trees(), st.sampled_from(MUTATIONS), st.randoms(use_true_random=False))
def test_broken_trees_are_rejected_with_located_problems(data, mutation: str, random):
    steps = data["steps"]
    step = random.choice(steps)
    questions = [s for s in steps if s["type"] == "question"]
    text = ""
    if mutation == "drop-field":
        del step["title"]
    elif mutation == "wrong-type":
        step["title"] = ["not", "text"]
    elif mutation == "unknown-next":
        random.choice(questions)["answers"][0]["next"] = "no-such-step-anywhere"
    elif mutation == "duplicate-id":
        other = random.choice([s for s in steps if s is not step] or [step])
        other["id"] = step["id"]
        if other is step:
            steps.append(dict(step))
    elif mutation == "unknown-field":
        step["colour"] = "blue"
    elif mutation == "empty-text":
        step["title"] = "   "
    elif mutation == "loop":
        question = random.choice(questions)
        question["answers"][0]["next"] = data["start"]
    elif mutation == "alias":
        text = dump(data).replace("start:", "start: &anchor", 1) + "extra: *anchor\n"
    elif mutation == "bad-id":
        step["id"] = "Not A Slug"
    elif mutation == "duplicate-answer-key":
        answers = random.choice(questions)["answers"]
        answers[1]["key"] = answers[0]["key"]
    text = text or dump(data)
    assert check_only_guide_errors(text) is not None


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_gives_a_tree_or_guide_errors(text: str):
    check_only_guide_errors(text)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["start", "steps", "id", "type", "title", "answers", "key", "next", "label", "x"]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@SETTINGS
@given(yaml_values)
def test_any_yaml_data_gives_a_tree_or_guide_errors(value: Any):
    check_only_guide_errors(dump(value))


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_give_guide_errors_never_a_crash(tmp_path_factory, raw: bytes):
    path = tmp_path_factory.mktemp("bytes") / "t.yaml"
    path.write_bytes(raw)
    error = None
    try:
        load_tree(path, docs_dir=None, label="t.yaml")
    except InputError as caught:
        error = caught
    assert error is None or error.problems


def test_parse_document_keeps_positions():
    """Control for the located-problem checks: positions are real, 1-based lines."""
    document = parse_document("a: 1\nb:\n  - x\n", "t.yaml")
    assert document.where(("b", 0)) == (3, 5)
