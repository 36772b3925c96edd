"""The site's public link targets: the contract's pages and sections, the guide tree's steps.

Step ids and titles come from the checked guide tree itself, never from a second list kept by
hand, so the "For therapists and clinics" page and the QR images always show the guide as
it is built. (`python -m wtiw check` compares the tree with the approved step ids in
`docs/_data/links/guide-routes.txt`, so none disappears unnoticed.)
"""

from __future__ import annotations

from wtiw.core.site import SiteFolders
from wtiw.guide.model import Tree
from wtiw.guide.page import site_tree
from wtiw.links.contract import LinkGroup, StepLink, load_link_groups


def guide_steps(tree: Tree) -> list[StepLink]:
    """Every step's id and title, in the tree's (file) order."""
    return [(step.id, step.title) for step in tree.steps.values()]


def site_link_groups(folders: SiteFolders, label: str | None = None) -> list[LinkGroup]:
    """Every public link target of the site; `label` names the guide tree in problems."""
    return load_link_groups(folders.links, steps=guide_steps(site_tree(folders, label)))
