"""The About page's promise holds: a form to report a mistake, asking for page, problem, source."""

from __future__ import annotations

import yaml

from tests.support.build import ROOT

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "content-mistake.yml"
ABOUT = ROOT / "docs" / "about.md"


def test_the_form_about_names_exists_and_asks_what_a_reviewer_needs():
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    assert f'"{form["name"]}"' in ABOUT.read_text(encoding="utf-8")
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert set(fields) == {"page", "problem", "source"}
    assert fields["page"]["validations"]["required"]
    assert fields["problem"]["validations"]["required"]
    intro = " ".join(item["attributes"]["value"] for item in form["body"] if "id" not in item)
    assert "crisis" in intro, "the form must point anyone in crisis to help first"
