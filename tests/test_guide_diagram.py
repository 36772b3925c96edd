"""The map of the guide (docs/guide-map.md): a linked outline, then a diagram people can read.

The diagram is drawn at its natural size, with every answer as a row its arrow leaves from,
and scrolls sideways in its own focusable region. These tests check the layout in Python, the
SVG as built, and what Chromium really draws at a phone's and a desktop's width.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from wtiw.guide.diagram import Box, Layout, Row, layout
from wtiw.guide.graph import reachable
from wtiw.guide.model import Question
from wtiw.guide.render import GuideContext, render_map
from wtiw.guide.validate import load_tree

TREE = load_tree()
SVG = "{http://www.w3.org/2000/svg}"
MAP_URL = "guide-map/"
MIN_TEXT_PX = 12
SEGMENT = re.compile(r"(-?\d+) (-?\d+)H(-?\d+)")  # a straight run through a column: x y H x2


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


def arrows_under_boxes(drawing: Layout) -> list[str]:
    """Arrows whose straight run through a column passes under a box of that column."""
    found = []
    for arrow in drawing.arrows:
        for x1, y, x2 in SEGMENT.findall(arrow.path):
            for box in drawing.boxes:
                across = (
                    box.x <= int(x1) < box.x + box.width or box.x < int(x2) <= box.x + box.width
                )
                if across and box.y <= int(y) <= box.y + box.height:
                    found.append(f"{arrow.source}/{arrow.key} under {box.id}")
    return found


def svg_root(page_url: str = MAP_URL) -> ET.Element:
    """The diagram's scroll wrapper as the map page renders it, parsed as XML."""
    markdown = render_map(TREE, GuideContext(page_url=page_url))
    start = markdown.index('<div class="wtiw-guide-map__scroll"')
    return ET.fromstring(markdown[start : markdown.index("</div>", start) + len("</div>")])


# ── Layout ────────────────────────────────────────────────────────────────────────────────


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


def test_every_answer_is_a_row_of_its_question_and_leads_where_the_tree_says():
    where = {box.id: box for box in layout(TREE).boxes}
    for question in TREE.questions:
        rows = where[question.id].rows
        assert [(row.key, " ".join(row.lines), row.target) for row in rows] == [
            (answer.key, " ".join(answer.label.split()), answer.next) for answer in question.answers
        ]
        box = where[question.id]
        assert all(box.y < row.y and row.y + row.height <= box.y + box.height for row in rows)


def test_one_arrow_per_answer_leaving_from_its_row_and_pointing_right():
    drawing = layout(TREE)
    expected = [
        (question.id, answer.key, answer.next)
        for question in TREE.questions
        for answer in question.answers
    ]
    assert sorted((a.source, a.key, a.target) for a in drawing.arrows) == sorted(expected)
    where = {box.id: box for box in drawing.boxes}
    for arrow in drawing.arrows:
        start, end = where[arrow.source], where[arrow.target]
        (row,) = [row for row in start.rows if row.key == arrow.key]
        assert arrow.path.startswith(f"M{start.x + start.width:.0f} {row.middle:.0f}")
        assert arrow.path.endswith(f"{end.x - 2:.0f} {end.entry:.0f}")
        assert start.x < end.x


def test_no_arrow_runs_under_a_box():
    """An arrow that skips columns passes each one in a gap between boxes."""
    drawing = layout(TREE)
    assert any("H" in arrow.path for arrow in drawing.arrows)  # long arrows exist
    assert arrows_under_boxes(drawing) == []


def test_arrow_under_a_box_is_caught():
    """Control: a box moved onto an arrow's run through its column is found."""
    drawing = layout(TREE)
    arrow = next(arrow for arrow in drawing.arrows if "H" in arrow.path)
    x1, y, _ = SEGMENT.findall(arrow.path)[0]
    box = Box(
        "in-the-way",
        int(x1),
        int(y) - 5,
        100,
        10,
        ("x",),
        "outcome",
        (Row("a", ("a",), 0, 1, "x"),),
    )
    moved = Layout((*drawing.boxes, box), drawing.arrows, drawing.width, drawing.height)
    assert f"{arrow.source}/{arrow.key} under in-the-way" in arrows_under_boxes(moved)


# ── The SVG ───────────────────────────────────────────────────────────────────────────────


def test_svg_is_drawn_at_its_natural_size_with_text_of_12_px_or_more():
    drawing = svg_root().find(f"{SVG}svg")
    assert drawing is not None
    _, _, width, height = drawing.get("viewBox", "").split()
    assert (drawing.get("width"), drawing.get("height")) == (width, height)
    assert float(drawing.get("font-size", "0")) >= MIN_TEXT_PX
    sizes = [e.get("font-size") for e in drawing.iter() if e is not drawing and e.get("font-size")]
    assert sizes == []  # nothing inside overrides the size


