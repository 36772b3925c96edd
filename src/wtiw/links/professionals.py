"""The "For therapists and clinics" page's generated parts: link list, picker, embed snippet.

Python turns the site's link targets (`links/targets.py`: the link contract's pages and
sections, the guide tree's steps) into plain view data; Jinja templates in
`overrides/partials/professionals/` render it. No MkDocs imports, so the page can be tested
and moved to another generator as it is. Example::

    render_part("list", groups, templates_dir, site_url="https://x.org/", page_url="p/")
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wtiw.core.templates import partials, without_blank_lines
from wtiw.core.urls import absolute_url, relative_url
from wtiw.links.contract import LinkGroup, LinkTarget

PARTS = ("list", "picker", "snippet")
HOST_SCRIPT = "embed.js"
KIND_LABELS = {"page": "Whole page", "section": "Section", "step": "Guide step"}


@dataclass(frozen=True)
class TargetView:
    """Everything a template shows about one link target, precomputed."""

    key: str
    kind_label: str
    title: str
    frame_title: str
    url: str
    relative: str
    embed_url: str
    embed_relative: str
    qr_relative: str


@dataclass(frozen=True)
class GroupView:
    """One page and its sections or steps, ready to render."""

    title: str
    slug: str
    items: tuple[TargetView, ...]


def _view(target: LinkTarget, site_name: str, site_url: str, page_url: str) -> TargetView:
    """Precompute the addresses of one target, absolute for sharing, relative for browsing."""
    context = "" if target.kind == "page" else f"{target.page_title}: "
    name = f"{context}{target.title}"
    return TargetView(
        key=target.href,
        kind_label=KIND_LABELS[target.kind],
        title=target.title,
        frame_title=name if name == site_name else f"{name} ({site_name})",
        url=absolute_url(site_url, target.href),
        relative=relative_url(target.href, page_url),
        embed_url=absolute_url(site_url, target.embed_href),
        embed_relative=relative_url(target.embed_href, page_url),
        qr_relative=relative_url(target.qr_href, page_url),
    )


def group_views(
    groups: list[LinkGroup], *, site_name: str, site_url: str, page_url: str
) -> list[GroupView]:
    """View data for every group, in contract order."""
    return [
        GroupView(
            title=group.page.title,
            slug=group.page.slug,
            items=tuple(_view(t, site_name, site_url, page_url) for t in group.targets),
        )
        for group in groups
    ]


def render_part(
    part: str,
    link_groups: list[LinkGroup],
    templates_dir: Path,
    *,
    site_name: str,
    site_url: str,
    page_url: str,
) -> str:
    """Render one generated part of the page (`list`, `picker` or `snippet`) as HTML."""
    if part not in PARTS:
        raise ValueError(f"Unknown part '{part}'. Use one of: {', '.join(PARTS)}.")
    groups = group_views(link_groups, site_name=site_name, site_url=site_url, page_url=page_url)
    template = partials(templates_dir).get_template(f"partials/professionals/{part}.html")
    html = template.render(
        groups=groups,
        first=groups[0].items[0],
        script_url=absolute_url(site_url, HOST_SCRIPT),
        site_name=site_name,
    )
    return without_blank_lines(html)
