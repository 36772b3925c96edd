"""The "For therapists and clinics" page's generated parts: link list, picker, embed snippet.

Python turns the site's link targets (`links/targets.py`: the link contract's pages and
sections, the guide tree's steps) into plain view data; Jinja templates in
`overrides/partials/professionals/` render it. The embed snippet has one source, the
`embed_code` macro: the picker, the page's example and the oEmbed files (`oembed_files`) all
render it. No MkDocs imports, so the page can be tested and moved to another generator as it
is. Example::

    render_part("list", groups, folders, site_url="https://x.org/", page_url="p/", ...)

Every word the parts show is an interface text (`docs/_data/interface/professionals.yml`)
in the edition's language, which `folders` (`core/site.py`) names.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from wtiw.core.interface import Words, words
from wtiw.core.site import SiteFolders
from wtiw.core.templates import partials, without_blank_lines
from wtiw.core.urls import absolute_url, relative_url
from wtiw.embed.embed import GUIDE_FRAME_HEIGHT
from wtiw.embed.integrity import HOST_SCRIPT
from wtiw.embed.oembed import oembed_document, oembed_path, to_json
from wtiw.links.contract import GUIDE_PATH, LinkGroup, LinkTarget

PARTS = ("list", "picker", "snippet")
# The snippet's `height` attribute: what a reader sees before embed.js sizes the frame, or
# always when scripts are off. Guide forms report one constant height, so they get their own.
FRAME_HEIGHT = 700
EMBED_CODE = "partials/professionals/embed-code.html"


@dataclass(frozen=True)
class TargetView:
    """Everything a template shows about one link target, precomputed."""

    key: str
    kind_label: str
    title: str
    name: str
    frame_title: str
    frame_height: int
    url: str
    relative: str
    embed_url: str
    embed_relative: str
    qr_relative: str
    oembed_href: str  # empty for sections: site builders embed a whole page or a step
    oembed_url: str


@dataclass(frozen=True)
class GroupView:
    """One page and its sections or steps, ready to render."""

    title: str
    slug: str
    items: tuple[TargetView, ...]


def _kind_label(target: LinkTarget, text: Words) -> str:
    """What a target is, before its title: "Whole page", "Section", "Guide step", "Whole guide"."""
    if target.path == GUIDE_PATH and target.kind == "page":
        return text("professionals.kind.guide")
    return text(f"professionals.kind.{target.kind}")


def _view(
    target: LinkTarget, text: Words, site_name: str, site_url: str, page_url: str
) -> TargetView:
    """Precompute the addresses of one target, absolute for sharing, relative for browsing."""
    context = "" if target.kind == "page" else f"{target.page_title}: "
    name = f"{context}{target.title}"
    guide = target.path == GUIDE_PATH
    oembed = "" if target.kind == "section" else oembed_path(target.path, target.anchor)
    return TargetView(
        key=target.href,
        kind_label=_kind_label(target, text),
        title=target.title,
        name=name,
        frame_title=name if name == site_name else f"{name} ({site_name})",
        frame_height=GUIDE_FRAME_HEIGHT if guide else FRAME_HEIGHT,
        url=absolute_url(site_url, target.href),
        relative=relative_url(target.href, page_url),
        embed_url=absolute_url(site_url, target.embed_href),
        embed_relative=relative_url(target.embed_href, page_url),
        qr_relative=relative_url(target.qr_href, page_url),
        oembed_href=oembed,
        oembed_url=absolute_url(site_url, oembed) if oembed else "",
    )


def group_views(
    groups: list[LinkGroup], text: Words, *, site_name: str, site_url: str, page_url: str
) -> list[GroupView]:
    """View data for every group, in contract order, labelled in `text`'s words."""
    return [
        GroupView(
            title=group.page.title,
            slug=group.page.slug,
            items=tuple(_view(t, text, site_name, site_url, page_url) for t in group.targets),
        )
        for group in groups
    ]


def render_part(
    part: str,
    link_groups: list[LinkGroup],
    folders: SiteFolders,
    *,
    site_name: str,
    site_url: str,
    page_url: str,
    integrity: str,
) -> str:
    """Render one generated part of the page (`list`, `picker` or `snippet`) as HTML.

    `integrity` is the host script's SRI value (`embed/integrity.py`), worked out per build.
    """
    if part not in PARTS:
        raise ValueError(f"Unknown part '{part}'. Use one of: {', '.join(PARTS)}.")
    text = words(folders.data, folders.language)
    groups = group_views(
        link_groups, text, site_name=site_name, site_url=site_url, page_url=page_url
    )
    env = partials(folders.templates, folders.data, folders.language)
    template = env.get_template(f"partials/professionals/{part}.html")
    html = template.render(
        groups=groups,
        first=groups[0].items[0],
        script_url=absolute_url(site_url, HOST_SCRIPT),
        integrity=integrity,
        site_name=site_name,
    )
    return without_blank_lines(html)


def embed_snippet(env: Environment, view: TargetView, *, site_url: str, integrity: str) -> str:
    """The copy-paste embed code for one target, as plain text: the picker's, exactly."""
    macro = env.get_template(EMBED_CODE).module.embed_code
    return str(
        macro(
            view.frame_title,
            view.embed_url,
            view.frame_height,
            absolute_url(site_url, HOST_SCRIPT),
            integrity,
        )
    )


def oembed_files(
    link_groups: list[LinkGroup],
    folders: SiteFolders,
    *,
    site_name: str,
    site_url: str,
    integrity: str,
) -> dict[str, str]:
    """Every oEmbed document (pages and guide steps), by its path from the site root."""
    env = partials(folders.templates, folders.data, folders.language)
    text = words(folders.data, folders.language)
    files: dict[str, str] = {}
    views = group_views(link_groups, text, site_name=site_name, site_url=site_url, page_url="")
    for group in views:
        for view in group.items:
            if not view.oembed_href:
                continue
            document = oembed_document(
                html=embed_snippet(env, view, site_url=site_url, integrity=integrity),
                height=view.frame_height,
                title=view.name,
                provider_name=site_name,
                provider_url=site_url,
            )
            files[view.oembed_href] = to_json(document)
    return files


def oembed_links(link_groups: list[LinkGroup], *, site_url: str) -> dict[str, tuple[str, str]]:
    """Each page's discovery link, by page path: its oEmbed document's address and a title."""
    return {
        group.page.path: (
            absolute_url(site_url, oembed_path(group.page.path)),
            group.page.title,
        )
        for group in link_groups
    }
