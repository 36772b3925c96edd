"""Render a checked guide `Tree` to HTML (the guide) and Markdown (its map), with Jinja.

Python only prepares plain view data here (ids, texts, link targets); the templates in
``overrides/partials/guide/`` decide the markup. The guide is one raw HTML block, so its step
headings stay out of the page's table of contents and search index. The map is Markdown, so
MkDocs checks every outcome link and step anchor again when it builds the page.
Example: ``render_guide(tree, GuideContext(page_url="guide/", site_url="https://x.org/"))``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from macros.diagram import render_diagram
from macros.model import Link, Outcome, Question, Tree
from macros.qr import qr_svg

TEMPLATES = Path(__file__).resolve().parents[1] / "overrides" / "partials" / "guide"
HELP_PAGE = "help-now.md"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()!|<>])")


@dataclass(frozen=True)
class GuideContext:
    """Where the guide is published: its page URL, the site URL, and how pages map to URLs."""

    page_url: str = "guide/"
    site_url: str = ""
    use_directory_urls: bool = True
    with_qr_codes: bool = True


def page_url(page: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives a Markdown page, such as ``help-now/``."""
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def relative_href(link_page: str, anchor: str, context: GuideContext) -> str:
    """The href from the guide page to `link_page` (and `anchor`), as MkDocs would write it."""
    target = page_url(link_page, context.use_directory_urls)
    here = (
        context.page_url if context.page_url.endswith("/") else posixpath.dirname(context.page_url)
    )
    href = posixpath.relpath(target or ".", here or ".")
    if (target.endswith("/") or not target) and not href.endswith("/"):
        href += "/"
    return f"{href}#{anchor}" if anchor else href


def markdown_text(text: str) -> Markup:
    """Escape plain text for a Markdown template: HTML first, then Markdown's punctuation."""
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(text))))


@cache
def environment(templates: Path = TEMPLATES) -> Environment:
    """One Jinja environment for the guide's templates, strict about undefined names."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown_text
    return env


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


def canonical_url(step_id: str, context: GuideContext) -> str:
    """The absolute address of one step, for the printed handout and its QR code."""
    base = context.site_url.rstrip("/") + "/" if context.site_url else "/"
    return f"{base}{context.page_url}#{step_id}"


def render_guide(tree: Tree, context: GuideContext) -> str:
    """Return the guide as one HTML block: every step, one visible at a time."""
    titles = {step.id: step.title for step in tree.steps.values()}
    handouts = {}
    for outcome in tree.outcomes:
        url = canonical_url(outcome.id, context)
        qr = Markup(qr_svg(url, label=f"QR code: {url}")) if context.with_qr_codes else ""
        handouts[outcome.id] = {"url": url, "qr": qr}
    links = {outcome.id: _links(outcome.links, context) for outcome in tree.outcomes}
    html = (
        environment()
        .get_template("guide.html")
        .render(
            tree=tree,
            steps=list(tree.steps.values()),
            titles=titles,
            links=links,
            handouts=handouts,
            help_href=relative_href(HELP_PAGE, "", context),
            is_question=lambda step: isinstance(step, Question),
            is_outcome=lambda step: isinstance(step, Outcome),
        )
    )
    return _compact(html)


def render_map(tree: Tree, context: GuideContext) -> str:
    """Return the map of the guide: a Markdown nested list, then the SVG diagram."""
    titles = {step.id: step.title for step in tree.steps.values()}
    markdown = (
        environment()
        .get_template("map.html")
        .render(
            tree=tree,
            questions=tree.questions,
            outcomes=tree.outcomes,
            titles=titles,
            diagram=Markup(render_diagram(tree, environment())),
        )
    )
    return markdown.strip() + "\n"


def _compact(html: str) -> str:
    """Drop blank lines: Markdown ends a raw HTML block early at some blank lines."""
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
