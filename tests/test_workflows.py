"""GitHub workflows are valid, least-privilege, SHA-pinned, and run what the README runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.build import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
MAKE_TARGET = re.compile(r"\bmake\s+([a-z][a-z-]*)")


def load(path: Path) -> dict:
    """Parse a workflow file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    """All steps of all jobs."""
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_workflows():
    assert WORKFLOWS


def test_actionlint_passes():
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run(
        [str(actionlint), *map(str, WORKFLOWS)], capture_output=True, encoding="utf-8", check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - run: echo ${{ matrix.nope }}\n",
        encoding="utf-8",
    )

    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run([str(actionlint), str(broken)], capture_output=True, check=False)
    assert result.returncode != 0


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_full_shas(path: Path):
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        match = re.search(r"uses:\s*(\S+)", line)
        if match and not match.group(1).startswith("./"):
            assert re.search(r"@[0-9a-f]{40}\s+#\s*v\d", line), f"{path.name}: pin to a SHA: {line}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(path: Path):
    workflow = load(path)
    assert workflow.get("permissions") in ({"contents": "read"}, {}), "default to contents: read"
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        writes = {scope for scope, level in granted.items() if level == "write"}
        assert writes <= {"pages", "id-token", "issues", "contents"}, f"{name}: {writes}"
        if "contents" in writes:  # releases: only a job that runs none of the repository's code
            uses = [str(step.get("uses", "")) for step in job.get("steps", [])]
            runs = " ".join(str(step.get("run", "")) for step in job.get("steps", []))
            assert not any(use.startswith("actions/checkout@") for use in uses), name
            assert not MAKE_TARGET.search(runs), name
            assert "python" not in runs, name
        if "pages" in writes:
            assert "concurrency" in job, f"{name} deploys without a concurrency group"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_do_not_persist_credentials(path: Path):
    for step in steps(load(path)):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False


def test_ci_runs_the_readme_targets():
    readme_targets = set(MAKE_TARGET.findall((ROOT / "README.md").read_text(encoding="utf-8")))
    ci = load(ROOT / ".github" / "workflows" / "ci.yml")
    ci_targets = {t for step in steps(ci) for t in MAKE_TARGET.findall(step.get("run", ""))}
    assert {"test", "build"} <= ci_targets
    assert ci_targets <= readme_targets, ci_targets - readme_targets
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_deploy_uses_pages_actions_not_gh_deploy():
    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "actions/upload-pages-artifact@" in text
    assert "actions/deploy-pages@" in text
    assert "gh-deploy" not in text


def test_readme_targets_exist_in_the_makefile():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    defined = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    used = set(MAKE_TARGET.findall((ROOT / "README.md").read_text(encoding="utf-8")))
    assert used <= defined, used - defined


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_build_jobs_install_only_what_make_build_installs(path: Path):
    """A job that builds the site for publishing or link checks has the runtime lock alone.

    `tests/test_newcomer.py` proves `make build` works with exactly that, on a fresh clone.
    """
    for name, job in load(path)["jobs"].items():
        runs = [step.get("run", "") for step in job.get("steps", [])]
        if not any("make build" in run for run in runs):
            continue
        for run in runs:
            targets = set(MAKE_TARGET.findall(run))
            assert targets <= {"build"}, f"{name}: builds after other make targets {targets}"
            assert not re.search(r"\bpip\b|requirements/|uv |poetry ", run), (
                f"{name}: installs packages outside 'make build': {run.strip()[:80]}"
            )


def test_review_dates_are_listed_weekly_and_on_pull_requests():
    """Issue 22: an overdue page never fails a build, so the list lives in an issue and in CI."""
    review = load(ROOT / ".github" / "workflows" / "review.yml")
    assert "schedule" in review[True]  # PyYAML reads the key `on` as True
    runs = " ".join(step.get("run", "") for step in steps(review))
    assert "make -s review" in runs
    assert "gh issue create" in runs
    assert "gh issue edit" in runs
    ci = load(ROOT / ".github" / "workflows" / "ci.yml")
    step = next(step for step in steps(ci) if step.get("run") == "make review")
    assert step["if"] == "github.event_name == 'pull_request'"


def writing_jobs(workflows: dict[str, dict]) -> dict[str, list[str]]:
    """Every job that may write, as `job` -> its write permissions (`pages: write`, ...)."""
    jobs: dict[str, list[str]] = {}
    for workflow in workflows.values():
        for name, job in workflow.get("jobs", {}).items():
            granted = job.get("permissions") or {}
            if granted in ("write-all", "write"):
                jobs[name] = [str(granted)]
            elif isinstance(granted, dict):
                writes = [f"{scope}: write" for scope, level in granted.items() if level == "write"]
                if writes:
                    jobs[name] = writes
    return jobs


# A job's item in SECURITY.md's supply-chain list: "  - `job` (...)", up to the next item.
JOB_ITEM = re.compile(r"^  - `([\w-]+)` \(.*?(?=^  - |^- |^#|\Z)", re.MULTILINE | re.DOTALL)


def unnamed_writers(workflows: dict[str, dict], security: str) -> list[str]:
    """Write permissions of jobs that SECURITY.md does not name in the job's own item."""
    described = {match.group(1): match.group(0) for match in JOB_ITEM.finditer(security)}
    return [
        f"{job}: {permission}"
        for job, permissions in writing_jobs(workflows).items()
        for permission in permissions
        if f"`{permission}`" not in described.get(job, "")
    ]


def test_security_md_names_every_job_that_may_write():
    workflows = {path.name: load(path) for path in WORKFLOWS}
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert writing_jobs(workflows), "the deploy job writes to Pages"
    assert unnamed_writers(workflows, security) == []


def test_a_new_job_that_may_write_must_be_named_control():
    """Control: a job granted `contents: write` that SECURITY.md does not list is caught."""
    workflows = {path.name: load(path) for path in WORKFLOWS}
    workflows["ci.yml"]["jobs"]["publish-notes"] = {"permissions": {"contents": "write"}}
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert unnamed_writers(workflows, security) == ["publish-notes: contents: write"]
