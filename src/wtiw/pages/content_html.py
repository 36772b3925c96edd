"""Page content is checked against an allowlist of HTML, parsed the way a browser parses it.

A page's Markdown may carry raw HTML, and so may what macros put into it. Some of it escapes
any Content-Security-Policy or sends the reader elsewhere: `<meta http-equiv="refresh">`,
`<base>`, `<iframe>`, `<object>`, a `<form>` posting off-site, `ping`, an SVG `<animate>`
that rewrites a link, a `javascript:` address hidden behind entities or tabs. A blocklist
misses the next trick, so only listed elements and attributes pass, with addresses limited to
a few schemes. The content is parsed by justhtml (an HTML5 parser that passes the html5lib
tests, so it reads `java&#x09;script:` as a browser does), never matched with regexes.

    >>> [f.label for f in content_findings('<base href="https://evil.example/">')]
    ['<base> is not allowed in a page: it changes where every link on the page goes']
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from justhtml import JustHTML


def _names(text: str) -> frozenset[str]:
    """Names written as one line of words, as allowlists read best."""
    return frozenset(text.split())


# Elements Markdown writes, and those our templates and macros put into pages (the guide,
# the check-in sheet, the self-checks, the professionals' picker, the map's diagram).
HTML_ELEMENTS = _names(
    "a abbr b blockquote br button caption code col colgroup dd del details div dl dt em "
    "fieldset figcaption figure h1 h2 h3 h4 h5 h6 hr i img input ins kbd label legend li mark "
    "nav ol optgroup option p pre q s samp section select small span strong sub summary sup "
    "table tbody td textarea tfoot th thead time tr u ul var"
)
SVG_ELEMENTS = _names(
    "a circle defs desc g line marker path polygon polyline rect svg text title tspan"
)
# Inline scripts are allowed here only so that `postbuild/csp.content_problems` can compare
# them with our templates' own; a script with any attribute (`src`) is refused below.
SCRIPT = "script"
GLOBAL_ATTRIBUTES = frozenset({"class", "dir", "hidden", "id", "lang", "role", "tabindex", "title"})
ELEMENT_ATTRIBUTES: dict[str, frozenset[str]] = {
    name: _names(attributes)
    for name, attributes in {
        "a": "href download",
        "img": "src alt width height loading decoding",
        "input": "type name value checked readonly disabled autocomplete",
        "textarea": "name rows cols readonly autocomplete",
        "select": "name",
        "option": "value selected",
        "optgroup": "label",
        "button": "type",
        "label": "for",
        "th": "scope colspan rowspan",
        "td": "colspan rowspan",
        "ol": "start",
        "time": "datetime",
        "details": "open",
        # The map's diagram (guide/diagram.py).
        "svg": "viewBox width height xmlns font-size",
        "marker": "markerHeight markerWidth orient refX refY viewBox",
        "path": "d marker-end marker-start",
        "rect": "x y width height rx",
        "circle": "cx cy r",
        "text": "x y dominant-baseline",
        "tspan": "x y",
    }.items()
}
URL_ATTRIBUTES = frozenset({"href", "src"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
# Why the most likely mistakes and tricks are refused, so the fix is clear.
REASONS = {
    "meta": 'it can send the reader to another site (http-equiv="refresh") or change the '
    "page's policy",
    "base": "it changes where every link on the page goes",
    "iframe": "it shows another site inside the page",
    "frame": "it shows another site inside the page",
    "object": "it runs a plug-in or shows another site",
    "embed": "it runs a plug-in or shows another site",
    "form": "it can send what a reader types to another site",
    "link": "it loads files from another site",
    "style": "styles belong in a stylesheet under overrides/assets/stylesheets/",
    "animate": "an SVG animation can change a link's address after the page is checked",
    "set": "an SVG animation can change a link's address after the page is checked",
}
ALLOWLIST_FIX = "use Markdown, or add it to the allowlist in src/wtiw/pages/content_html.py"


@dataclass(frozen=True)
class ContentFinding:
    """Something a page's content may not hold: what and why, and source text to find it by."""

    label: str
    needle: str


