"""Benchmark our site against a default-Material build of the same docs (prints, never fails).

Builds both sites, serves each on 127.0.0.1 with gzip (as GitHub Pages serves them), runs
Lighthouse 12.2.3 with Debian's Chromium (mobile and desktop, 3 runs each, medians; every
non-loopback host blocked), counts requests and transferred bytes with Playwright, times the
guide's next step in the browser, and prints one side-by-side table with ratios (ours /
baseline). JSON goes to test-artifacts/bench/.

The baseline is `mkdocs.yml` with only `site_name`, `docs_dir` and `theme: material`: no
plugins beyond MkDocs' default search, no extensions. Macro calls such as `{{ guide() }}` are
left as plain text there, so the baseline guide page is the page's prose without the guide.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from bench.pages_server import serve_like_pages
from tests.support.browser import LAUNCH_ARGS, chromium_path
from tests.support.build import ROOT, build
from tests.support.site_pages import GUIDE_PAGE, guide_step_ids

BENCH_DIR = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
ARTIFACTS = ROOT / "test-artifacts" / "bench"
RUNS = 3
FORM_FACTORS = ("mobile", "desktop")
SECTION_PAGE = "talk-to-your-therapist/"
# Flags from the issue: headless, no sandbox in containers, nothing phoning home, and DNS for
# every host but 127.0.0.1 fails, so no request can leave the machine.
LIGHTHOUSE_CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
OWN_ASSET_SUFFIXES = {".css", ".js"}
STEP_TIMING_JS = (BENCH_DIR / "step_timing.js").read_text(encoding="utf-8")
SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def baseline_project(workdir: Path) -> Path:
    """A copy of docs/ (front matter kept) with a default Material configuration."""
    project = workdir / "baseline"
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("_*"))
    ours = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_name = re.search(r"^site_name:\s*(.+)$", ours, re.MULTILINE)
    config = {"site_name": site_name.group(1) if site_name else "Baseline", "docs_dir": "docs"}
    config["theme"] = {"name": "material"}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return project


def build_sites(workdir: Path) -> dict[str, Path]:
    """Build our site (strict, as `make build`) and the baseline (not strict: macros stay text)."""
    ours = build(ROOT, workdir / "ours-site")
    if ours.returncode != 0:
        raise SystemExit(f"bench: our build failed:\n{ours.output}")
    project = baseline_project(workdir)
    baseline_site = workdir / "baseline-site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(baseline_site)],
        cwd=project,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
    )
    return {"ours": ours.site_dir, "baseline": baseline_site}


def bench_pages(site_dir: Path) -> dict[str, str]:
    """URL paths of the four pages we measure: home, a section, the guide start and an outcome."""
    html = (site_dir / GUIDE_PAGE).read_text(encoding="utf-8")
    outcomes = [
        step for step in guide_step_ids(site_dir) if f'id="{step}" data-step="outcome"' in html
    ]
    outcome = outcomes[0] if outcomes else (guide_step_ids(site_dir) or ["none"])[-1]
    return {
        "home": "",
        "section": SECTION_PAGE,
        "guide start": "guide/",
        "guide outcome": f"guide/#{outcome}",
    }


def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse from bench/package-lock.json when it is missing."""
    if LIGHTHOUSE.exists():
        return
    print("bench: installing Lighthouse 12.2.3 with npm ci (once)")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH_DIR, check=True)


def run_lighthouse(urls: dict[str, dict[str, str]], workdir: Path) -> list[dict[str, Any]]:
    """Lighthouse every (site, page, form factor) RUNS times, interleaving sites; summaries."""
    jobs = []
    for run in range(RUNS):
        for page in urls["ours"]:
            for form_factor in FORM_FACTORS:
                for site in urls:
                    out = workdir / f"lh-{site}-{page.replace(' ', '-')}-{form_factor}-{run}.json"
                    jobs.append(
                        {
                            "url": urls[site][page],
                            "formFactor": form_factor,
                            "out": str(out),
                            "site": site,
                            "page": page,
                            "run": run,
                        }
                    )
    jobs_file = workdir / "jobs.json"
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    env = {
        **os.environ,
        "CHROME_PATH": chromium_path(),
        "LH_CHROME_FLAGS": json.dumps(LIGHTHOUSE_CHROME_FLAGS),
    }
    subprocess.run(
        ["node", str(BENCH_DIR / "lighthouse-runner.mjs"), str(jobs_file)],
        cwd=BENCH_DIR,
        env=env,
        check=True,
    )
    return [{**job, **json.loads(Path(job["out"]).read_text(encoding="utf-8"))} for job in jobs]


