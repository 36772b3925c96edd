"""Print a page to PDF the way a reader does, and list what the printed handout lacks.

A handout must carry the crisis numbers, the page's review date, its address and a QR code
that leads back to it, on one or two sheets of A4 and of US Letter. The text checks read the
PDF itself; the QR code, drawn as vectors with no text, is checked in print media instead.
What a handout says depends on its edition (`language_of` its path): each edition's crisis
lists (src/wtiw/crisis/edition.py), interface texts and way of writing dates.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load
from pypdf import PdfReader

from wtiw.core.interface import words
from wtiw.core.site import ENGLISH, SiteFolders
from wtiw.crisis.edition import edition_crisis_help
from wtiw.crisis.numbers import CrisisHelp
from wtiw.pages.front_matter import long_date

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "docs" / "_data"
CRISIS_HELP = DATA / "crisis-help.yml"
# Each edition's folder under the site's address (mkdocs.yml's `extra.editions`).
with (ROOT / "mkdocs.yml").open(encoding="utf-8") as config:
    EDITIONS: dict[str, str] = yaml_load(config)["extra"]["editions"]

PAPERS = ("A4", "Letter")
MAX_SHEETS = 2
# A printed QR code no smaller than this (in CSS px at 96 per inch: 20 mm) scans on any phone.
QR_MIN_PX = 20 / 25.4 * 96
# How a QR code's label starts, in every edition's words: the handout's, the guide outcome's
# and the picker's (docs/_data/interface/).
QR_LABELS = tuple(
    dict.fromkeys(
        words(DATA, language, ROOT)(key, url="")
        for language in EDITIONS
        for key in ("professionals.handout.qr_label", "guide.qr_alt", "site.copy.qr_alt")
    )
)
# Pages carry their code as inline SVG; guide outcomes as an image file that loads on demand.
QR_IMAGES = ", ".join(f"img[alt^={json.dumps(label, ensure_ascii=False)}]" for label in QR_LABELS)
QR_CODES = ", ".join(
    f"svg[role='img'][aria-label^={json.dumps(label, ensure_ascii=False)}]" for label in QR_LABELS
)
QR_CODES += ", " + QR_IMAGES
# True once every QR image on paper has loaded or failed (printing shows the lazy ones).
QR_IMAGES_SETTLED = """
images => [...document.querySelectorAll(images)]
  .filter(e => e.getClientRects().length > 0)
  .every(e => e.complete)
"""
# Each QR code that prints, as [its label, its width, its height] in CSS px; an image that
# failed to load prints nothing.
PRINTED_QR_CODES = """
els => els
  .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
  .filter(e => e.tagName !== 'IMG' || e.naturalWidth > 0)
  .map(e => [e.getAttribute('aria-label') || e.getAttribute('alt'),
             e.getBoundingClientRect().width, e.getBoundingClientRect().height])
