"""Addresses on the site, by MkDocs' rules, written once for every feature that links.

Relative links work wherever the site is served (GitHub Pages, a project subfolder, `mkdocs
serve`); absolute ones are for sharing, printing and QR codes.

    >>> page_url("help-now.md")
    'help-now/'
    >>> relative_url("help-now/#emergency", "guide/")
    '../help-now/#emergency'
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin


def page_url(source: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives the Markdown page `source`, such as ``help-now/``."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def relative_url(href: str, from_page: str) -> str:
    """Root-relative `href` as a relative link from the page at root-relative URL `from_page`."""
    path, _, fragment = href.partition("#")
    base = from_page if from_page.endswith("/") or not from_page else posixpath.dirname(from_page)
    relative = posixpath.relpath(f"/{path}", f"/{base}")
    if relative == ".":
        relative = "./"
    elif path == "" or path.endswith("/"):
        relative += "/"
    return f"{relative}#{fragment}" if fragment else relative


def absolute_url(site_url: str, href: str) -> str:
    """The canonical absolute address of root-relative `href` on the site at `site_url`."""
    if not site_url:
        raise ValueError("site_url is empty: set it in mkdocs.yml to the public address.")
    return urljoin(site_url if site_url.endswith("/") else f"{site_url}/", href)
