"""The Content-Security-Policy: its builder, every built page's tag, and that browsers enforce it.

The builder is tested without MkDocs; the built site is checked file by file; one broken copy
shows that inline code pasted into pages fails the build; a real browser shows that an inline
script the build did not hash is blocked, and runs once the tag is gone.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.support.build import build, copy_project
from tests.support.server import serve
from tests.support.site_pages import html_pages
from wtiw.postbuild import csp as csp_policy
from wtiw.postbuild.csp import (
    CspError,
    build_policy,
    content_problems,
    insert_policy,
    policy_for,
    script_hash,
    template_scripts,
)

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# The example from the CSP specification and MDN: a hash a browser is known to accept.
KNOWN_SCRIPT = "alert('Hello, world.');"
KNOWN_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def page(head: str = "", body: str = "") -> str:
    """A minimal page shaped like Material's output."""
    return (
        f'<!doctype html><html><head>\n<meta charset="utf-8">\n{head}</head>'
        f"<body>{body}</body></html>"
    )


def directives(policy: str) -> dict[str, list[str]]:
    """The policy as {directive: [sources]}."""
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


# src/wtiw/postbuild/csp.py on small pages, no MkDocs involved.


def test_hash_of_the_specification_example():
    assert script_hash(KNOWN_SCRIPT) == KNOWN_HASH


def test_carriage_returns_hash_as_the_browser_sees_them():
    assert script_hash("a();\r\nb();") == script_hash("a();\nb();")


def test_inline_scripts_are_hashed():
    policy = policy_for(page(f"<script>{KNOWN_SCRIPT}</script>"))
    assert KNOWN_HASH in directives(policy)["script-src"]


def test_a_script_not_in_the_page_gets_no_hash():
    policy = policy_for(page("<script>known()</script>"))
    assert script_hash("known()") in policy
    assert script_hash("unknown()") not in policy
    assert directives(policy)["script-src"] == ["'self'", script_hash("known()")]


@pytest.mark.parametrize(
    "script",
    [
        '<script type="application/ld+json">{"@type": "MedicalWebPage"}</script>',
        '<script id="__config" type="application/json">{"base": "."}</script>',
        '<script src="assets/javascripts/bundle.js"></script>',
    ],
)
def test_data_blocks_and_external_scripts_get_no_hash(script: str):
    assert directives(policy_for(page(script)))["script-src"] == ["'self'"]


@pytest.mark.parametrize("kind", ["module", "text/javascript", "TEXT/JAVASCRIPT"])
def test_executable_types_are_hashed(kind: str):
    assert script_hash("x()") in policy_for(page(f'<script type="{kind}">x()</script>'))


def test_the_same_script_twice_is_listed_once():
    policy = policy_for(page("<script>x()</script><script>x()</script>"))
    assert policy.count(script_hash("x()")) == 1


def test_policy_is_strict():
    parsed = directives(build_policy(["'sha256-abc='"]))
    assert parsed["default-src"] == ["'none'"]
    assert parsed["script-src"] == ["'self'", "'sha256-abc='"]
    for name in ("style-src", "font-src", "connect-src", "manifest-src"):
        assert parsed[name] == ["'self'"], name
    assert parsed["img-src"] == ["'self'", "data:"]
    for name in ("base-uri", "form-action", "object-src"):
        assert parsed[name] == ["'none'"], name
    assert "frame-ancestors" not in parsed  # ignored in meta tags; clinics embed us
    text = build_policy([])
    assert "unsafe-inline" not in text
    assert "unsafe-eval" not in text


@pytest.mark.parametrize(
    "markup",
    [
        '<button onclick="go()">Go</button>',
        '<body onload="go()">',
        '<a href="javascript:go()">Go</a>',
    ],
)
def test_inline_handlers_fail_loudly(markup: str):
    with pytest.raises(CspError, match="move the code into a script file"):
        policy_for(page(body=markup))


@pytest.mark.parametrize(
    "markup", ['<p style="color: red">x</p>', "<style>p { color: red }</style>"]
)
def test_inline_styles_fail_loudly(markup: str):
    with pytest.raises(CspError, match="use a class and a stylesheet"):
        policy_for(page(body=markup))


def test_page_content_may_carry_only_the_templates_inline_scripts():
    allowed = template_scripts(["{% if x %}<div><script>ours()</script></div>{% endif %}"])
    assert allowed == {"ours()"}
    assert content_problems("<p>Text</p><script>ours()</script>", allowed) == []
    (problem,) = content_problems("<p>Text</p>\n<script>\n  alert(1)\n</script>", allowed)
    assert problem.label.startswith("an inline <script> (alert(1)) in the page's content")
    assert problem.needle == "alert(1)"