"""
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


@dataclass(frozen=True)
class Printout:
    """One PDF: its paper size, its number of sheets and its text as `flat_text` gives it."""

    paper: str
    sheets: int
    text: str
    words: str = ""


def flat_text(text: str) -> str:
    """Text from a PDF as plain letters with no spaces or line breaks, to search for words.

    Where lines break depends on the machine's fonts, and fonts with ligatures put one
    character such as "\ufb00" for "ff" into the PDF's text; NFKC turns it back into letters.
    """
    return "".join(unicodedata.normalize("NFKC", text).split())


def print_pdf(tab: Any, paper: str = "A4") -> Printout:
    """Save the open page as a PDF on `paper`, as a reader's "Save as PDF" does."""
    reader = PdfReader(io.BytesIO(tab.pdf(format=paper)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return Printout(paper, len(reader.pages), flat_text(text), spaced_text(text))


def spaced_text(text: str) -> str:
    """Text from a PDF with each run of spaces and line breaks as one space, to read phrases."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def language_of(path: str) -> str:
    """The language of the edition a URL path ("es/self-checks/", "guide/#a-step") is in."""
    return next(
        (language for language, folder in EDITIONS.items() if folder and path.startswith(folder)),
        ENGLISH,
    )


def edition_crisis(language: str) -> CrisisHelp:
    """The crisis numbers as the edition in `language` shows them: its words and its lists."""
    docs = ROOT / "docs" / EDITIONS[language]
    return edition_crisis_help(SiteFolders(docs, ROOT / "overrides", DATA, language), ROOT)


def crisis_numbers(crisis: CrisisHelp) -> tuple[str, ...]:
    """The first number of each urgent line, once each, as it reads with no spaces."""
    numbers = ("".join(s.actions[0].number.split()) for s in crisis.lists["urgent"])
    return tuple(dict.fromkeys(numbers))


# The first crisis lines of the English edition: 988 (US), 9-8-8 (Canada), 116 123 (Samaritans,
# UK and Ireland), 13 11 14 (Lifeline, Australia).
CRISIS_NUMBERS = crisis_numbers(edition_crisis(ENGLISH))


def emergency_line(crisis: CrisisHelp, language: str = ENGLISH) -> str:
    """The emergency numbers as the crisis panel words them: "911 (US and Canada), … or 000 (…)"."""
    parts = [f"{s.actions[0].number} ({s.where})" for s in crisis.lists["emergency"]]
    or_ = words(DATA, language, ROOT)("site.crisis.or")
    return f"{', '.join(parts[:-1])} {or_} {parts[-1]}" if len(parts) > 1 else parts[0]


def reviewed_on(docs: Path, path: str) -> str:
    """The review date of the page at URL `path` ("" is home), from its front matter, as shown.

    Written as the page's edition writes dates: "7 December 2026", "7 de diciembre de 2026".
    """
    name = path.split("#", 1)[0].strip("/") or "index"
    source = next(
        (file for file in (docs / f"{name}.md", docs / name / "index.md") if file.is_file()),
        None,
    )
    assert source, f"no Markdown source for {path!r} under {docs}"
    match = FRONT_MATTER.match(source.read_text(encoding="utf-8"))
    assert match, f"{source} has no front matter"
    value = yaml.safe_load(match.group(1)).get("last_reviewed")
    assert isinstance(value, date), f"{source} has no last_reviewed date"
    return long_date(value, language_of(path))


def text_problems(
    printout: Printout,
    *,
    address: str,
    reviewed: str,
    also: tuple[str, ...] = (),
    language: str = ENGLISH,
) -> list[str]:
    """What a handout's PDF lacks: crisis numbers, review date, address, `also`, 1 or 2 sheets.

    Each in the words and lists of the edition in `language`.
    """
    where = f"{printout.paper}:"
    crisis = edition_crisis(language)
    problems = []
    if not 1 <= printout.sheets <= MAX_SHEETS:
        problems.append(f"{where} prints on {printout.sheets} sheets, not 1 to {MAX_SHEETS}")
    problems += [
        f"{where} no crisis number {number}"
        for number in crisis_numbers(crisis)
        if number not in printout.text
    ]
    label = words(DATA, language, ROOT)("professionals.handout.reviewed")
    pattern = re.escape(flat_text(label).rstrip(":")) + ":?" + re.escape(flat_text(reviewed))
    if not re.search(pattern, printout.text):
        problems.append(f"{where} no '{label} {reviewed}'")
    line = emergency_line(crisis, language)
    if line not in printout.words:
        problems.append(f"{where} the emergency numbers do not read {line!r}")
    if flat_text(address) not in printout.text:
        problems.append(f"{where} no address {address}")
    problems += [f"{where} no {words!r}" for words in also if flat_text(words) not in printout.text]
    return problems


def qr_problems(tab: Any, address: str) -> list[str]:
    """What is wrong with the QR codes that print: the page's own must print, alone, full size.

    Switches the page to print media, as printing does.
    """
    tab.emulate_media(media="print")
    tab.wait_for_function(QR_IMAGES_SETTLED, arg=QR_IMAGES, timeout=10_000)
    printed = tab.locator(QR_CODES).evaluate_all(PRINTED_QR_CODES)
    ours = [(width, height) for label, width, height in printed if label.endswith(address)]
    problems = [
        f"a QR code for another address prints: {label}"
        for label, _, _ in printed
        if not label.endswith(address)
    ]
    if not ours:
        problems.append(f"no QR code for {address} prints")
    problems += [
        f"the QR code prints {width:.0f} x {height:.0f} px, under {QR_MIN_PX:.0f} px (20 mm)"
        for width, height in ours
        if min(width, height) < QR_MIN_PX
    ]
    return problems


def handout_problems(
    tab: Any,
    *,
    address: str,
    reviewed: str,
    also: tuple[str, ...] = (),
    language: str = ENGLISH,
) -> list[str]:
    """Print the open page on every paper size; list all that its handout lacks."""
    problems = qr_problems(tab, address)
    for paper in PAPERS:
        printout = print_pdf(tab, paper)
        problems += text_problems(
            printout, address=address, reviewed=reviewed, also=also, language=language
        )
    return problems
