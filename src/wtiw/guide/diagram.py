"""Lay out the guide as a left-to-right diagram and render it as inline SVG, in pure Python.

No Graphviz and no JavaScript library: a build needs only Python packages, and the page
makes no third-party request. The layout is the classic layered one, kept small:
columns by longest path from the start, boxes ordered by the average place of each step's
parents (a few sweeps reduce crossings). A question's box lists its answers as rows, and
each answer's arrow leaves from its own row, so every arrow is labelled by its answer. An
arrow that skips columns runs through a gap between the boxes of each column it crosses,
never under a box.

The drawing is meant to be seen at its natural size (`FONT_SIZE` px text, never scaled down):
the page scrolls it sideways instead. Text is wrapped by character count, so the box width
leaves room for wide letters; the browser tests check that no line runs out of its box.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment

from wtiw.guide.graph import topological_order
from wtiw.guide.model import Outcome, Question, Tree

FONT_SIZE = 14
LINE_HEIGHT = 19
BOX_WIDTH = 260
COLUMN_GAP = 100
ROW_GAP = 24
CHANNEL_GAP = 12  # between an arrow passing a column and its neighbours
PADDING = 10
ROW_PADDING = 5
MARGIN = 12
TITLE_CHARS = 27  # bold titles
ANSWER_CHARS = 30
SWEEPS = 4


@dataclass(frozen=True)
class Row:
    """One answer inside a question's box: its wrapped label and where it leads."""

    key: str
    lines: tuple[str, ...]
    y: float
    height: float
    target: str

    @property
    def middle(self) -> float:
        """The vertical centre, where the answer's arrow leaves the box."""
        return self.y + self.height / 2


@dataclass(frozen=True)
class Box:
    """One step drawn as a box: where it is, its wrapped title, its answers and its kind."""

    id: str
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    kind: str
    rows: tuple[Row, ...] = ()

    @property
    def entry(self) -> float:
        """Where arrows arrive: level with the title."""
        return self.y + PADDING + len(self.lines) * LINE_HEIGHT / 2


@dataclass(frozen=True)
class Arrow:
    """A curved arrow from one answer's row to the step it leads to, as an SVG path."""

    source: str
    key: str
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


@dataclass(frozen=True)
class _Channel:
    """Where one long arrow crosses a column it skips: a gap between that column's boxes."""

    source: str
    key: str
    column: int


Item = str | _Channel  # a step's box, or an arrow's channel through a column


def _order_columns(tree: Tree, order: list[str], column: dict[str, int]) -> list[list[Item]]:
    """Each column's boxes and channels, ordered by the average place of what feeds them.

    An arrow that skips columns gets a channel in each column it crosses (the classic "dummy
    node"), so it runs between boxes there instead of under them.
    """
    columns: list[list[Item]] = [[] for _ in range(max(column.values(), default=0) + 1)]
    feeds: dict[Item, list[tuple[Item, float]]] = defaultdict(list)
    for node in order:
        columns[column[node]].append(node)
    for node in order:
        step = tree.steps[node]
        if not isinstance(step, Question):
            continue
        for index, answer in enumerate(step.answers):
            # Lower rows feed from a little lower down, so their arrows stay below.
            previous: Item = node
            offset = (index + 1) / (len(step.answers) + 1)
            for middle in range(column[node] + 1, column[answer.next]):
                channel = _Channel(node, answer.key, middle)
                columns[middle].append(channel)
                feeds[channel].append((previous, offset))
                previous, offset = channel, 0.0
            feeds[answer.next].append((previous, offset))
    for _ in range(SWEEPS):
        rank = {item: index for items in columns for index, item in enumerate(items)}
        for items in columns[1:]:
            items.sort(
                key=lambda item: (
                    sum(rank[f] + offset for f, offset in feeds[item]) / len(feeds[item])
                    if feeds[item]
                    else rank[item]
                )
            )
            rank.update({item: position for position, item in enumerate(items)})
    return columns


