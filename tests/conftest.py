"""Fixtures shared by every test: one real strict build, a loopback server, a real browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.a11y import FIXTURES
from tests.support.browser import LAUNCH_ARGS, chromium_path
from tests.support.build import ROOT, BuildResult, build
from tests.support.server import serve


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Build the real project once per test session; fail loudly if the build fails."""
    result = build(ROOT, tmp_path_factory.mktemp("site"))
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