def test_svg_is_well_formed_named_scrollable_and_csp_safe():
    root = svg_root()
    assert root.get("role") == "region"
    assert root.get("tabindex") == "0"
    assert "scroll" in (root.get("aria-label") or "")
    drawing = root.find(f"{SVG}svg")
    assert drawing is not None
    assert f"{len(TREE.questions)} questions" in (drawing.get("aria-label") or "")
    assert not [element for element in root.iter() if "style" in element.attrib]
    assert not list(root.iter(f"{SVG}style"))


def test_every_box_is_a_link_to_its_step_and_every_answer_a_row():
    nodes = {g.get("data-node"): g for g in svg_root().iter(f"{SVG}g") if g.get("data-node")}
    assert sorted(nodes) == sorted(reachable(TREE))
    for step_id, node in nodes.items():
        (link,) = node.findall(f"{SVG}a")
        assert link.get("href") == f"../guide/#{step_id}"
        assert link.get("tabindex") == "-1"  # the outline's links are the keyboard's way
        title = " ".join(t.text or "" for t in link.iter(f"{SVG}tspan"))
        assert title == " ".join(TREE.steps[step_id].title.split())
        step = TREE.steps[step_id]
        rows = {
            text.get("data-row"): " ".join(t.text or "" for t in text.iter(f"{SVG}tspan"))
            for text in node.findall(f"{SVG}text")
        }
        answers = step.answers if isinstance(step, Question) else ()
        assert rows == {answer.key: " ".join(answer.label.split()) for answer in answers}


# ── The built pages ───────────────────────────────────────────────────────────────────────


class Links(HTMLParser):
    """Every link's href on a page, and every element id."""

    def __init__(self) -> None:
        """Start empty."""
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record hrefs and ids."""
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if values.get("id"):
            self.ids.add(values["id"] or "")


def parsed(path: Path) -> Links:
    """The links and ids of one built page."""
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_every_map_link_to_the_guide_names_a_real_step(site_dir: Path):
    """The outline and the diagram both link every step; each link lands on that step."""
    guide = parsed(site_dir / "guide" / "index.html")
    hrefs = parsed(site_dir / "guide-map" / "index.html").hrefs
    steps = []
    for href in hrefs:
        target = urlsplit(urljoin(f"http://site/{MAP_URL}", href))
        if target.path == "/guide/" and target.fragment:
            assert target.fragment in guide.ids, href
            assert target.fragment in TREE.steps, href
            steps.append(target.fragment)
    # Each step: in the outline (a question once, plus once per answer leading to it; an
    # outcome once in its list) and once in the diagram.
    leading = [answer.next for question in TREE.questions for answer in question.answers]
    for step in TREE.steps:
        assert steps.count(step) == 2 + leading.count(step), step


def test_the_guide_page_links_to_the_map_and_no_longer_carries_it(site_dir: Path):
    html = (site_dir / "guide" / "index.html").read_text(encoding="utf-8")
    guide = parsed(site_dir / "guide" / "index.html")
    assert "guide-map" in guide.ids  # published addresses guide/#guide-map still land
    assert "../guide-map/" in guide.hrefs
    assert "wtiw-guide-diagram" not in html
    assert "guide-map-list" not in guide.ids


# ── In Chromium ───────────────────────────────────────────────────────────────────────────

# Rendered size of the diagram's text and how its wrapper and the page scroll.
MEASURE = """() => {
  const svg = document.querySelector('.wtiw-guide-diagram');
  const region = svg.closest('[role=region]');
  const scale = svg.getScreenCTM().a;
  const sizes = [...svg.querySelectorAll('text')]
    .map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
  const outside = [];
  for (const node of svg.querySelectorAll('[data-node]')) {
    const box = node.querySelector('rect').getBoundingClientRect();
    for (const line of node.querySelectorAll('tspan')) {
      const r = line.getBoundingClientRect();
      if (r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom) {
        outside.push(line.textContent);
      }
    }
  }
  return {
    smallest: Math.min(...sizes),
    regionScrolls: region.scrollWidth > region.clientWidth,
    pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    outside,
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_diagram_text_is_readable_and_scrolls_in_its_region(browser, site_url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + MAP_URL)
        facts = page.evaluate(MEASURE)
        assert facts["smallest"] >= MIN_TEXT_PX, facts
        assert facts["regionScrolls"], facts
        assert not facts["pageScrolls"], facts
        assert facts["outside"] == [], facts
        region = page.locator(".wtiw-guide-map__scroll")
        region.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelector('.wtiw-guide-map__scroll').scrollLeft > 0"
        )
    finally:
        context.close()


@pytest.mark.browser
def test_measurement_catches_a_shrunk_diagram(page):
    """Control: a diagram scaled down to fit, as the theme's `max-width: 100%` did, is caught."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.set_content(
        '<div class="wtiw-guide-map__scroll" role="region"><svg class="wtiw-guide-diagram"'
        ' viewBox="0 0 3000 100" width="300" font-size="14"><g data-node="a"><rect width="3000"'
        ' height="100"/><text y="50"><tspan x="10">A step</tspan></text></g></svg></div>'
    )
    facts = page.evaluate(MEASURE)
    assert facts["smallest"] < MIN_TEXT_PX
    assert not facts["regionScrolls"]