@pytest.mark.parametrize(
    "markup",
    [
        '<script type="application/ld+json">{"@type": "MedicalWebPage"}</script>',
        '<script src="assets/javascripts/bundle.js"></script>',
    ],
)
def test_page_content_may_carry_data_blocks_and_script_files(markup: str):
    assert content_problems(markup, frozenset()) == []


def test_page_content_problems_name_the_markup_to_look_for():
    (handler, style) = content_problems(
        '<p style="color: red">x</p><button onclick="go()">Go</button>', frozenset()
    )
    assert handler.needle == '<button onclick="go()">'
    assert "move the code into a script file" in handler.label
    assert style.needle == '<p style="color: red">'


def test_the_tag_comes_right_after_charset_and_before_any_script():
    html = insert_policy(page("<script>x()</script>"))
    tag = CSP_META.search(html)
    assert tag is not None
    assert html.index('<meta charset="utf-8">') < tag.start() < html.index("<script>")


def test_without_charset_the_tag_opens_the_head():
    html = insert_policy("<html><head><title>t</title><script>x()</script></head></html>")
    assert html.startswith('<html><head><meta http-equiv="Content-Security-Policy"')


def test_applying_twice_gives_the_same_page():
    once = insert_policy(page("<script>x()</script>"))
    assert insert_policy(once) == once


def test_a_script_before_the_charset_is_an_error():
    with pytest.raises(CspError, match="before <meta charset>"):
        insert_policy('<html><head><script>x()</script><meta charset="utf-8"></head>')


def test_no_head_is_an_error():
    with pytest.raises(CspError, match="no <head>"):
        insert_policy("<p>fragment</p>")


def test_single_quotes_stay_readable():
    assert "&#39;" not in insert_policy(page())
    assert "default-src 'none'" in insert_policy(page())


@pytest.fixture(scope="module")
def pages(site_dir: Path) -> dict[Path, str]:
    """Every built HTML file and its text."""
    return {path: (site_dir / path).read_text(encoding="utf-8") for path in html_pages(site_dir)}


# Every page of the real build carries a policy that matches its own inline scripts.


def test_the_site_has_pages(pages: dict[Path, str]):
    assert len(pages) > 5


def test_every_page_has_one_policy_before_any_script(pages: dict[Path, str]):
    problems = {}
    for path, html in pages.items():
        tags = CSP_META.findall(html)
        first_script = html.find("<script")
        if len(tags) != 1:
            problems[path] = f"{len(tags)} policy tags"
        elif first_script != -1 and first_script < html.index("Content-Security-Policy"):
            problems[path] = "a script comes before the policy"
    assert not problems


def test_every_inline_script_and_nothing_else_is_hashed(pages: dict[Path, str]):
    problems = {}
    for path, html in pages.items():
        policy = CSP_META.search(html)
        assert policy is not None, path
        hashes = set(directives(policy.group(1).replace("&quot;", '"'))["script-src"][1:])
        scripts = {script_hash(s) for s in csp_policy.scan(html).inline}
        if hashes != scripts:
            problems[path] = {"missing": scripts - hashes, "extra": hashes - scripts}
    assert not problems


def append_to_page(project: Path, page: str, markup: str) -> int:
    """Add `markup` at the end of one page's Markdown; return the line it lands on."""
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(f"{text}{markup}\n", encoding="utf-8")
    return text.count("\n") + 1


def test_inline_code_pasted_into_pages_fails_the_build_naming_each_file(tmp_path: Path):
    """A handler no hash can allow, and a script the build would otherwise hash and allow."""
    project = copy_project(tmp_path / "project")
    button = append_to_page(project, "about.md", '<button onclick="alert(1)">Hi</button>')
    script = append_to_page(project, "index.md", "<script>alert(2)</script>")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/about.md:{button}:1: inline event handlers" in result.output, result.output
    assert f"docs/index.md:{script}:9: an inline <script> (alert(2))" in result.output
    assert "Traceback" not in result.output
    assert not list(result.site_dir.rglob("*.html")), "half-built site"


INJECTED = "<script>window.__injected = true</script></body>"


@pytest.mark.browser
@pytest.mark.parametrize("with_policy", [True, False], ids=["policy", "control-no-policy"])
def test_browser_blocks_an_inline_script_the_build_did_not_hash(
    site_dir: Path, tmp_path: Path, page, with_policy: bool
):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    home = copy / "index.html"
    html = home.read_text(encoding="utf-8").replace("</body>", INJECTED)
    if not with_policy:
        html = CSP_META.sub("", html)
    home.write_text(html, encoding="utf-8")
    violations: list[str] = []
    page.expose_function("__reportViolation", lambda text: violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__reportViolation(e.violatedDirective + ' ' + e.blockedURI))"
    )
    with serve(copy) as url:
        page.goto(url)
        page.wait_for_load_state("load")
        injected_ran = page.evaluate("window.__injected === true")
        # Material's hashed inline scripts still ran: they define these globals.
        theme_scripts_ran = page.evaluate("typeof __md_get === 'function' && 'palette' in window")
    assert theme_scripts_ran
    if with_policy:
        assert not injected_ran
        assert any(v.startswith("script-src") for v in violations), violations
    else:
        assert injected_ran
        assert not violations


