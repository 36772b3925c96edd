"""One visit per page per browser setup, with every check of that setup run on the visit.

Opening a page is the slow part of a browser check, and most checks only read the page. So the
accessibility tests do not each sweep the site: a setup (viewport, palette, JavaScript on or
off, forced colours) opens every page and guide step once and runs all of its checks there,
and each test reads its own check's results. Checks that move focus or scroll run after the
ones that only read, and the skip link, which follows a link, runs last.

Each setup runs once per test process, on first use. Tests read a setup through a parameter
named after it, and under `pytest -n` the scheduler in tests/conftest.py sends all tests of a
setup to one worker, so no worker repeats another's sweep.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.a11y import (
    CHROME,
    COLOUR_RULES,
    NARROW,
    PHONE,
    REPEATED_ROWS,
    SCREENSHOTS,
    ZOOM_400,
    Probe,
    block_scripts,
    browser_context,
    check,
    control_kinds,
    describe_violations,
    focus_each,
    focus_problems,
    full_pages,
    guide_steps,
    markup_kinds,
    opened,
    order_problems,
    page_paths,
    palette_problems,
    rows_as_kinds,
    run_axe,
    show_step,
    skip_link_problems,
    step_kinds,
    tab_walk,
    visit,
)
from tests.support.page_audit import watch

# Check name, then the page or step (with the setup's name), then what the check found there.
Results = dict[str, dict[str, list[str]]]

# Which addresses a check runs on: every page, pages with the full site chrome (sitemap and
# 404), embed forms (the others), the home page, every guide step, or the first two steps.
# The slow checks visit what differs, once (tests/support/a11y.py): "kinds" is one page, full
# or embed form, of each set of controls (`control_kinds`: the keyboard walks and focus
# rings), "full-kinds" the full pages among them (the walks that need the header), "looks"
# one page of each set of elements (`markup_kinds`: axe, target sizes, forced colours), which
# axe checks whole on the home page and embed forms ("looks-whole") and without the site's
# chrome on the other full pages ("looks-content": the chrome is the home page's, checked
# there), and "step-looks" one guide step of each (`step_kinds`: axe and target sizes on it).
WHERE = (
    "pages",
    "full",
    "embeds",
    "kinds",
    "full-kinds",
    "looks",
    "looks-whole",
    "looks-content",
    "home",
    "steps",
    "step-looks",
    "first-steps",
)


@dataclass(frozen=True)
class Check:
    """One named check, the addresses it runs on, and the probe that runs it."""

    name: str
    where: str
    probe: Probe

    def __post_init__(self) -> None:
        """Catch a misspelt address set when the plan is written, not as a silent skip."""
        assert self.where in WHERE, f"{self.name}: where must be one of {WHERE}"


@dataclass(frozen=True)
class Setup:
    """A browser setup: context options, JavaScript on or off, and its checks in run order."""

    name: str
    options: dict[str, Any]
    checks: tuple[Check, ...]
    javascript: bool = True
    # Record CSP violations, console errors, uncaught exceptions and off-site requests
    # (aborted) on every page, as the check "clean-and-local" (tests/support/page_audit.py).
    audited: bool = False


def as_kinds(probe: Probe, *, skip: bool = True) -> Probe:
    """`probe` with repeated rows taken as a kind: one row of each markup (`rows_as_kinds`).

    Rows drawn from one template are reached and drawn alike: the walks and focus rings skip
    the controls of those whose markup repeats an earlier row's in their list, and axe leaves
    such rows out
    (`skip=False`: they stay in the Tab order, so they still count as neighbours for the
    target sizes).
    """

    def run(page: Any) -> list[str]:
        with rows_as_kinds(page, skip=skip):
            return probe(page)

    return run


def walk_problems(page: Any, *, scripts: bool = True) -> list[str]:
    """Tab from the top: every element reached once, in order, each with a visible focus ring."""
    with rows_as_kinds(page):
        expected, stops = tab_walk(page, scripts=scripts)
    return order_problems(expected, stops) + focus_problems(stops)


def scriptless_walk_problems(page: Any) -> list[str]:
    """The walk above on a page whose scripts are blocked: no key waits for a frame."""
    return walk_problems(page, scripts=False)


@as_kinds
def backwards_walk_problems(page: Any) -> list[str]:
    """Shift+Tab from the bottom: no focused element hidden, under the header or elsewhere."""
    return focus_problems(tab_walk(page, backwards=True)[1])


def axe_problems(rules: list[str] | None = None) -> Probe:
    """axe-core's WCAG A and AA rules (or just `rules`) on the whole page, one row of a kind."""
    return as_kinds(
        lambda page: describe_violations(run_axe(page, rules=rules, exclude=[REPEATED_ROWS])),
        skip=False,
    )


