"""Content-Security-Policy for one finished HTML page: hash its inline scripts, build the policy.

GitHub Pages cannot send headers, so the policy travels in a `<meta http-equiv>` tag. Scripts
are allowed from the site itself plus the exact sha256 of each inline script the page really
contains, so an inline script that appears later (a theme upgrade, a stray snippet) is blocked
until a build hashes it. Because the build hashes what it finds, a page's own content (its
Markdown, and what macros put in it) may carry only the inline scripts our templates contain:
a `<script>` pasted into Markdown fails the build (`content_problems`) instead of being
trusted. Plain Python, no MkDocs: `hooks/csp.py` applies it to pages and the built site.

    >>> policy_for('<head><meta charset="utf-8"><script>go()</script></head>')
    "default-src 'none'; script-src 'self' 'sha256-...'; ..."
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from wtiw.core.html_splice import PositionedParser

# Everything not listed falls back to default-src 'none'. frame-ancestors is left out on
# purpose: browsers ignore it in a meta tag, and clinics must be able to embed our pages.
DIRECTIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'none'",)),
    ("script-src", ("'self'",)),
    ("style-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),
    ("font-src", ("'self'",)),
    ("connect-src", ("'self'",)),
    ("manifest-src", ("'self'",)),
    ("base-uri", ("'none'",)),
    ("form-action", ("'none'",)),
    ("object-src", ("'none'",)),
)
# <script type> values a browser executes; anything else (JSON, JSON-LD) is inert data.
EXECUTABLE_TYPES = {
    "", "module", "text/javascript", "application/javascript", "application/ecmascript",
    "text/ecmascript", "application/x-javascript", "text/jscript", "text/livescript",
}  # fmt: skip
# `attribute_value` escapes what the attribute needs and leaves ' readable (html.escape would
# write every ' as &#x27;, about 100 bytes a page).
META_TAG = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
CHARSET_META = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
HEAD_START = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
EXISTING_CSP = re.compile(r"<meta\s+http-equiv=\"Content-Security-Policy\"[^>]*>", re.I)


class CspError(ValueError):
    """A page the policy cannot protect as it stands (the message says what to change)."""


@dataclass(frozen=True)
class Finding:
    """Inline code in a page, or a problem with it: its words, and text that finds its line."""

    label: str
    needle: str


@dataclass
class PageScripts:
    """What one page contains that matters to the policy."""

    inline: list[str] = field(default_factory=list)
    first_script_offset: int | None = None
    inline_handlers: list[Finding] = field(default_factory=list)
    inline_styles: list[Finding] = field(default_factory=list)


class _ScriptParser(PositionedParser):
    """Collects inline executable scripts, and inline code a hash cannot allow."""

    def __init__(self) -> None:
        """Start with an empty page; script text is kept exactly as written (no charrefs)."""
        super().__init__(convert_charrefs=False)
        self.found = PageScripts()
        self._script: list[str] | None = None

    def feed_page(self, html: str) -> PageScripts:
        """Parse a whole page and return what it contains."""
        self.parse(html)
        return self.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note scripts, event-handler attributes, javascript: URLs and inline styles."""
        values = {name: (value or "") for name, value in attrs}
        # Raw HTML in Markdown reaches the page unchanged, so the tag's text finds its line.
        source = self.get_starttag_text() or f"<{tag}"
        for name, value in values.items():
            if name.startswith("on"):
                self.found.inline_handlers.append(Finding(f"<{tag} {name}=...>", source))
            elif name in {
                "href",
                "src",
                "action",
                "formaction",
            } and value.strip().lower().startswith("javascript:"):
                self.found.inline_handlers.append(Finding(f"<{tag} {name}={value}>", source))
        if "style" in values:
            self.found.inline_styles.append(Finding(f'<{tag} style="{values["style"]}">', source))
        if tag == "style":
            self.found.inline_styles.append(Finding("<style> element", source))
        if tag != "script":
            return
        if self.found.first_script_offset is None:
            self.found.first_script_offset = self.tag_offset()
        kind = values.get("type", "").strip().lower()
        if "src" not in values and kind in EXECUTABLE_TYPES:
            self._script = []

    def handle_data(self, data: str) -> None:
        """Keep the text of an inline script exactly as the browser will hash it."""
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        """Close an inline script."""
        if tag == "script" and self._script is not None:
            self.found.inline.append("".join(self._script))
            self._script = None


