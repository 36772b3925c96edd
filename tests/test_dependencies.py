"""Everything the build imports is in the runtime lock, so `make serve` and `make build` work.

`make test` installs the test lock on top of the runtime lock, so a build import that only the
test lock provides passes every other test while the README's first command fails. Here each
third-party import in the build code, and each plugin, theme and Markdown extension named in
mkdocs.yml, is mapped to the distribution that provides it, which must be in the runtime lock.
"""

from __future__ import annotations

import ast
import functools
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml

from tests.support.build import ROOT
from tests.test_pins import direct_requirements, lock_entries, normalise

# Python that `mkdocs build` (and the link-check workflow, which runs on a build-only machine)
# imports: the site's package and the external link checker.
BUILD_CODE = (
    *sorted((ROOT / "src").rglob("*.py")),
    ROOT / "tests" / "tools" / "check_external_links.py",
)
# Modules of the project itself: the package under src/ and the folders at the root.
LOCAL = {path.name for path in (ROOT / "src").iterdir()} | {
    path.name for path in ROOT.iterdir() if path.is_dir()
}


def third_party_imports(source: str) -> set[str]:
    """Top-level names of the modules `source` imports, leaving out the standard library."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - LOCAL - {"__future__"}


@functools.cache
def installed_providers() -> dict[str, list[str]]:
    """Top-level module to distribution names, for everything installed (slow: read once)."""
    return metadata.packages_distributions()


def distributions_of(module: str) -> set[str]:
    """The installed distributions that provide a top-level module (normalised names)."""
    return {normalise(name) for name in installed_providers().get(module, [])}


def entry_point_distribution(group: str, name: str) -> str | None:
    """The distribution that registers `name` in an entry-point group, if any."""
    for entry_point in metadata.entry_points(group=group, name=name):
        if entry_point.dist is not None:
            return normalise(entry_point.dist.name)
    return None


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` and `!!python/name` tags only matter to MkDocs."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def names(entries: list) -> list[str]:
    """Names of a list of mkdocs.yml entries, each a string or a one-key mapping."""
    return [next(iter(entry)) if isinstance(entry, dict) else entry for entry in entries]


def config_needs() -> dict[str, set[str]]:
    """What mkdocs.yml names (theme, plugins, Markdown extensions), with its distributions."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    needs: dict[str, set[str]] = {}
    theme = config["theme"]["name"]
    needs[f"theme {theme}"] = {entry_point_distribution("mkdocs.themes", theme) or theme}
    for plugin in names(config.get("plugins", [])):
        needs[f"plugin {plugin}"] = {entry_point_distribution("mkdocs.plugins", plugin) or plugin}
    for extension in names(config.get("markdown_extensions", [])):
        module = extension if "." in extension else f"markdown.extensions.{extension}"
        needs[f"Markdown extension {extension}"] = distributions_of(module.split(".")[0])
    return needs


def missing_from(
    needs: dict[str, set[str]], available: set[str], where: str = "requirements/runtime.txt"
) -> list[str]:
    """One line per need that no distribution in `available` provides."""
    return [
        f"{what}: provided by {sorted(dists) or 'no installed distribution'}, "
        f"none of them in {where}; add it to pyproject.toml's dependencies and run 'make lock'"
        for what, dists in sorted(needs.items())
        if not dists & available
    ]


def code_needs(paths: tuple[Path, ...]) -> dict[str, set[str]]:
    """Each third-party module imported by `paths`, with the distributions providing it."""
    needs: dict[str, set[str]] = {}
    for path in paths:
        for module in third_party_imports(path.read_text(encoding="utf-8")):
            where = path.relative_to(ROOT).as_posix()
            needs[f"import {module} ({where})"] = distributions_of(module)
    return needs


def test_every_build_import_is_in_the_runtime_lock():
    problems = missing_from(code_needs(BUILD_CODE), set(lock_entries("runtime")))
    assert not problems, "\n".join(problems)


def test_every_direct_build_import_is_declared_not_just_pulled_in():
    declared = set(direct_requirements("runtime"))
    problems = missing_from(code_needs(BUILD_CODE), declared, "pyproject.toml")
    assert not problems, "\n".join(problems)


def own_distribution() -> str:
    """The site's own package (pyproject.toml), which `make` installs beside the lock."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return normalise(project["project"]["name"])


def test_every_plugin_theme_and_extension_is_in_the_runtime_lock():
    available = set(lock_entries("runtime")) | {own_distribution()}
    problems = missing_from(config_needs(), available)
    assert not problems, "\n".join(problems)


def test_the_check_names_a_module_only_the_test_lock_provides(tmp_path: Path):
    build_module = tmp_path / "hook.py"
    build_module.write_text(
        "import yaml\nfrom pypdf import PdfReader\nimport json\n", encoding="utf-8"
    )
    needs = {
        f"import {module}": distributions_of(module)
        for module in third_party_imports(build_module.read_text(encoding="utf-8"))
    }
    problems = missing_from(needs, set(lock_entries("runtime")))
    assert len(problems) == 1, problems
    assert problems[0].startswith("import pypdf: provided by ['pypdf']"), problems


@pytest.mark.parametrize("module", ["jsonschema", "yaml", "jinja2", "markupsafe", "segno"])
def test_known_build_imports_are_found(module: str):
    found = {need.split()[1] for need in code_needs(BUILD_CODE)}
    assert module in found, f"the import scan missed {module}; it found {sorted(found)}"
