"""Glue between mkdocs-macros-plugin and the guide engine; the only guide module using MkDocs.

It finds the tree and the page's URLs in the MkDocs config, and turns a `GuideError` into a
`PluginError`, so a bad tree fails the build with the same lines the CLI prints.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from macros.errors import GuideError
from macros.model import Tree
from macros.render import GuideContext, render_guide, render_map
from macros.validate import load_tree


def _tree(env: Any) -> Tree:
    """Load and check the tree beside the docs, or fail the build listing every problem."""
    docs = Path(env.conf["docs_dir"])
    tree_path = docs / "_data" / "guide.yaml"
    project = Path(env.conf["config_file_path"]).parent
    label = os.path.relpath(tree_path, project)
    try:
        return load_tree(tree_path, docs_dir=docs, label=label)
    except GuideError as error:
        count = len(error.problems)
        raise PluginError(
            f"The guide tree has {count} problem{'s' if count != 1 else ''} "
            f"(run `make check-guide`):\n{error}"
        ) from None


def _context(env: Any) -> GuideContext:
    """Where the page being built is published."""
    return GuideContext(
        page_url=env.page.url,
        site_url=env.conf["site_url"] or "",
        use_directory_urls=env.conf["use_directory_urls"],
    )


def check_guide(env: Any) -> None:
    """Check the tree as the config loads, so a bad tree stops the build with only its lines.

    Raised inside a page's macro instead, the error would come with the plugin's traceback.
    """
    _tree(env)


def guide_html(env: Any) -> str:
    """The guide for the page being built."""
    return render_guide(_tree(env), _context(env))


def guide_map_markdown(env: Any) -> str:
    """The map of the guide for the page being built."""
    return render_map(_tree(env), _context(env))