def scan(html: str) -> PageScripts:
    """Inline scripts and policy-relevant markup of one page."""
    return _ScriptParser().feed_page(html)


def script_hash(source: str) -> str:
    """CSP source expression for one inline script's text (line breaks as the browser sees them)."""
    normalised = source.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def build_policy(hashes: list[str]) -> str:
    """The policy text: our fixed directives with these script hashes added to script-src."""
    parts = []
    for name, sources in DIRECTIVES:
        extra = tuple(dict.fromkeys(hashes)) if name == "script-src" else ()
        parts.append(" ".join((name, *sources, *extra)))
    return "; ".join(parts)


def _refusals(found: PageScripts, allowed_scripts: frozenset[str]) -> list[Finding]:
    """Inline code the policy must not carry, each as a message saying what to do instead."""
    problems: list[Finding] = []
    for refused, what_to_do in (
        (
            found.inline_handlers,
            "inline event handlers or javascript: URLs would be blocked: {}; "
            "move the code into a script file",
        ),
        (
            found.inline_styles,
            "inline styles would be blocked by style-src 'self': {}; "
            "use a class and a stylesheet instead",
        ),
    ):
        if refused:
            labels = ", ".join(finding.label for finding in refused[:3])
            problems.append(Finding(what_to_do.format(labels), refused[0].needle))
    for source in found.inline:
        if source not in allowed_scripts:
            first_line = next((line.strip() for line in source.splitlines() if line.strip()), "")
            problems.append(
                Finding(
                    f"an inline <script> ({first_line[:60]}) in the page's content: the "
                    "policy trusts only the inline scripts our templates write; remove it, "
                    "or move the code into a script file under overrides/assets/javascripts/",
                    first_line or "<script",
                )
            )
    return problems


def policy_for(html: str) -> str:
    """The policy for one page, or CspError if the page has inline code a hash cannot allow."""
    return _policy(scan(html))


def _policy(found: PageScripts, extra_hashes: Iterable[str] = ()) -> str:
    """The policy for a scanned page (see `policy_for`), also allowing `extra_hashes`."""
    # The finished page's scripts come from the templates (its content was checked earlier).
    problems = _refusals(found, frozenset(found.inline))
    if problems:
        raise CspError("; ".join(problem.label for problem in problems))
    return build_policy([*(script_hash(source) for source in found.inline), *extra_hashes])


def template_scripts(templates: Iterable[str]) -> frozenset[str]:
    """The inline scripts in our own templates' text: all a page's content may contain."""
    return frozenset(source for text in templates for source in scan(text).inline)


def content_problems(html: str, allowed_scripts: frozenset[str]) -> list[Finding]:
    """What in one page's content (its Markdown as HTML, with macro output) fails the build."""
    return _refusals(scan(html), allowed_scripts)


def attribute_value(text: str) -> str:
    """Text safe inside a double-quoted attribute, leaving single quotes readable."""
    return escape(text, quote=False).replace('"', "&quot;")


def insert_policy(html: str, extra_hashes: Iterable[str] = ()) -> str:
    """The page with its policy meta tag as early in <head> as possible (before any script).

    Running it again replaces the tag, so applying it twice gives the same page. The offline
    copy passes `extra_hashes`: inline scripts that a script of the page writes into a frame
    (`wtiw/offline/site.py`), which the page itself does not contain. The site passes none.
    """
    html = EXISTING_CSP.sub("", html)
    found = scan(html)
    tag = META_TAG.format(policy=attribute_value(_policy(found, extra_hashes)))
    anchor = CHARSET_META.search(html) or HEAD_START.search(html)
    if anchor is None:
        raise CspError("no <head> to put the Content-Security-Policy in")
    first_script = found.first_script_offset
    if first_script is not None and first_script < anchor.end():
        raise CspError("a <script> comes before <meta charset>; the policy must come first")
    return f"{html[: anchor.end()]}{tag}{html[anchor.end() :]}"