def axe_content_problems(rules: list[str] | None = None) -> Probe:
    """axe-core on a full page but its chrome, which the home page's run checks once.

    Guide steps are left out too: every setup that runs this runs axe on one step of each
    kind, shown ("step-looks"), which checks each step's markup as drawn.
    """
    exclude = [*CHROME, STEPS, REPEATED_ROWS]
    return as_kinds(
        lambda page: describe_violations(run_axe(page, rules=rules, exclude=exclude)), skip=False
    )


# Every guide step, shown or hidden.
STEPS = "[data-step]"

# The guide step on screen: the one `[data-step]` that is displayed.
SHOWN_STEP = """() => {
  const shown = [...document.querySelectorAll("[data-step]")].find(
    step => getComputedStyle(step).display !== "none");
  return shown ? shown.id : null;
}"""


def shown_step(page: Any) -> str | None:
    """A selector for the guide step on screen: the page around it is checked as a page.

    Every other step is hidden, and axe on the whole guide page (every step's markup, the map)
    costs seconds per step; checking the shown step alone finds the same problems.
    """
    step = page.evaluate(SHOWN_STEP)
    return f'[id="{step}"]' if step else None


def axe_step_problems(rules: list[str] | None = None) -> Probe:
    """axe-core on the guide step on screen only."""

    def probe(page: Any) -> list[str]:
        within = shown_step(page) or ("article" if page.locator("article").count() else None)
        return describe_violations(run_axe(page, rules=rules, within=within))

    return probe


@as_kinds
def focus_ring_problems(page: Any) -> list[str]:
    """Every Tab stop's focus ring, and every text field's edge, at 3:1 or more."""
    return focus_problems(focus_each(page)) + check(page, "controlContrast")


def overflow_problems(page: Any) -> list[str]:
    """Sideways scrolling: on every page and step, since any long word can cause it."""
    return check(page, "overflow")


def target_problems(page: Any) -> list[str]:
    """Targets smaller than 24 x 24 px without enough space around, on the whole page."""
    with rows_as_kinds(page, skip=False):
        return describe_violations(run_axe(page, rules=["target-size"], exclude=[REPEATED_ROWS]))


def step_target_problems(page: Any) -> list[str]:
    """Small targets in the guide step on screen."""
    return describe_violations(run_axe(page, rules=["target-size"], within=shown_step(page)))


@as_kinds
def forced_colour_problems(page: Any) -> list[str]:
    """Text, icons and every focus ring stay visible when the browser forces colours."""
    return check(page, "forcedColours") + focus_problems(focus_each(page))


def screenshot(name: str) -> Probe:
    """Save a full-page screenshot for reviewers (test-artifacts/screenshots/); finds nothing."""

    def probe(page: Any) -> list[str]:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / name, full_page=True)
        return []

    return probe


def palette_check(palette: str, where: str = "pages") -> Check:
    """Material applied the system's palette, so a dark run really is dark."""
    return Check("palette", where, lambda page: palette_problems(page, palette))


