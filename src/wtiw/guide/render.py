"""Render a checked guide `Tree` to HTML (the guide) and Markdown (its map page), with Jinja.

Python only prepares plain view data here (ids, texts, link targets); the templates in
``overrides/partials/guide/`` decide the markup. The guide is one raw HTML block, so its step
headings stay out of the page's table of contents and search index. The map is Markdown, so
MkDocs checks every outcome link and step anchor again when it builds the page.
Example: ``render_guide(tree, GuideContext(page_url="guide/", site_url="https://x.org/"))``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from wtiw.core.site import ENGLISH, PROJECT
from wtiw.core.templates import partials, without_blank_lines
from wtiw.core.urls import page_url, relative_url
from wtiw.crisis.numbers import CrisisHelp
from wtiw.guide.diagram import render_diagram
from wtiw.guide.graph import answers_leading_to
from wtiw.guide.model import Link, Outcome, Question, Tree
from wtiw.guide.options_view import option_views
from wtiw.handout.handout import make_handout
from wtiw.links.contract import GUIDE_PATH, LinkTarget

HELP_PAGE = "help-now.md"
GUIDE_PAGE = "guide.md"


@dataclass(frozen=True)
class GuideContext:
    """Where and how the guide is published: page and site URLs, the language, the texts."""

    page_url: str = "guide/"
    site_url: str = ""
    use_directory_urls: bool = True
    with_qr_codes: bool = True
    templates: Path = PROJECT.templates
    # The crisis numbers the urgent outcomes show (docs/_data/crisis-help.yml).
    crisis: CrisisHelp | None = None
    # The shared data folder, for the interface texts (`core/interface.py`), and the
    # edition's language.
    data: Path = PROJECT.data
    language: str = ENGLISH


def _partials(context: GuideContext) -> Environment:
    """The templates of the guide, with the interface texts in the edition's language."""
    return partials(context.templates, context.data, context.language)


def relative_href(link_page: str, anchor: str, context: GuideContext) -> str:
    """The href from the guide page to `link_page` (and `anchor`), as MkDocs would write it."""
    target = page_url(link_page, context.use_directory_urls)
    return relative_url(f"{target}#{anchor}" if anchor else target, context.page_url)


@dataclass(frozen=True)
class LinkView:
    """An outcome link ready for a template: its text, Markdown target and raw href."""

    text: str
    target: str
    href: str


def _links(links: tuple[Link, ...], context: GuideContext) -> list[LinkView]:
    """Prepare an outcome's links."""
    return [
        LinkView(link.text, link.target, relative_href(link.page, link.anchor, context))
        for link in links
    ]


@dataclass(frozen=True)
class ReasonView:
    """An answer that leads straight to an outcome: the question, its answer, and its step."""

    question: str
    title: str
    label: str


def _reasons(tree: Tree) -> dict[str, list[ReasonView]]:
    """For each outcome, the answers that may have led the reader to it (the graph's in-edges)."""
    leading = answers_leading_to(tree)
    views: dict[str, list[ReasonView]] = {}
    for outcome in tree.outcomes:
        views[outcome.id] = []
        for question_id, key in leading[outcome.id]:
            question = tree.steps[question_id]
            assert isinstance(question, Question)
            (answer,) = [answer for answer in question.answers if answer.key == key]
            views[outcome.id].append(ReasonView(question_id, question.title, answer.label))
    return views


def canonical_url(step_id: str, context: GuideContext) -> str:
    """The absolute address of one step, for the printed handout and its QR code."""
    base = context.site_url.rstrip("/") + "/" if context.site_url else "/"
    return f"{base}{context.page_url}#{step_id}"


def render_guide(tree: Tree, context: GuideContext) -> str:
    """Return the guide as one HTML block: every step, one visible at a time."""
    titles = {step.id: step.title for step in tree.steps.values()}
    handouts = {}
    qr_images = {}
    for outcome in tree.outcomes:
        url = canonical_url(outcome.id, context)
        # The QR code is an image file, not inline SVG: only the outcome on screen loads it
        # (guide.js), so 18 print-only codes stay out of the guide's first load.
        handouts[outcome.id] = make_handout(url, with_qr=False)
        if context.with_qr_codes:
            target = LinkTarget("step", GUIDE_PATH, outcome.id, outcome.title, "")
            qr_images[outcome.id] = relative_url(target.qr_href, context.page_url)
    links = {outcome.id: _links(outcome.links, context) for outcome in tree.outcomes}
    html = (
        _partials(context)
        .get_template("partials/guide/guide.html")
        .render(
            tree=tree,
            steps=list(tree.steps.values()),
            titles=titles,
            links=links,
            handouts=handouts,
            qr_images=qr_images,
            options=option_views(tree, lambda page, anchor: relative_href(page, anchor, context)),
            reasons=_reasons(tree),
            page_href=lambda page, anchor="": relative_href(page, anchor, context),
            help_href=relative_href(HELP_PAGE, "", context),
            crisis=context.crisis,
            is_question=lambda step: isinstance(step, Question),
            is_outcome=lambda step: isinstance(step, Outcome),
        )
    )
    return without_blank_lines(html) + "\n"


def render_map(tree: Tree, context: GuideContext) -> str:
    """Return the map of the guide (its own page): a Markdown outline, then the SVG diagram.

    The outline's links are Markdown (`guide.md#<step-id>`), which MkDocs checks; the
    diagram's are raw hrefs from the map page to the guide page, such as `../guide/#start`.
    """
    titles = {step.id: step.title for step in tree.steps.values()}
    diagram = render_diagram(
        tree,
        _partials(context),
        lambda step_id: relative_href(GUIDE_PAGE, step_id, context),
    )
    markdown = (
        _partials(context)
        .get_template("partials/guide/map.html")
        .render(
            tree=tree,
            questions=tree.questions,
            outcomes=tree.outcomes,
            titles=titles,
            diagram=Markup(diagram),
        )
    )
    return markdown.strip() + "\n"
