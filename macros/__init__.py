"""Entry point for mkdocs-macros-plugin: registers macros and nothing else.

The guide engine lives in plain modules beside this one so it can be tested, and moved to
another site generator, without MkDocs.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Register the site's macros with mkdocs-macros-plugin."""

    @env.macro
    def guide_placeholder() -> str:
        """Stand-in until the decision guide lands."""
        return "The guide is being built."