REDUCED = {"reduced_motion": "reduce"}
PHONE_LAYOUT = {"viewport": PHONE, "is_mobile": True}

SETUPS = {
    setup.name: setup
    for setup in (
        Setup(
            "light",
            {"palette": "light", **REDUCED},
            (
                palette_check("light"),
                Check("axe", "looks-whole", axe_problems()),
                Check("axe", "looks-content", axe_content_problems()),
                Check("headings", "pages", lambda page: check(page, "headings")),
                Check("landmarks", "embeds", lambda page: check(page, "landmarks", False)),
                Check("landmarks", "full", lambda page: check(page, "landmarks", True)),
                Check("dialogs", "full", axe_problems(["aria-dialog-name"])),
                Check("motion", "pages", lambda page: check(page, "motion")),
                Check("focus-rings", "kinds", focus_ring_problems),
                Check("skip-link", "full", skip_link_problems),
                Check("axe-steps", "step-looks", axe_step_problems()),
                Check("headings-steps", "steps", lambda page: check(page, "headings")),
                Check("motion-steps", "first-steps", lambda page: check(page, "motion")),
            ),
            audited=True,
        ),
        # The two desktop walks press Tab once per stop and wait a frame each time: together
        # they take longer than every other light check. As setups of their own (same browser
        # settings, own visits), they can run on other workers than the light sweep.
        Setup(
            "light-tab",
            {"palette": "light", **REDUCED},
            (Check("tab-walk", "kinds", walk_problems),),
        ),
        # Backwards, focus can end up under the sticky header, which only pages with the full
        # chrome have: embed forms (no header) are walked forwards only, by light-tab.
        Setup(
            "light-shift-tab",
            {"palette": "light", **REDUCED},
            (Check("shift-tab-walk", "full-kinds", backwards_walk_problems),),
        ),
        Setup(
            "dark",
            {"palette": "dark", **REDUCED},
            (
                # The palette switch is the chrome's, the same on every page: checked on the
                # pages this setup opens for axe, not on every page.
                palette_check("dark", "looks"),
                # Only colours change between palettes: the dark run needs only colour rules.
                Check("axe", "looks-whole", axe_problems(COLOUR_RULES)),
                Check("axe", "looks-content", axe_content_problems(COLOUR_RULES)),
                Check("focus-rings", "kinds", focus_ring_problems),
                Check("axe-steps", "step-looks", axe_step_problems(COLOUR_RULES)),
            ),
        ),
        Setup(
            "phone", {**PHONE_LAYOUT, **REDUCED}, (Check("tab-walk", "full-kinds", walk_problems),)
        ),
        Setup(
            "no-javascript",
            dict(REDUCED),
            (
                # Without scripts only the controls and features differ (prose is drawn the
                # same), so axe visits the pages the keyboard walks do: one of each kind.
                Check("axe", "kinds", axe_problems()),
                Check("tab-walk", "kinds", scriptless_walk_problems),
            ),
            javascript=False,
        ),
        Setup(
            "phone-no-javascript",
            {**PHONE_LAYOUT, **REDUCED},
            (Check("tab-walk", "full-kinds", scriptless_walk_problems),),
            javascript=False,
        ),
        Setup(
            "320px",
            {"viewport": NARROW, "is_mobile": True},
            (
                Check("reflow", "pages", overflow_problems),
                Check("reflow", "steps", overflow_problems),
                Check("reflow", "looks", target_problems),
                Check("reflow", "step-looks", step_target_problems),
            ),
        ),
        # 1280 px at 400% is 320 CSS px wide, as wide as the 320px setup, which checks every
        # page and step for sideways scrolling (words, such as a long address, cause it).
        # What differs here (200 px high, 4 device pixels each) follows the markup, so one
        # page and one step of each set of elements is checked.
        Setup(
            "zoom-400",
            dict(ZOOM_400),
            (
                Check("reflow", "looks", overflow_problems),
                Check("reflow", "step-looks", overflow_problems),
                Check("reflow", "looks", target_problems),
                Check("reflow", "step-looks", step_target_problems),
            ),
        ),
        Setup(
            "forced-colours",
            {"forced_colors": "active", **REDUCED},
            (
                Check("forced-colours", "looks", forced_colour_problems),
                Check("screenshot", "home", screenshot("home-desktop-forced-colours.png")),
            ),
        ),
    )
}


