"""Entry point for mkdocs-macros-plugin: registers macros and nothing else.

The guide engine lives in plain modules beside this one so it can be tested, and moved to
another site generator, without MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def define_env(env: Any) -> None:
    """Register the site's macros with mkdocs-macros-plugin.

    MkDocs is imported here, not when the package loads, so `python -m macros check` and the
    engine run where MkDocs is not installed (a move to another generator stays cheap).
    """
    from mkdocs.exceptions import PluginError

    from macros.guide_page import check_guide, guide_html, guide_map_markdown
    from macros.link_targets import LinkContractError
    from macros.professionals import render_part

    check_guide(env)

    @env.macro
    def guide() -> str:
        """The "What should I try next?" guide, from docs/_data/guide.yaml."""
        return guide_html(env)

    @env.macro
    def guide_map() -> str:
        """The map of the guide: nested lists and a diagram."""
        return guide_map_markdown(env)

    @env.macro
    def professionals(part: str) -> str:
        """A generated part of the "For therapists and clinics" page: list, picker or snippet."""
        try:
            return render_part(
                part,
                Path(env.conf["docs_dir"]) / "_data" / "links",
                Path(env.conf["theme"].custom_dir),
                site_name=env.conf["site_name"],
                site_url=env.conf["site_url"] or "",
                page_url=env.page.url,
            )
        except LinkContractError as error:
            raise PluginError(str(error)) from None