def test_every_refusal_says_what_to_do_word_for_word():
    """An editor reads these messages: each names up to three culprits and the fix."""
    handlers = '<button onclick="go()">Go</button><a href="javascript:x()">j</a>'
    handlers += '<div onmouseover="m()"></div><span onfocus="f()"></span>'
    styles = '<p style="a">x</p><i style="b">y</i><style>p {}</style><u style="d">w</u>'
    handler, style = content_problems(handlers + styles, frozenset())
    assert handler.label == (
        "inline event handlers or javascript: URLs would be blocked: <button onclick=...>, "
        "<a href=javascript:x()>, <div onmouseover=...>; move the code into a script file"
    )
    assert handler.needle == '<button onclick="go()">'
    assert style.label == (
        "inline styles would be blocked by style-src 'self': "
        '<p style="a">, <i style="b">, <style> element; use a class and a stylesheet instead'
    )
    with pytest.raises(CspError) as caught:
        policy_for(page(body=handlers + styles))
    assert str(caught.value) == f"{handler.label}; {style.label}"
    with pytest.raises(CspError, match=r"^no <head> to put the Content-Security-Policy in$"):
        insert_policy("<p>No head</p>")
    with pytest.raises(
        CspError, match=r"^a <script> comes before <meta charset>; the policy must come first$"
    ):
        insert_policy('<html><head><script>x()</script><meta charset="utf-8"></head></html>')


def test_a_script_right_after_charset_gets_the_policy_before_it():
    html = insert_policy('<html><head><meta charset="utf-8"><script>x()</script></head></html>')
    assert html.index("Content-Security-Policy") < html.index("<script>")


def test_form_and_frame_addresses_with_javascript_are_refused():
    for markup in ('<form action="javascript:x()">', '<button formaction="javascript:y()">'):
        (problem,) = content_problems(markup, frozenset())
        assert "javascript:" in problem.label, markup
    (problem,) = content_problems('<iframe src="javascript:z()"></iframe>', frozenset())
    assert problem.needle == '<iframe src="javascript:z()">'


def test_a_lone_carriage_return_hashes_as_a_line_feed():
    assert script_hash("a();\rb();") == script_hash("a();\nb();")
    assert script_hash("a();\rb();") != script_hash("a();b();")


def test_a_script_split_by_the_parser_is_hashed_whole():
    """The parser hands a script's text over in pieces (at `&` and `<`): joined as written."""
    source = "if (a < b && c) { d(); }"
    assert KNOWN_HASH not in policy_for(page(f"<script>{source}</script>"))
    assert script_hash(source) in policy_for(page(f"<script>{source}</script>"))


def test_quotes_in_the_policy_are_escaped_for_its_attribute():
    assert csp_policy.attribute_value("a \"b\" <c> & 'd'") == "a &quot;b&quot; &lt;c&gt; &amp; 'd'"


def test_an_inline_script_in_content_is_named_by_its_first_line_word_for_word():
    long = "x" * 70
    (problem,) = content_problems(f"<script>\n\n  {long}\n</script>", frozenset())
    assert problem.label == (
        f"an inline <script> ({long[:60]}) in the page's content: the policy trusts only the "
        "inline scripts our templates write; remove it, or move the code into a script file "
        "under overrides/assets/javascripts/"
    )
    assert problem.needle == long
    (blank,) = content_problems("<script>  \n </script>", frozenset())
    assert blank.label.startswith("an inline <script> () in the page's content")
    assert blank.needle == "<script"
    (style,) = content_problems("<p>x</p><style>p {}</style>", frozenset())
    assert style.needle == "<style>"


def test_extra_hashes_are_allowed_beside_the_pages_own():
    """The offline copy adds its shim's hash to every page's policy."""
    extra = "'sha256-AAAA'"
    assert extra in insert_policy(page("<script>x()</script>"), extra_hashes=[extra])
    assert extra not in insert_policy(page("<script>x()</script>"))


def test_an_attribute_written_without_a_value_counts_as_empty():
    """An attribute without a value is an empty one, as the browser reads it.

    `<script type>` runs as JavaScript (type ""), so it is hashed in a page and refused in
    content; `<p style>` is an inline style, named as written.
    """
    assert script_hash("go()") in policy_for(page("<script type>go()</script>"))
    (script,) = content_problems("<script type>go()</script>", frozenset())
    assert script.label.startswith("an inline <script> (go()) in the page's content")
    (style,) = content_problems("<p style>x</p>", frozenset())
    assert style.label == (
        "inline styles would be blocked by style-src 'self': <p style=\"\">; "
        "use a class and a stylesheet instead"
    )
