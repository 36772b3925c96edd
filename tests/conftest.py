"""Fixtures shared by every test: one real strict build, a loopback server, a real browser."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock
from xdist.scheduler import LoadScopeScheduling

from tests.support.a11y import FIXTURES
from tests.support.browser import LAUNCH_ARGS, chromium_path
from tests.support.build import ROOT, BuildResult, build
from tests.support.server import serve
from tests.support.sweep import SETUPS, Sweeps


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Build the real project once per test run; fail loudly if the build fails.

    Under `pytest -n`, workers share one base folder: the first to take the lock builds, and
    the others read the same site and the same printed output.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    with FileLock(shared / "site.lock"):
        log = shared / "site-build.log"
        if log.is_file():
            returncode, output = log.read_text(encoding="utf-8").split("\n", 1)
            result = BuildResult(int(returncode), output, shared / "site")
        else:
            result = build(ROOT, shared / "site")
            log.write_text(f"{result.returncode}\n{result.output}", encoding="utf-8")
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.output}")
    return result


@pytest.fixture(scope="session")
def site_dir(built_site: BuildResult) -> Path:
    """Folder of the built site."""
    return built_site.site_dir


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Base URL of the built site served on 127.0.0.1, as GitHub Pages would serve it."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path(), args=LAUNCH_ARGS, headless=True
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh browser context and page per test, so no state leaks between tests."""
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def fixtures_url() -> Iterator[str]:
    """The deliberately broken accessibility fixture pages, served like the site."""
    with serve(FIXTURES) as url:
        yield url


@pytest.fixture(scope="session")
def sweep(browser, site_dir: Path, site_url: str) -> Sweeps:
    """Every page and guide step visited once per browser setup, all its checks run there."""
    return Sweeps(browser, site_dir, site_url)


class SetupGroupScheduling(LoadScopeScheduling):
    """pytest-xdist scheduling: a browser setup's tests on one worker, a module's on one worker.

    A test reads a setup's sweep through a parameter named after it (`sweep.on("light")`, id
    `[light]`), and a sweep runs once per worker, so a setup's tests must share a worker; so
    must a module's tests, which share module fixtures (a broken build, a fresh clone, one vnu
    run). Units go out in collection order, so the longest sweeps (the a11y modules) start
    first. (xdist's own `--dist loadgroup` marks no longer group anything under pytest 9.)
    """

    SETUP_ID = re.compile(r"\[([^\]]+)\]$")

    def _split_scope(self, nodeid: str) -> str:
        match = self.SETUP_ID.search(nodeid)
        if match and match.group(1) in SETUPS:
            return f"setup:{match.group(1)}"
        return nodeid.split("::", 1)[0]


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> LoadScopeScheduling:
    """Group tests as SetupGroupScheduling says, in collection order, under `pytest -n`."""
    config.option.loadscopereorder = False
    return SetupGroupScheduling(config, log)
