"""The embed snippet's Subresource Integrity hash is the published embed.js's, and works.

Every snippet the site gives (the For-therapists page's example and picker, every oEmbed
file) names `sha384-` of the `embed.js` actually in the built site. In Chromium, a clinic's
page on another origin loads and runs the script with that hash, and refuses it with a wrong
one; a clinic's own copy of the script works when its tag names our origin.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

import pytest

from tests.support.embed_host import assert_exact_messages
from tests.support.page_audit import visit
from wtiw.embed.integrity import check_published, source_integrity

CANONICAL = "https://when-therapy-isnt-working.github.io/"
# A snippet's script tag: embed.js (not embed-frame.js), and its integrity if it has one.
SCRIPT_TAG = re.compile(r'<script src="[^"]*/embed\.js"(?: integrity="([^"]*)")?')
WRONG = "sha384-" + base64.b64encode(hashlib.sha384(b"not our script").digest()).decode()


def sha384(path: Path) -> str:
    """The SRI value of a file, worked out here independently of the build's code."""
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def snippet_hashes(text: str) -> list[str]:
    """The integrity value of every embed snippet in `text` (HTML-escaped or not)."""
    return [found or "(none)" for found in SCRIPT_TAG.findall(html.unescape(html.unescape(text)))]


def site_snippets(site_dir: Path) -> dict[str, list[str]]:
    """Every snippet's integrity value, by the built file it is in."""
    found = {}
    for path in sorted([*site_dir.rglob("*.html"), *(site_dir / "oembed").rglob("*.json")]):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            text = json.loads(text)["html"]
        if hashes := snippet_hashes(text):
            found[path.relative_to(site_dir).as_posix()] = hashes
    return found


def test_every_snippet_names_the_published_hash(site_dir: Path):
    published = sha384(site_dir / "embed.js")
    found = site_snippets(site_dir)
    professionals = found.get("for-professionals/index.html", [])
    assert len(professionals) >= 2, "the picker's template and its first embed code"
    oembed = [name for name in found if name.startswith("oembed/")]
    assert len(oembed) == len(list((site_dir / "oembed").rglob("*.json")))
    wrong = {name: hashes for name, hashes in found.items() if set(hashes) != {published}}
    assert not wrong


def test_a_missing_or_wrong_hash_is_noticed(site_dir: Path):
    """Control: the finder reads every snippet's hash, and sees none or a wrong one."""
    published = sha384(site_dir / "embed.js")
    oembed = json.loads((site_dir / "oembed" / "guide.json").read_text(encoding="utf-8"))
    assert snippet_hashes(oembed["html"]) == [published]
    assert snippet_hashes(oembed["html"].replace(published, WRONG)) == [WRONG]
    bare = re.sub(r' integrity="[^"]*"', "", oembed["html"])
    assert snippet_hashes(html.escape(bare)) == ["(none)"]


def test_the_build_refuses_a_changed_script(tmp_path: Path):
    """The build checks the final file: a post-build change to embed.js fails it."""
    (tmp_path / "embed.js").write_text("/* ours */", encoding="utf-8")
    expected = sha384(tmp_path / "embed.js")
    check_published(tmp_path, expected)
    (tmp_path / "embed.js").write_text("/* minified */", encoding="utf-8")
    with pytest.raises(ValueError, match=r"differs from docs/embed\.js") as caught:
        check_published(tmp_path, expected)
    found = sha384(tmp_path / "embed.js")
    assert str(caught.value) == (
        f"embed.js in the built site ({found}) differs from docs/embed.js ({expected}): a "
        "post-build step changed it, so every embed snippet's integrity hash would be "
        "refused. Leave the file as it is written."
    )
    (tmp_path / "embed.js").unlink()
    with pytest.raises(ValueError, match="missing"):
        check_published(tmp_path, expected)


def clinic_page(folder: Path, name: str, snippet: str) -> str:
    """Write a clinic's page holding `snippet` as the page tells clinics to paste it."""
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" '
        f'href="data:,"><title>A clinic</title></head><body><h1>A clinic</h1>\n{snippet}\n'
        "</body></html>"
    )
    (folder / name).write_text(page, encoding="utf-8")
    return name


def published_snippet(site_dir: Path, site_url: str) -> str:
    """The oEmbed file's snippet for one page, pointed at the local copy of our site."""
    document = json.loads(
        (site_dir / "oembed" / "talk-to-your-therapist.json").read_text(encoding="utf-8")
    )
    return document["html"].replace(CANONICAL, site_url)


def resized(tab: object) -> bool:
    """Wait for the framed page, give scripts time, and say whether embed.js sized the frame."""
    from playwright.sync_api import TimeoutError as NeverSized

    tab.frame_locator("iframe").locator("[data-wtiw-embed]").wait_for()
    try:
        tab.wait_for_function(
            "() => document.querySelector('iframe').dataset.wtiwHeight", timeout=3000
        )
    except NeverSized:
        return False
    return True


@pytest.mark.browser
def test_a_clinic_on_another_origin_runs_the_script_with_its_hash(
    clinic, host_dir, host_url, site_dir, site_url
):
    tab, recorder = clinic
    snippet = published_snippet(site_dir, site_url)
    assert 'crossorigin="anonymous"' in snippet
    visit(tab, host_url + clinic_page(host_dir, "sri.html", snippet))
    assert resized(tab)
    assert_exact_messages(tab)
    assert not recorder.take()


@pytest.mark.browser
def test_a_wrong_hash_is_refused(clinic, host_dir, host_url, site_dir, site_url):
    """Control: the hash is really checked; the frame then keeps its fixed height."""
    tab, recorder = clinic
    snippet = published_snippet(site_dir, site_url)
    snippet = re.sub(r'integrity="[^"]*"', f'integrity="{WRONG}"', snippet)
    visit(tab, host_url + clinic_page(host_dir, "wrong-sri.html", snippet))
    assert not resized(tab)
    assert any("integrity" in problem for problem in recorder.take())


@pytest.mark.browser
@pytest.mark.parametrize("named", [True, False], ids=["with-data-wtiw-origin", "control"])
def test_a_self_hosted_copy_works_when_it_names_our_origin(
    clinic, host_dir, host_url, site_dir, site_url, named
):
    """A clinic serving its own copy (same bytes, same hash) adds data-wtiw-origin."""
    tab, recorder = clinic
    (host_dir / "embed.js").write_bytes((site_dir / "embed.js").read_bytes())
    attribute = f' data-wtiw-origin="{site_url.rstrip("/")}"' if named else ""
    snippet = published_snippet(site_dir, site_url).replace(
        f'<script src="{site_url}embed.js"', f'<script src="{host_url}embed.js"{attribute}'
    )
    assert f'src="{host_url}embed.js"' in snippet
    visit(tab, host_url + clinic_page(host_dir, f"self-hosted-{named}.html", snippet))
    assert resized(tab) is named, "without the attribute, our frames are not trusted"
    assert_exact_messages(tab)
    assert not recorder.take()


def test_the_snippets_hash_is_worked_out_from_the_source_script(tmp_path: Path):
    """The hash every snippet names comes from docs/embed.js as written, byte for byte."""
    (tmp_path / "embed.js").write_bytes(b"/* ours */\r\n")
    assert source_integrity(tmp_path) == sha384(tmp_path / "embed.js")
    assert source_integrity(tmp_path) != WRONG
