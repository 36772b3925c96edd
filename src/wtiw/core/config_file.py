"""Check `mkdocs.yml` for what MkDocs would silently accept: duplicate keys, our plugin missing.

PyYAML keeps the last of two `plugins:` keys, so a second one drops every plugin of the first,
ours included, and the build then fails deep in a template with a traceback. Both the plugin
and the macros module (whichever of them still runs) call this and stop with one line.
Example: ``config_problems(Path("mkdocs.yml"), "mkdocs.yml", ["search", "macros"])``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from wtiw.core.problems import InputError, Problem

PLUGIN = "wtiw"
PLUGIN_FIX = (
    f"the `{PLUGIN}` plugin is not in `plugins:`, so the site's checks, embed forms and "
    f"Content-Security-Policy would be missing. Add `- {PLUGIN}` as the last entry of "
    "`plugins:`."
)


def duplicate_keys(text: str, label: str) -> list[Problem]:
    """Every mapping key that appears twice in the YAML `text`, at its second place.

    The file is composed, never constructed, so MkDocs' tags (`!ENV`, `!!python/name`) need
    no loader of their own.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []  # MkDocs reports its own syntax errors
    problems: list[Problem] = []
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name = str(key.value)
                if name in seen:
                    line, column = key.start_mark.line + 1, key.start_mark.column + 1
                    message = (
                        f"duplicate key '{name}': it is already set on line {seen[name]}, and "
                        "YAML keeps only the last. Merge the two into one."
                    )
                    problems.append(Problem(label, line, column, message))
                seen.setdefault(name, key.start_mark.line + 1)
                pending.append(value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return problems


def check_config(path: Path, label: str, plugins: Iterable[str]) -> None:
    """Raise `InputError` when `path` has a duplicate key or `plugins` lacks ours."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError:
        text = ""  # MkDocs read the file a moment ago; nothing more to say
    problems = duplicate_keys(text, label)
    if PLUGIN not in plugins:
        line = next(
            (number for number, row in enumerate(text.splitlines(), 1) if row == "plugins:"), 1
        )
        problems.append(Problem(label, line, 1, PLUGIN_FIX))
    if problems:
        raise InputError(problems)
