"""The site's own words (buttons, headings, announcements) in every language it is written in.

Pages and data files hold the content; the templates, scripts and generators add short texts
of their own ("Start again", "Urgent:", "Copy link"). Those live in
`docs/_data/interface/*.yml`, one file per part of the site, each key with every language
side by side, so a text added in English without its Spanish (or the reverse) is a build
error at its line, never an English word on a Spanish page::

    start_again:
      en: Start again
      es: Empezar de nuevo

Templates call `wtiw_t("start_again")`; Python calls `words(folders)("start_again")`; the
scripts read theirs from `data-wtiw-*` attributes the templates print. A text with `{name}`
takes values: `wtiw_t("step_of", number=2)`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from wtiw.core.problems import InputError, Problem
from wtiw.core.yaml_reader import Document, load_document

LANGUAGES = ("en", "es")
"""Every language the site is written in: each interface text is given in all of them."""

FOLDER = "interface"
ENGLISH_TEXT = "en"

Words = Callable[..., str]
"""An edition's interface texts: call with a key (and any `{name}` values), get plain text."""


def interface_files(data: Path) -> list[Path]:
    """The interface files in the data folder `data`, in name order."""
    return sorted((data / FOLDER).glob("*.yml"))


@cache
def _texts(data: Path, project: Path) -> dict[str, dict[str, str]]:
    """Every key's texts by language, checked; cached per data folder for a build's life."""
    texts: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for path in interface_files(data):
        label = _label(path, project)
        document = load_document(path, label, expected="interface texts")
        if not isinstance(document.data, dict):
            problems.append(
                Problem(label, 1, 1, "expected keys, each with its text in every language.")
            )
            continue
        for key, entry in document.data.items():
            if key in texts:
                problems.append(
                    document.problem(
                        (key,), f"`{key}` is also in another interface file: keep one.", key=True
                    )
                )
                continue
            problems.extend(_entry_problems(document, key, entry))
            if isinstance(entry, dict):
                texts[key] = {lang: text for lang, text in entry.items() if isinstance(text, str)}
    if problems:
        raise InputError(problems)
    return texts


def _entry_problems(document: Document, key: str, entry: object) -> list[Problem]:
    """What is wrong with one key: not a mapping, a language missing, unknown or empty."""
    languages = ", ".join(LANGUAGES)
    if not isinstance(entry, dict):
        return [document.problem((key,), f"`{key}` needs its text in each of: {languages}.")]
    problems = [
        document.problem(
            (key,),
            f"`{key}` has no `{lang}` text: add it (every text needs every language).",
            key=True,
        )
        for lang in LANGUAGES
        if lang not in entry
    ]
    for lang, text in entry.items():
        if lang not in LANGUAGES:
            message = f"`{lang}` is not one of the site's languages ({languages})."
            problems.append(document.problem((key, lang), message, key=True))
        elif not isinstance(text, str) or not text.strip():
            message = f"`{key}` needs a text in `{lang}`, not an empty value."
            problems.append(document.problem((key, lang), message))
    return problems


def _label(path: Path, project: Path) -> str:
    """A path as editors see it: relative to the project folder when inside it."""
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def words(data: Path, language: str, project: Path | None = None) -> Words:
    """The interface texts of `language`: call with a key (and any `{name}` values).

    An unknown key raises `KeyError` naming it, so a typo in a template fails the build.
    """
    texts = _texts(data.resolve(), (project or Path.cwd()).resolve())

    def text(key: str, **values: object) -> str:
        if key not in texts:
            raise KeyError(
                f"no interface text `{key}`: add it to a file in {data / FOLDER} "
                "with its text in every language"
            )
        found = texts[key][language]
        return found.format(**values) if values else found

    return text


def template_words(data: Path, language: str, project: Path | None = None) -> Callable[..., Markup]:
    """`words` for Jinja, escaped.

    MkDocs' theme environment does not autoescape, and the texts are content like any data
    file (`tests/test_escaping.py`).
    """
    plain = words(data, language, project)

    def text(key: str, **values: object) -> Markup:
        return escape(plain(key)).format(**values) if values else escape(plain(key))

    return text


def same_words(data: Path, language: str, english: str, project: Path | None = None) -> str | None:
    """The `language` text of the interface text that reads `english` in English, if any.

    For words a template or macro prints that other files repeat by their English (the
    link contract's section titles, mkdocs.yml's titles): one translation, found by them.
    """
    texts = _texts(data.resolve(), (project or Path.cwd()).resolve())
    for values in texts.values():
        if values.get(ENGLISH_TEXT) == english:
            return values[language]
    return None
