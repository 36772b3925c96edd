"""Run real `mkdocs build --strict` builds, of the project or of a modified copy of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Everything a build reads. A copy of these is a complete, independent project.
PROJECT_PARTS = ("mkdocs.yml", "mkdocs-es.yml", "docs", "overrides")
# Each edition's config and its folder in the built site, in build order (`make build`).
EDITIONS = (("mkdocs.yml", ""), ("mkdocs-es.yml", "es"))


@dataclass(frozen=True)
class BuildResult:
    """What one build printed and produced."""

    returncode: int
    output: str
    site_dir: Path


def copy_project(destination: Path) -> Path:
    """Copy the buildable parts of the project into `destination` and return it."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(
                source, destination / part, ignore=shutil.ignore_patterns("__pycache__")
            )
        elif source.is_file():
            shutil.copy2(source, destination / part)
    return destination


# The build command of each generator, up to its options. `build` always names the config
# file: ProperDocs prefers properdocs.yml and falls back to mkdocs.yml only with a notice.
MKDOCS_BUILD = (sys.executable, "-m", "mkdocs", "build")
PROPERDOCS_BUILD = (str(Path(sys.executable).with_name("properdocs")), "build")


def build(
    project_dir: Path,
    site_dir: Path,
    *,
    env: dict[str, str] | None = None,
    command: tuple[str, ...] = MKDOCS_BUILD,
    preexec_fn: Callable[[], None] | None = None,
    config_file: str = "mkdocs.yml",
) -> BuildResult:
    """Build `project_dir` strictly into `site_dir`, as `make build` builds one edition.

    `preexec_fn` runs in the build's process before it starts (to limit its memory);
    `config_file` is the edition's config (`mkdocs-es.yml` for the Spanish one).
    """
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1", **(env or {})}
    completed = subprocess.run(
        [*command, "--config-file", config_file, "--strict", "--clean", "--site-dir", site_dir],
        cwd=project_dir,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=run_env,
        check=False,
        preexec_fn=preexec_fn,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site_dir)


def build_editions(
    project_dir: Path,
    site_dir: Path,
    *,
    env: dict[str, str] | None = None,
    command: tuple[str, ...] = MKDOCS_BUILD,
) -> BuildResult:
    """Build every edition of `project_dir` into `site_dir`, exactly as `make build` does.

    Stops at the first failing build; the output holds every build's.
    """
    outputs = []
    result = BuildResult(0, "", site_dir)
    for config_file, folder in EDITIONS:
        result = build(
            project_dir, site_dir / folder, env=env, command=command, config_file=config_file
        )
        outputs.append(result.output)
        if result.returncode != 0:
            break
    return BuildResult(result.returncode, "\n".join(outputs), site_dir)
