"""Every text field of every data file shows as text in every output it reaches.

The fields come from where each file's fields are declared: the guide's and the options' JSON
Schemas (every field whose schema is plain text, found by walking the schema), the crisis
numbers' `TEXT_FIELDS` and the front matter's `TEXT_FIELDS`, so a new field is tried without
a new test. Each field gets its own marker, `<b>xNNN</b> & "qNNN"`, in the first place the
data uses it, and a real build (MkDocs' own build function, in this process) writes the
site and the offline copy. Nothing may show the marker as markup: no built HTML, embed,
handout, search index or oEmbed file holds `<b>xNNN</b>`; each field must reach an
output, where it shows escaped (or, in an oEmbed title, which is text by the oEmbed spec, as
the exact text), and every piece a browser decodes (text, attribute, JSON-LD string) that
names it holds it whole.

The validators refuse markup in these fields (issue 23), which is the first guard; this test
is the second, so it switches the first off: the plain-text check, the front matter's head
characters, and the wording and approved-routes checks (a marker in a title changes the
approved listing), by monkeypatching them in this process for these builds. A build in a
subprocess could not be patched; a model built by hand would miss the templates and the
post-build steps (embeds, oEmbed, search) that a real build runs.

The offline copy (`mkdocs-offline.yml`: pages as `x.html`, the search index as a script) is
built from the same marked copy and checked the same way; `make offline` then only zips it.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from jinja2 import FileSystemLoader

from tests.support.build import ROOT, copy_project
from tests.support.theme import theme_environment
from wtiw.crisis import numbers
from wtiw.guide.options import OPTIONS_SCHEMA_PATH
from wtiw.guide.structure import SCHEMA_PATH
from wtiw.pages import front_matter

GUIDE = "docs/_data/guide.yaml"
OPTIONS = "docs/_data/options.yaml"
CRISIS = "docs/_data/crisis-help.yml"
PAGE = "docs/talk-to-your-therapist.md"
OFFLINE_CONFIG = "mkdocs-offline.yml"
ANY = "*"
TEXT_OUTPUTS = (".html", ".json", ".xml", ".js", ".txt", ".svg")


def marker(number: int) -> str:
    """The text put into field `number`: a tag, an ampersand and double quotes."""
    return f'<b>x{number:03}</b> & "q{number:03}"'


def raw(number: int) -> str:
    """The marker's tag as markup: never in an output."""
    return f"<b>x{number:03}</b>"


def escaped(number: int) -> str:
    """The marker's tag as HTML shows text."""
    return f"&lt;b&gt;x{number:03}&lt;/b&gt;"


# ── The fields, from the schemas and the declared field lists ────────────────────────────


def schema_text_paths(schema: dict, node: dict | None = None, path: tuple = ()) -> Iterator[tuple]:
    """Every path to a plain-text field in a JSON Schema (`*` for any item of a list).

    A step's kinds (`if type is question then ...`) add `*type=question` to the path, so a
    question's title and an outcome's title are two fields.
    """
    node = schema if node is None else node
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    if node.get("format") == "plain-text":
        yield path
        return
    for key, child in node.get("properties", {}).items():
        yield from schema_text_paths(schema, child, (*path, key))
    if "items" in node:
        yield from schema_text_paths(schema, node["items"], (*path, ANY))
    for branch in node.get("allOf", []):
        kind = branch.get("if", {}).get("properties", {}).get("type", {}).get("const")
        if kind and "then" in branch:
            head = (*path[:-1], f"{ANY}type={kind}") if path[-1:] == (ANY,) else path
            yield from schema_text_paths(schema, branch["then"], head)


@dataclass(frozen=True)
class Field:
    """One text field of one data file, and the marker's number."""

    file: str
    path: tuple
    number: int

    @property
    def name(self) -> str:
        """`file: a.*.b`, for messages and test ids."""
        return f"{Path(self.file).name}: {'.'.join(self.path)}"


def all_fields() -> list[Field]:
    """Every text field of every data file, numbered."""
    paths = [
        *((GUIDE, path) for path in schema_text_paths(json.loads(SCHEMA_PATH.read_text()))),
        *(
            (OPTIONS, path)
            for path in schema_text_paths(json.loads(OPTIONS_SCHEMA_PATH.read_text()))
        ),
        *((CRISIS, ("services", ANY, name)) for name in numbers.TEXT_FIELDS),
        *((PAGE, path) for path in front_matter.TEXT_FIELDS),
    ]
    unique = list(dict.fromkeys(paths))
    return [Field(file, path, number) for number, (file, path) in enumerate(unique, start=1)]


