"""The guide meets the IPDAS criteria where docs/_data/ipdas.yml says it does.

Each qualifying and certifying criterion of IPDASi v4 names the page sections and guide steps
that meet it. This test reads the built site and fails if any of them is gone, so the mapping
cannot quietly go stale when a section or step moves.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.support.build import ROOT

MAPPING = ROOT / "docs" / "_data" / "ipdas.yml"
# IPDASi v4 (Joseph-Williams et al. 2014): six qualifying and six certifying criteria.
REQUIRED = {"Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "C1", "C2", "C3", "C4", "C5", "C6"}
ID = re.compile(r'\sid="([^"]+)"')


def criteria() -> list[dict]:
    """The criteria and where each is met, as the file lists them."""
    return yaml.safe_load(MAPPING.read_text(encoding="utf-8"))["criteria"]


def missing_places(site_dir: Path, entries: list[dict]) -> list[str]:
    """Every mapped place that the built site does not have, as "path#anchor"."""
    missing = []
    ids: dict[str, set[str]] = {}
    for criterion in entries:
        for place in criterion["met_by"]:
            page = site_dir / place["path"] / "index.html"
            if place["path"] not in ids:
                text = page.read_text(encoding="utf-8") if page.is_file() else ""
                ids[place["path"]] = set(ID.findall(text))
            if place["anchor"] not in ids[place["path"]]:
                missing.append(f"{criterion['id']}: {place['path']}#{place['anchor']}")
    return missing


def test_every_criterion_is_mapped_with_a_reason():
    entries = criteria()
    assert {entry["id"] for entry in entries} == REQUIRED
    for entry in entries:
        assert entry["criterion"].strip(), entry["id"]
        assert entry["met_by"], f"{entry['id']} names no page or step"
        assert all(place["how"].strip() for place in entry["met_by"]), entry["id"]


def test_every_mapped_place_is_in_the_built_site(site_dir: Path):
    assert not missing_places(site_dir, criteria())


@pytest.mark.parametrize(
    "place",
    [{"path": "guide/", "anchor": "no-such-step"}, {"path": "no-such-page/", "anchor": "x"}],
)
def test_a_place_that_is_gone_is_reported(site_dir: Path, place: dict):
    """Control: a step or page that does not exist is caught."""
    entry = {"id": "Q1", "met_by": [{**place, "how": "test"}]}
    assert missing_places(site_dir, [entry]) == [f"Q1: {place['path']}#{place['anchor']}"]
