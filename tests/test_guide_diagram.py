"""The build-time SVG diagram of the guide: complete, readable, and valid inline SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from wtiw.core.site import PROJECT
from wtiw.core.templates import partials
from wtiw.guide.diagram import Box, layout, render_diagram
from wtiw.guide.graph import reachable
from wtiw.guide.model import Question
from wtiw.guide.validate import load_tree

TREE = load_tree()
SVG = "{http://www.w3.org/2000/svg}"


def overlapping(boxes: tuple[Box, ...] | list[Box]) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap."""
    pairs = []
    for index, one in enumerate(boxes):
        for two in boxes[index + 1 :]:
            apart = (
                one.x + one.width <= two.x
                or two.x + two.width <= one.x
                or one.y + one.height <= two.y
                or two.y + two.height <= one.y
            )
            if not apart:
                pairs.append((one.id, two.id))
    return pairs


def test_every_reachable_step_has_one_box():
    drawing = layout(TREE)
    assert sorted(box.id for box in drawing.boxes) == sorted(reachable(TREE))


def test_boxes_do_not_overlap_and_fit_the_drawing():
    drawing = layout(TREE)
    assert overlapping(drawing.boxes) == []
    for box in drawing.boxes:
        assert box.x >= 0
        assert box.x + box.width <= drawing.width
        assert box.y >= 0
        assert box.y + box.height <= drawing.height


def test_overlap_check_can_fail():
    """Control: two boxes in the same place are caught."""
    box = Box("a", 0, 0, 10, 10, ("a",), "question")
    assert overlapping([box, Box("b", 5, 5, 10, 10, ("b",), "question")]) == [("a", "b")]


def test_one_arrow_per_distinct_answer_target_all_pointing_right():
    drawing = layout(TREE)
    expected = {
        (question.id, answer.next) for question in TREE.questions for answer in question.answers
    }
    assert {(arrow.source, arrow.target) for arrow in drawing.arrows} == expected
    assert len(drawing.arrows) == len(expected)
    where = {box.id: box for box in drawing.boxes}
    for arrow in drawing.arrows:
        assert where[arrow.source].x < where[arrow.target].x


def test_svg_is_well_formed_labelled_and_csp_safe():
    svg = render_diagram(TREE, partials(PROJECT.templates))
    root = ET.fromstring(svg)  # the scroll wrapper
    drawing = root.find(f"{SVG}svg")
    assert drawing is not None
    assert drawing.get("role") == "img"
    title = drawing.find(f"{SVG}title")
    assert title is not None
    assert drawing.get("aria-labelledby") == title.get("id")
    assert f"{len(TREE.questions)} questions" in (title.text or "")
    assert not [element for element in root.iter() if "style" in element.attrib]
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}tspan"))
    for step in TREE.steps.values():
        assert step.title.split()[0] in texts


def test_urgent_outcomes_are_drawn_differently():
    kinds = {box.id: box.kind for box in layout(TREE).boxes}
    for step in TREE.steps.values():
        expected = "question" if isinstance(step, Question) else "outcome"
        if not isinstance(step, Question) and step.urgent:
            expected = "urgent"
        assert kinds[step.id] == expected