FIELDS = all_fields()


def _children(value: Any, step: str) -> Iterator[tuple[Any, Any]]:
    """(container, key) for each place `step` names in `value`."""
    if step.startswith(ANY):
        kind = step.partition("type=")[2]
        items = value.items() if isinstance(value, dict) else enumerate(value or [])
        for key, item in items:
            if not kind or (isinstance(item, dict) and item.get("type") == kind):
                yield value, key
    elif isinstance(value, dict):
        yield value, step


def mark_first(data: Any, path: tuple, text: str) -> bool:
    """Put `text` after the first value at `path` in `data`; False when the data has none."""

    def walk(value: Any, rest: tuple) -> bool:
        for container, key in _children(value, rest[0]):
            inside = container[key] if key in container or isinstance(container, list) else None
            if len(rest) == 1:
                if isinstance(inside, str):
                    container[key] = f"{inside} {text}"
                    return True
            elif inside is not None and walk(inside, rest[1:]):
                return True
        return False

    return walk(data, path)


# ── One build with every field marked ─────────────────────────────────────────────────────


def mark_data(project: Path) -> dict[str, bool]:
    """Mark every field in the copy at `project`; which fields the data uses."""
    used = {}
    for file in (GUIDE, OPTIONS, CRISIS):
        data = yaml.safe_load((project / file).read_text(encoding="utf-8"))
        for field in (f for f in FIELDS if f.file == file):
            used[field.name] = mark_first(data, field.path, marker(field.number))
        (project / file).write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
        )
    page = project / PAGE
    source = page.read_text(encoding="utf-8")
    _, head, body = source.split("---\n", 2)
    meta = yaml.safe_load(head)
    review = front_matter.CLINICAL_REVIEW_FIELDS
    meta["clinical_review"] = {name: "x" for name in review} | {"date": date.today()}
    for field in (f for f in FIELDS if f.file == PAGE):
        used[field.name] = mark_first(meta, field.path, marker(field.number))
    page.write_text(f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n{body}", encoding="utf-8")
    return used


def plain_text_checks_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let markup through the validators, for this process's build only."""
    from wtiw.guide import page, structure

    monkeypatch.setattr(structure, "markup_message", lambda text: None)
    monkeypatch.setattr(numbers, "markup_message", lambda text: None)
    monkeypatch.setattr(front_matter, "UNSAFE_IN_HEAD", frozenset())
    monkeypatch.setattr(page, "lint", lambda tree, document: [])
    monkeypatch.setattr(page, "check_approved", lambda tree, document, approved: [])


@dataclass(frozen=True)
class Built:
    """The marked build: which fields the data holds, its text outputs, what each shows.

    `shown` is what a browser reads as text in each HTML output: its text, attribute values
    and inline data blocks (JSON-LD), decoded.
    """

    used: dict[str, bool]
    outputs: dict[str, str]
    shown: dict[str, list[str]]


class ShownText(HTMLParser):
    """The text and attribute values of a page as a browser decodes them."""

    def __init__(self) -> None:
        """Start with nothing shown."""
        super().__init__(convert_charrefs=True)
        self.shown: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Attribute values are shown (a title, an alt text) or read as text (meta tags)."""
        self.shown += [value for _, value in attrs if value]

    def handle_data(self, data: str) -> None:
        """Text; in a JSON data block, each string decoded as a JSON reader would."""
        if data.lstrip().startswith("{"):
            try:
                self.shown += list(json_strings(json.loads(data)))
                return
            except ValueError:
                pass
        self.shown.append(data)


def json_strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def shown_text(html: str) -> list[str]:
    """The pieces of `html` a reader sees as text (or in an attribute) that hold a marker."""
    parser = ShownText()
    parser.feed(html)
    parser.close()
    return [piece for piece in parser.shown if re.search(r"[xq]\d{3}", piece)]


@pytest.fixture(scope="module")
def marked_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Build the marked copy in this process, the checks off: the site and the offline copy.

    The offline copy's outputs are named `offline/...`.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path_factory.mktemp("escaping")
    project = copy_project(folder / "project")
    shutil.copy2(ROOT / OFFLINE_CONFIG, project / OFFLINE_CONFIG)
    used = mark_data(project)
    outputs = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        plain_text_checks_off(monkeypatch)
        monkeypatch.chdir(project)
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        for config_file, prefix in (("mkdocs.yml", ""), (OFFLINE_CONFIG, "offline/")):
            site = folder / f"site-{prefix.strip('/') or 'online'}"
            config = load_config(str(project / config_file), site_dir=str(site))
            config["strict"] = True
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
            outputs |= {
                prefix + path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
                for path in site.rglob("*")
                if path.suffix in TEXT_OUTPUTS
            }
    shown = {path: shown_text(text) for path, text in outputs.items() if path.endswith(".html")}
    return Built(used, outputs, shown)


def oembed_titles(text: str) -> list[str]:
    """The `title` of an oEmbed file (text by the spec), and of its provider."""
    document = json.loads(text)
    return [document.get("title", ""), document.get("provider_name", "")]


def where(built: Built, needle: str) -> list[str]:
    """The outputs that contain `needle`."""
    return sorted(path for path, text in built.outputs.items() if needle in text)


def test_every_data_file_has_fields_to_try():
    files = {field.file for field in FIELDS}
    assert files == {GUIDE, OPTIONS, CRISIS, PAGE}
    assert len(FIELDS) >= 30, [field.name for field in FIELDS]


@pytest.mark.parametrize("field", FIELDS, ids=lambda field: field.name)
def test_a_field_shows_as_text_in_every_output(field: Field, marked_build: Built):
    if not marked_build.used[field.name]:
        pytest.skip(f"{field.file} does not use {field.name} yet")
    unescaped = where(marked_build, raw(field.number))
    oembed_text = [
        path
        for path in unescaped
        if path.startswith("oembed/")
        and any(
            marker(field.number) in title for title in oembed_titles(marked_build.outputs[path])
        )
        and raw(field.number) not in json.loads(marked_build.outputs[path]).get("html", "")
    ]
    leaks = sorted(set(unescaped) - set(oembed_text))
    assert leaks == [], f"markup from {field.name} in {len(leaks)} outputs: {leaks[:6]}"
    reached = where(marked_build, escaped(field.number)) + oembed_text
    print(f"{field.name}: {len(reached)} outputs, for example {reached[:4]}")
    assert reached, f"{field.name} reaches no output: is it shown anywhere?"
    # Shown whole, as the text it is: an attribute cut at a quote, or a sign escaped twice
    # (`&amp;lt;`), leaves a piece with the marker's number but not the marker.
    number = re.compile(rf"[xq]{field.number:03}")
    whole = marker(field.number)
    broken = {
        path: piece
        for path, pieces in marked_build.shown.items()
        for piece in pieces
        if number.search(piece) and whole not in piece
    }
    assert not broken, f"{field.name} not shown whole: {list(broken.items())[:3]}"
    assert any(whole in piece for pieces in marked_build.shown.values() for piece in pieces)


# ── A template that prints a field without escaping is caught ─────────────────────────────


def test_a_template_printing_a_field_raw_is_caught_control(tmp_path: Path):
    """Control: the crisis numbers' partial without `| e` on a name shows the marker as markup.

    Rendered as the theme renders it (Jinja without autoescape), with the same marker and
    the same search the build test uses: as shipped, the name is text; unescaped, markup.
    """
    crisis = numbers.load_crisis_help(ROOT / CRISIS, CRISIS)
    service = next(service for service in crisis.services.values() if service.name)
    evil = replace(service, name=marker(1))
    partial = "partials/site/crisis-numbers.html"
    source = (ROOT / "overrides" / partial).read_text(encoding="utf-8")
    assert "{{ service.name | e }}" in source, "the control patches this; update it"
    (tmp_path / partial).parent.mkdir(parents=True)
    (tmp_path / partial).write_text(source.replace("{{ service.name | e }}", "{{ service.name }}"))
    page = f'{{% import "{partial}" as numbers %}}{{{{ numbers.service_list(services) }}}}'
    for folder, leaks in ((ROOT / "overrides", False), (tmp_path, True)):
        html = theme_environment(FileSystemLoader(folder)).from_string(page).render(services=[evil])
        assert (raw(1) in html) is leaks, html
        assert (escaped(1) in html) is not leaks, html
