"""Benchmark the guide engine on synthetic trees of 10 to 10,000 steps (`make bench`).

Prints, for each size: the YAML size, the time to parse and validate it, the time to render
the guide and its map (with the SVG diagram), and the HTML size, each also per step, so
that linear growth is visible at a glance. Figures only: this never fails on a number.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import yaml

from wtiw.guide.graph import summarise
from wtiw.guide.render import GuideContext, render_guide, render_map
from wtiw.guide.validate import tree_from_text

SIZES = (10, 100, 1_000, 10_000)
CONTEXT = GuideContext(page_url="guide/", site_url="https://example.org/", with_qr_codes=False)


def synthetic_tree(steps: int) -> str:
    """YAML for a valid tree of `steps` steps: a spine of questions, each with three answers."""
    questions = steps // 2
    outcomes = steps - questions
    items: list[dict[str, Any]] = []
    for index in range(questions):
        targets = [f"q{index + 1}" if index + 1 < questions else f"o{outcomes - 1}"]
        targets += [f"o{(2 * index) % outcomes}", f"o{(2 * index + 1) % outcomes}"]
        items.append(
            {
                "id": f"q{index}",
                "type": "question",
                "title": f"Question number {index}: how are things going this week?",
                "answers": [
                    {"key": f"a{n}", "label": f"Answer {n} to question {index}", "next": target}
                    for n, target in enumerate(targets)
                ],
            }
        )
    for index in range(outcomes):
        items.append(
            {
                "id": f"o{index}",
                "type": "outcome",
                "title": f"Suggestion number {index}",
                "meaning": "What this may mean, in a short paragraph of plain words.",
                "try": ["Something small to try this week.", "Another thing to try."],
                "ask": ["A question for your next session?"],
                "links": [{"page": "help-now.md", "text": "Need help now?"}],
            }
        )
    return yaml.safe_dump({"start": "q0", "steps": items}, sort_keys=False)


def best_of(repeats: int, action: Callable[[], Any]) -> tuple[float, Any]:
    """Run `action` `repeats` times; return the fastest time in seconds and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeats):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    """Print one row per tree size."""
    print("Guide engine: parse + validate, and render (guide + map + SVG diagram)")
    header = (
        f"{'steps':>7} {'YAML KB':>8} {'paths':>8} {'validate ms':>12} {'µs/step':>8} "
        f"{'render ms':>10} {'µs/step':>8} {'HTML KB':>8} {'B/step':>7}"
    )
    print(header)
    print("-" * len(header))
    for steps in SIZES:
        text = synthetic_tree(steps)
        repeats = 3 if steps <= 1_000 else 1
        validate_s, tree = best_of(repeats, lambda text=text: tree_from_text(text, label="bench"))
        render_s, html = best_of(
            repeats, lambda tree=tree: render_guide(tree, CONTEXT) + render_map(tree, CONTEXT)
        )
        paths = summarise(tree).paths
        print(
            f"{steps:>7,} {len(text) / 1024:>8.0f} {paths:>8.1e} {validate_s * 1000:>12.1f} "
            f"{validate_s / steps * 1e6:>8.0f} {render_s * 1000:>10.1f} "
            f"{render_s / steps * 1e6:>8.0f} {len(html) / 1024:>8.0f} {len(html) / steps:>7.0f}"
        )
    print("Linear growth: the per-step columns stay roughly flat as the tree grows.")


if __name__ == "__main__":
    main()