def on(*names: str) -> list[str]:
    """Parameters for a test that reads these setups.

    The test id names the setup, which is how `pytest -n` keeps a setup's tests on one worker
    (tests/conftest.py).
    """
    unknown = set(names) - SETUPS.keys()
    assert not unknown, f"no such browser setup: {sorted(unknown)}"
    return list(names)


def run_checks(page: Any, checks: list[Check], where: str, results: Results) -> None:
    """Run `checks` on the open page; a check that breaks is reported, not fatal to the rest."""
    for item in checks:
        try:
            found = item.probe(page)
        except Exception as error:  # one broken probe must not hide what the others found
            found = [f"the {item.name} check could not run: {error}"]
        results.setdefault(item.name, {}).setdefault(where, []).extend(found)


def run_setup(browser: Any, site_dir: Path, site_url: str, setup: Setup) -> Results:
    """Open every page and guide step once in `setup` and run its checks on each."""
    results: Results = {item.name: {} for item in setup.checks}
    full = full_pages(site_dir)
    # The home page is always looked at whole: axe checks the site's chrome there.
    walked, looked = control_kinds(site_dir), markup_kinds(site_dir) | ({""} & full)
    step_looks = step_kinds(site_dir)
    label = f" ({setup.name})"
    with browser_context(browser, **setup.options) as context:
        if not setup.javascript:
            block_scripts(context)
        recorder = watch(context) if setup.audited else None
        with opened(context) as page:
            for path in page_paths(site_dir):
                kinds = {"pages", "full" if path in full else "embeds"}
                kinds |= {"kinds"} if path in walked else set()
                kinds |= {"full-kinds"} if path in walked and path in full else set()
                # A full page's chrome is the home page's: axe checks it there, once.
                if path in looked:
                    content_only = path in full and path != ""
                    kinds |= {"looks", "looks-content" if content_only else "looks-whole"}
                kinds |= {"home"} if path == "" else set()
                checks = [item for item in setup.checks if item.where in kinds]
                if not checks:
                    continue
                visit(page, site_url + path)
                run_checks(page, checks, f"/{path}{label}", results)
                if recorder:
                    results.setdefault("clean-and-local", {})[f"/{path}{label}"] = recorder.take()
            for number, step in enumerate(guide_steps(site_dir)):
                wanted = {"steps", "first-steps"} if number < 2 else {"steps"}
                wanted |= {"step-looks"} if step.path in step_looks else set()
                checks = [item for item in setup.checks if item.where in wanted]
                if not checks:
                    continue
                show_step(page, site_url, step)
                run_checks(page, checks, f"/{step.path}{label}", results)
    return results


class Sweeps:
    """Each setup's results, run on first use and kept for the rest of the test process."""

    def __init__(self, browser: Any, site_dir: Path, site_url: str) -> None:
        """Remember where the site is and which browser to use."""
        self._args = (browser, site_dir, site_url)
        self._done: dict[str, Results] = {}

    def __call__(self, name: str) -> Results:
        """The results of setup `name`, running it if this process has not yet."""
        if name not in self._done:
            self._done[name] = run_setup(*self._args, SETUPS[name])
        return self._done[name]


def findings(results: Results, *names: str) -> dict[str, list[str]]:
    """What the checks `names` found, by page or step; fails if a check never ran anywhere."""
    merged: dict[str, list[str]] = {}
    for name in names:
        assert results.get(name), f"the {name} check ran on no page or step"
        for where, problems in results[name].items():
            merged.setdefault(where, []).extend(problems)
    return merged