def _nodes(root: object) -> Iterator[object]:
    """Every element under `root`, in document order (the content of `<template>` too)."""
    pending = list(reversed(getattr(root, "children", None) or []))
    while pending:
        node = pending.pop()
        name = getattr(node, "name", "") or ""
        if not name.startswith("#"):  # not text, a comment or a template's fragment
            yield node
        inner = getattr(node, "template_content", None)
        children = [*(getattr(node, "children", None) or []), *([inner] if inner else [])]
        pending.extend(reversed(children))


def _scheme(address: str) -> str | None:
    r"""The scheme of an address as a browser reads it, lower-case; None for a relative one.

    Browsers drop tabs and line breaks anywhere in a URL, and controls and spaces at its ends,
    so `java\tscript:` is `javascript:`.
    """
    cleaned = "".join(ch for ch in address if ch not in "\t\n\r").strip("\x00- ")
    head = cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return head.split(":", 1)[0].lower() if ":" in head else None


def _element_findings(node: object, opening: str) -> list[ContentFinding]:
    """What is wrong with one element: its name, an attribute, or an address."""
    name = str(getattr(node, "name", ""))
    namespace = getattr(node, "namespace", "html")
    attributes: dict[str, str | None] = dict(getattr(node, "attrs", None) or {})
    tag = f"<{name}>"
    allowed = SVG_ELEMENTS if namespace == "svg" else HTML_ELEMENTS
    if name == SCRIPT and namespace == "html":
        if attributes:
            label = (
                "<script> with attributes (such as src, which loads code) is not allowed in a "
                "page: scripts belong in overrides/assets/javascripts/"
            )
            return [ContentFinding(label, opening)]
        return []
    if name not in allowed or namespace not in ("html", "svg"):
        reason = REASONS.get(name, f"it is not on the allowlist; {ALLOWLIST_FIX}")
        return [ContentFinding(f"{tag} is not allowed in a page: {reason}", opening)]
    findings: list[ContentFinding] = []
    permitted = GLOBAL_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(name, frozenset())
    for attribute, value in attributes.items():
        lowered = attribute.lower()
        if lowered.startswith("on") or lowered == "style":
            continue  # postbuild/csp.content_problems reports these, with the fix
        if lowered.startswith(("data-", "aria-")):
            continue
        if attribute not in permitted:
            reason = (
                "it makes the browser send a request to another address"
                if lowered == "ping"
                else ALLOWLIST_FIX
            )
            label = f"the attribute {attribute} on {tag} is not allowed: {reason}"
            findings.append(ContentFinding(label, opening))
            continue
        scheme = _scheme(value or "") if attribute in URL_ATTRIBUTES else None
        if scheme is not None and scheme not in SAFE_SCHEMES:
            findings.append(
                ContentFinding(
                    f"{attribute} on {tag} is a {scheme}: address; a page may link only to "
                    f"{', '.join(sorted(SAFE_SCHEMES))} and relative addresses",
                    opening,
                )
            )
    return findings


def _opening_tag(html: str, line_starts: list[int], node: object) -> str:
    """The element's opening tag as written in `html`, to find its line in the page source."""
    line, column = getattr(node, "origin_line", None), getattr(node, "origin_col", None)
    if not line or not column or line > len(line_starts):
        return f"<{getattr(node, 'name', '')}"
    start = line_starts[line - 1] + column - 1
    end = html.find(">", start)
    return html[start : end + 1 if end >= 0 else len(html)].split("\n", 1)[0]


def content_findings(html: str) -> list[ContentFinding]:
    """Everything in one page's content (its Markdown as HTML) that the allowlist refuses."""
    document = JustHTML(html, fragment=True, sanitize=False, track_node_locations=True)
    line_starts = [0]
    line_starts += [index + 1 for index, char in enumerate(html) if char == "\n"]
    return [
        finding
        for node in _nodes(document.root)
        for finding in _element_findings(node, _opening_tag(html, line_starts, node))
    ]
