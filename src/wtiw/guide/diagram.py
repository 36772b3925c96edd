"""Lay out the guide as a left-to-right diagram and render it as inline SVG, in pure Python.

No Graphviz and no JavaScript library: a build needs only Python packages, and the page
makes no third-party request. The layout is the classic layered one, kept small:
columns by longest path from the start, rows ordered by the average row of each step's
parents (a few sweeps reduce crossings), and one curved arrow per distinct answer target.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from dataclasses import dataclass

from jinja2 import Environment

from wtiw.guide.graph import topological_order
from wtiw.guide.model import Outcome, Question, Tree

BOX_WIDTH = 190
COLUMN_GAP = 70
ROW_GAP = 14
LINE_HEIGHT = 16
PADDING = 10
MARGIN = 10
CHARS_PER_LINE = 26
SWEEPS = 4


@dataclass(frozen=True)
class Box:
    """One step drawn as a box: where it is, its wrapped title, and how to style it."""

    id: str
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    kind: str

    @property
    def middle(self) -> float:
        """The vertical centre, where arrows join the box."""
        return self.y + self.height / 2


@dataclass(frozen=True)
class Arrow:
    """A curved arrow from one box to another, as an SVG path."""

    source: str
    target: str
    path: str


@dataclass(frozen=True)
class Layout:
    """Every box and arrow, and the size of the drawing."""

    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    width: float
    height: float


def _columns(tree: Tree, order: list[str]) -> dict[str, int]:
    """Put each step one column right of its furthest parent (longest path layering)."""
    column = dict.fromkeys(order, 0)
    for node in order:
        step = tree.steps[node]
        if isinstance(step, Question):
            for answer in step.answers:
                column[answer.next] = max(column[answer.next], column[node] + 1)
    return column


def _targets(tree: Tree, node: str) -> list[str]:
    """Distinct steps a step's answers lead to, in answer order."""
    step = tree.steps[node]
    if not isinstance(step, Question):
        return []
    return list(dict.fromkeys(answer.next for answer in step.answers))


def _order_rows(tree: Tree, order: list[str], column: dict[str, int]) -> list[list[str]]:
    """Order the steps of each column by the average row of their parents, a few times over."""
    rows: list[list[str]] = [[] for _ in range(max(column.values(), default=0) + 1)]
    for node in order:
        rows[column[node]].append(node)
    parents: dict[str, list[str]] = defaultdict(list)
    for node in order:
        for target in _targets(tree, node):
            parents[target].append(node)
    for _ in range(SWEEPS):
        rank = {node: index for row in rows for index, node in enumerate(row)}
        for index in range(1, len(rows)):
            rows[index].sort(
                key=lambda node: (
                    sum(rank[p] for p in parents[node]) / len(parents[node])
                    if parents[node]
                    else rank[node]
                )
            )
            rank.update({node: position for position, node in enumerate(rows[index])})
    return rows


def layout(tree: Tree) -> Layout:
    """Compute box positions and arrow paths for every step reachable from the start."""
    order = topological_order(tree)
    column = _columns(tree, order)
    rows = _order_rows(tree, order, column)
    boxes: dict[str, Box] = {}
    height = 0.0
    for index, row in enumerate(rows):
        x = MARGIN + index * (BOX_WIDTH + COLUMN_GAP)
        y = float(MARGIN)
        for node in row:
            step = tree.steps[node]
            lines = tuple(textwrap.wrap(step.title, CHARS_PER_LINE)) or (node,)
            box_height = len(lines) * LINE_HEIGHT + 2 * PADDING
            kind = "question"
            if isinstance(step, Outcome):
                kind = "urgent" if step.urgent else "outcome"
            boxes[node] = Box(node, x, y, BOX_WIDTH, box_height, lines, kind)
            y += box_height + ROW_GAP
        height = max(height, y)
    arrows = []
    for node in order:
        start = boxes[node]
        for target in _targets(tree, node):
            end = boxes[target]
            x1, y1 = start.x + start.width, start.middle
            x2, y2 = end.x - 2, end.middle
            bend = (x2 - x1) / 2
            curve = f"{x1 + bend:.0f} {y1:.0f} {x2 - bend:.0f} {y2:.0f} {x2:.0f} {y2:.0f}"
            path = f"M{x1:.0f} {y1:.0f}C{curve}"
            arrows.append(Arrow(node, target, path))
    width = MARGIN * 2 + len(rows) * BOX_WIDTH + (len(rows) - 1) * COLUMN_GAP
    return Layout(tuple(boxes.values()), tuple(arrows), width, height + MARGIN - ROW_GAP)


def render_diagram(tree: Tree, environment: Environment) -> str:
    """Render the diagram of `tree` as an inline SVG element with an accessible name."""
    drawing = layout(tree)
    return environment.get_template("partials/guide/diagram.html").render(
        layout=drawing,
        line_height=LINE_HEIGHT,
        padding=PADDING,
        questions=len(tree.questions),
        outcomes=len(tree.outcomes),
    )
