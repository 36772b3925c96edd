"""Fixtures shared by every test: one real strict build, a loopback server, a real browser."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock
from xdist.scheduler import LoadScopeScheduling
from xdist.workermanage import WorkerController

from tests.support.a11y import FIXTURES
from tests.support.browser import LAUNCH_ARGS, chromium_path
from tests.support.build import ROOT, BuildResult, build_editions, copy_project
from tests.support.embed_host import clinic_site, clinic_tab
from tests.support.page_audit import Recorder
from tests.support.server import serve
from tests.support.sweep import SETUPS, Sweeps

# Fixtures that need the shared build, a server or a browser: `--no-build` deselects their tests.
SLOW_FIXTURES = frozenset(
    {"built_site", "site_dir", "site_url", "browser", "contexts", "page", "clinic", "sweep"}
)


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--no-build`: only the fast tests, for `make mutants` (bench/mutants.py)."""
    parser.addoption(
        "--no-build",
        action="store_true",
        help="deselect tests that need the site's build, a server or a browser",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under `--no-build`, drop the tests that use a SLOW_FIXTURES fixture."""
    if not config.getoption("--no-build"):
        return
    for item in items:
        # mutmut 3.7 (the newest that accepts our click pin) reads `_nodeid`, gone in pytest 9.
        item._nodeid = item.nodeid
    slow = [item for item in items if SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item not in slow]


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
            result = build_editions(ROOT, shared / "site")
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


@pytest.fixture(scope="module")
def contexts(browser) -> Iterator[dict[bool, object]]:
    """One browser context with JavaScript and one without, shared by a module's tests."""
    made = {on: browser.new_context(java_script_enabled=on) for on in (True, False)}
    yield made
    for context in made.values():
        context.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh browser context and page per test, so no state leaks between tests."""
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One untouched copy of the project per module; each broken input changes a copy of it."""
    return copy_project(tmp_path_factory.mktemp("pristine") / "project")


@pytest.fixture(scope="module")
def host_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder a clinic's pages are written to (embed tests)."""
    return tmp_path_factory.mktemp("clinic")


@pytest.fixture(scope="module")
def host_url(host_dir: Path, site_url: str) -> Iterator[str]:
    """The clinic's site: another port on 127.0.0.1, so another origin than ours."""
    with clinic_site(host_dir) as url:
        assert url.split(":")[2] != site_url.split(":")[2]
        yield url


@pytest.fixture
def clinic(browser) -> Iterator[tuple[object, Recorder]]:
    """A clinic's page of an ordinary laptop's size."""
    with clinic_tab(browser, 900, 700) as opened:
        yield opened


@pytest.fixture(scope="session")
def fixtures_url() -> Iterator[str]:
    """The deliberately broken accessibility fixture pages, served like the site."""
    with serve(FIXTURES) as url:
        yield url


@pytest.fixture(scope="session")
def sweep(browser, site_dir: Path, site_url: str) -> Sweeps:
    """Every page and guide step visited once per browser setup, all its checks run there."""
    return Sweeps(browser, site_dir, site_url)


DEEP_LINKS = "tests/test_guide_browser.py::test_every_deep_link_and_search_result_opens_its_step"

# Rough seconds the slowest units took with two workers on two busy cores (`--durations`).
# Only their order matters: the longest start first, so both workers finish at about the same
# time instead of one taking a long unit last while the other idles. The newcomer's clone
# installs its own venv and needs no site, so it is ranked first: it starts at once, beside
# the site's build on the other worker.
SLOW_UNITS: dict[str, int] = {
    "tests/test_newcomer.py": 125,
    "setup:light": 105,
    "setup:dark": 65,
    "tests/test_print_handout.py": 60,
    "setup:320px": 42,
    "tests/test_guide_browser.py::test_every_answer_with_javascript": 40,
    f"{DEEP_LINKS}[js-on]": 30,
    "tests/test_privacy_browser.py": 30,
    "setup:light-tab": 28,
    "setup:no-javascript": 28,
    "tests/test_guide_validate.py": 28,
    "setup:zoom-400": 25,
    "tests/test_guide_routes.py": 25,
    "setup:phone-no-javascript": 23,
    "setup:phone": 21,
    "setup:light-shift-tab": 20,
    "tests/test_a11y_html.py": 20,
    "tests/test_guide_properties.py": 17,
    "tests/test_properdocs.py": 15,
    "setup:forced-colours": 14,
    f"{DEEP_LINKS}[js-off]": 12,
}

# Modules whose tests share no costly module fixture (each opens its own page): each test is
# a unit of its own, so their many middling tests fill in wherever a worker is free.
SPREAD_MODULES = frozenset(
    {
        "tests/test_a11y_screenshots.py",
        "tests/test_content_browser.py",
        "tests/test_embed_browser.py",
        "tests/test_guide_browser.py",
        "tests/test_professionals_browser.py",
    }
)


class SetupGroupScheduling(LoadScopeScheduling):
    """pytest-xdist scheduling: a browser setup's tests on one worker, a module's on one worker.

    A test reads a setup's sweep through a parameter named after it (`sweep.on("light")`, id
    `[light]`), and a sweep runs once per worker, so a setup's tests must share a worker; so
    must a module's tests, which share module fixtures (a broken build, a fresh clone, one vnu
    run), except in SPREAD_MODULES. Units go out longest first (SLOW_UNITS), then in
    collection order. A worker gets its next unit only when it is down to its last test (which
    it holds until it knows what follows), not two tests early as xdist does: a unit decided
    early is stuck on a worker that may still be busy while the other one idles.
    (xdist's own `--dist loadgroup` marks no longer group anything under pytest 9.)
    """

    SETUP_ID = re.compile(r"\[([^\]]+)\]$")

    def _split_scope(self, nodeid: str) -> str:
        match = self.SETUP_ID.search(nodeid)
        if match and match.group(1) in SETUPS:
            return f"setup:{match.group(1)}"
        module = nodeid.split("::", 1)[0]
        return nodeid if module in SPREAD_MODULES else module

    def _assign_work_unit(self, node: WorkerController) -> None:
        """Send the slowest unit still waiting (the first in collection order on a tie)."""
        slowest = max(self.workqueue, key=lambda scope: SLOW_UNITS.get(scope, 0))
        self.workqueue.move_to_end(slowest, last=False)
        super()._assign_work_unit(node)

    def _reschedule(self, node: WorkerController) -> None:
        """Give `node` another unit once it has at most one test left (see the class doc)."""
        if node.shutting_down:
            return
        if not self.workqueue:
            node.shutdown()
            return
        if self._pending_of(self.assigned_work[node]) <= 1:
            self._assign_work_unit(node)


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> LoadScopeScheduling:
    """Group and order tests as SetupGroupScheduling says, under `pytest -n`."""
    config.option.loadscopereorder = False
    return SetupGroupScheduling(config, log)