def _wrap(text: str, width: int) -> tuple[str, ...]:
    """Lines of at most `width` characters, broken at spaces only ("one-to-one" stays whole)."""
    return tuple(textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False))


def _box(tree: Tree, node: str, x: float, y: float) -> Box:
    """One step's box at (x, y): its title, then one row per answer for a question."""
    step = tree.steps[node]
    lines = _wrap(step.title, TITLE_CHARS) or (node,)
    bottom = y + PADDING + len(lines) * LINE_HEIGHT
    rows = []
    if isinstance(step, Question):
        bottom += ROW_PADDING
        for answer in step.answers:
            label = _wrap(answer.label, ANSWER_CHARS) or (answer.key,)
            height = len(label) * LINE_HEIGHT + 2 * ROW_PADDING
            rows.append(Row(answer.key, label, bottom, height, answer.next))
            bottom += height
    kind = "question"
    if isinstance(step, Outcome):
        kind = "urgent" if step.urgent else "outcome"
    height = bottom + (ROW_PADDING if rows else PADDING) - y
    return Box(node, x, y, BOX_WIDTH, height, lines, kind, tuple(rows))


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    """A smooth S-curve from one point to another, level at both ends (SVG path commands)."""
    bend = (x2 - x1) / 2
    return f"C{x1 + bend:.0f} {y1:.0f} {x2 - bend:.0f} {y2:.0f} {x2:.0f} {y2:.0f}"


def layout(tree: Tree) -> Layout:
    """Compute box positions and arrow paths for every step reachable from the start."""
    order = topological_order(tree)
    column = _columns(tree, order)
    columns = _order_columns(tree, order, column)
    boxes: dict[str, Box] = {}
    channels: dict[tuple[str, str, int], float] = {}
    height = 0.0
    for index, items in enumerate(columns):
        x = MARGIN + index * (BOX_WIDTH + COLUMN_GAP)
        y = float(MARGIN)
        for number, item in enumerate(items):
            if isinstance(item, _Channel):
                if number and not isinstance(items[number - 1], _Channel):
                    y += CHANNEL_GAP - ROW_GAP  # a box's gap already parted it from the last
                channels[(item.source, item.key, item.column)] = y
                y += CHANNEL_GAP
                continue
            boxes[item] = _box(tree, item, x, y)
            y += boxes[item].height + ROW_GAP
        height = max(height, y)
    arrows = []
    for node in order:
        start = boxes[node]
        for row in start.rows:
            end = boxes[row.target]
            x, y = start.x + start.width, row.middle
            path = f"M{x:.0f} {y:.0f}"
            for middle in range(column[node] + 1, column[row.target]):
                left = MARGIN + middle * (BOX_WIDTH + COLUMN_GAP)
                through = channels[(node, row.key, middle)]
                path += f"{_curve(x, y, left, through)}H{left + BOX_WIDTH:.0f}"
                x, y = left + BOX_WIDTH, through
            path += _curve(x, y, end.x - 2, end.entry)
            arrows.append(Arrow(node, row.key, row.target, path))
    width = MARGIN * 2 + len(columns) * BOX_WIDTH + (len(columns) - 1) * COLUMN_GAP
    return Layout(tuple(boxes.values()), tuple(arrows), width, height + MARGIN - ROW_GAP)


def render_diagram(tree: Tree, environment: Environment, href: Callable[[str], str]) -> str:
    """Render the diagram of `tree` as inline SVG; `href(step_id)` is each box's link."""
    drawing = layout(tree)
    return environment.get_template("partials/guide/diagram.html").render(
        layout=drawing,
        href=href,
        font_size=FONT_SIZE,
        line_height=LINE_HEIGHT,
        padding=PADDING,
        row_padding=ROW_PADDING,
        questions=len(tree.questions),
        outcomes=len(tree.outcomes),
    )