def weigh_once(browser: Any, url: str, server_log: list[str]) -> dict[str, Any]:
    """Requests and bytes of one cold page load; other hosts are blocked and counted."""
    context = browser.new_context()
    outside: list[str] = []
    finished: list[Any] = []

    def route(route: Any) -> None:
        """Let loopback through; abort and count anything else."""
        if route.request.url.startswith(("http://127.0.0.1", "data:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("requestfinished", lambda request: finished.append(request))
    before = len(server_log)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(1000)  # a bench, not a test: let late requests (search index) land
    transferred = sum(
        sizes["responseBodySize"] + sizes["responseHeadersSize"]
        for sizes in (request.sizes() for request in finished if request.url.startswith("http"))
    )
    reached_server = len(server_log) - before
    context.close()
    return {"requests": reached_server + len(outside), "bytes": transferred, "outside": outside}


def weigh(browser: Any, url: str, server_log: list[str]) -> dict[str, Any]:
    """The median of three cold loads (a loaded machine can cut a load short)."""
    loads = sorted(
        (weigh_once(browser, url, server_log) for _ in range(RUNS)), key=lambda w: w["bytes"]
    )
    return loads[len(loads) // 2]


def time_guide_steps(browser: Any, guide_url: str, server_log: list[str]) -> dict[str, Any]:
    """Click through the guide's first answers; frames and ms until each new step is visible.

    Counts the requests that reached the server while moving (the browser may re-check the
    favicon from its cache on each address change; that is not a network request).
    """
    context = browser.new_context()
    page = context.new_page()
    page.goto(guide_url, wait_until="networkidle")
    before = len(server_log)
    result = page.evaluate(STEP_TIMING_JS)
    page.evaluate(SETTLE)
    context.close()
    return {**result, "requests_while_moving": server_log[before:]}


def guide_without_script(browser: Any, guide_url: str, step_ids: list[str]) -> dict[str, int]:
    """With JavaScript off, how many steps show when their address is opened (CSS :target)."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    shown = 0
    for step in step_ids:
        page.goto(f"{guide_url}#{step}", wait_until="load")
        shown += page.locator(f"[id='{step}']").is_visible()
    context.close()
    return {"steps": len(step_ids), "shown": shown}


def own_assets_gzip(site_dir: Path) -> dict[str, int]:
    """Gzip size of each CSS and JS file we maintain (under overrides/), as served."""
    sizes = {}
    for source in sorted((ROOT / "overrides").rglob("*")):
        if source.suffix in OWN_ASSET_SUFFIXES:
            built = site_dir / source.relative_to(ROOT / "overrides")
            if built.is_file():
                sizes[built.name] = len(gzip.compress(built.read_bytes(), compresslevel=6))
    return sizes


def median_of(results: list[dict[str, Any]], key: str) -> float:
    """Median of one score or metric over runs."""
    values = [r["scores"][key] if key in r["scores"] else r["metrics"][key] for r in results]
    return statistics.median(values)


def summarise(lighthouse: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians per site, page and form factor."""
    keys = ["performance", "accessibility", "best-practices", "seo",
            "first-contentful-paint", "largest-contentful-paint", "total-byte-weight"]  # fmt: skip
    summary: dict[str, Any] = {}
    for result in lighthouse:
        group = summary.setdefault(result["page"], {}).setdefault(result["formFactor"], {})
        group.setdefault(result["site"], []).append(result)
    for page in summary.values():
        for form_factor, by_site in page.items():
            page[form_factor] = {
                site: {key: median_of(runs, key) for key in keys}
                | {"failing": sorted(set().union(*(r["failing"] for r in runs)))}
                for site, runs in by_site.items()
            }
    return summary


def ratio(ours: float, baseline: float) -> str:
    """Ours / baseline as text."""
    return f"{ours / baseline:.2f}" if baseline else "n/a"


def print_table(summary: dict[str, Any], weights: dict[str, Any]) -> list[str]:
    """Print the side-by-side table (Markdown, so README can show it) and return its lines."""
    lines = [
        "| Page | Form | Perf | A11y | BP | SEO | FCP s | LCP s | FCP ratio | LCP ratio |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page, by_form in summary.items():
        for form_factor, sites in by_form.items():
            ours, base = sites["ours"], sites["baseline"]
            scores = [
                f"{ours[k]:.0f} / {base[k]:.0f}"
                for k in ("performance", "accessibility", "best-practices", "seo")
            ]
            fcp, lcp = "first-contentful-paint", "largest-contentful-paint"
            lines.append(
                f"| {page} | {form_factor} | {' | '.join(scores)} | "
                f"{ours[fcp] / 1000:.2f} / {base[fcp] / 1000:.2f} | "
                f"{ours[lcp] / 1000:.2f} / {base[lcp] / 1000:.2f} | "
                f"{ratio(ours[fcp], base[fcp])} | {ratio(ours[lcp], base[lcp])} |"
            )
    lines += [
        "",
        "| Page | Requests | KB transferred | Ratio | Blocked off-site requests |",
        "| --- | --- | --- | --- | --- |",
    ]
    for page in weights["ours"]:
        ours, base = weights["ours"][page], weights["baseline"][page]
        lines.append(
            f"| {page} | {ours['requests']} / {base['requests']} | "
            f"{ours['bytes'] / 1024:.1f} / {base['bytes'] / 1024:.1f} | "
            f"{ratio(ours['bytes'], base['bytes'])} | "
            f"{len(ours['outside'])} / {len(base['outside'])} |"
        )
    print("\n".join(lines))
    return lines


def main() -> None:
    """Run the whole comparison and print the results."""
    started = time.monotonic()
    from playwright.sync_api import sync_playwright

    ensure_lighthouse()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wtiw-bench-") as tmp:
        workdir = Path(tmp)
        sites = build_sites(workdir)
        print("bench: built our site and the default-Material baseline")
        with (
            serve_like_pages(sites["ours"]) as (ours_url, server_log),
            serve_like_pages(sites["baseline"]) as (base_url, base_log),
        ):
            base_urls = {"ours": ours_url, "baseline": base_url}
            logs = {"ours": server_log, "baseline": base_log}
            pages = bench_pages(sites["ours"])
            urls = {site: {name: base + path for name, path in pages.items()}
                    for site, base in base_urls.items()}  # fmt: skip
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium_path(), args=LAUNCH_ARGS, headless=True
                )
                weights = {
                    site: {name: weigh(browser, url, logs[site]) for name, url in by_page.items()}
                    for site, by_page in urls.items()
                }
                steps = time_guide_steps(browser, urls["ours"]["guide start"], server_log)
                no_script = guide_without_script(
                    browser, urls["ours"]["guide start"], guide_step_ids(sites["ours"])
                )
                browser.close()
            lighthouse = run_lighthouse(urls, workdir)
        own = own_assets_gzip(sites["ours"])
    summary = summarise(lighthouse)
    print()
    print(f"Lighthouse 12.2.3, medians of {RUNS} runs: ours / default Material")
    table = print_table(summary, weights)
    print()
    print(f"Our own CSS + JS, gzip: {sum(own.values()) / 1024:.1f} KB "
          f"({', '.join(f'{name} {size}' for name, size in own.items())})")  # fmt: skip
    print(
        f"Guide: next step visible after {steps['frames']} frame(s) "
        f"(median {steps['median_ms']:.1f} ms over {len(steps['steps'])} moves); "
        f"network requests while moving: {len(steps['requests_while_moving'])}"
    )
    print(
        f"Guide with JavaScript off: {no_script['shown']} of {no_script['steps']} steps show "
        "when their address is opened"
    )
    elapsed = time.monotonic() - started
    print(f"bench: site comparison took {elapsed / 60:.1f} min")
    record = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "pages": pages,
        "lighthouse": lighthouse,
        "summary": summary,
        "weights": weights,
        "own_assets_gzip": own,
        "guide_steps": steps,
        "guide_without_script": no_script,
        "table": table,
        "seconds": round(elapsed),
    }
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for name in (f"site-{stamp}.json", "site-latest.json"):
        (ARTIFACTS / name).write_text(json.dumps(record, indent=2), encoding="utf-8")
    print(f"bench: JSON saved to {ARTIFACTS.relative_to(ROOT)}/site-latest.json")
