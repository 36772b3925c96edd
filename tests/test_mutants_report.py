"""`make mutants` counts what it claims: keys, equivalents, killed and survived per module.

The README's mutation figures come from bench/mutants.py; these tests pin its arithmetic and
its reading of the equivalents file on small, written-out inputs (no mutmut run).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.mutants import equivalents, function_of, row, tally


@pytest.mark.parametrize(
    ("name", "function"),
    [
        ("wtiw.crisis.numbers.x__service__mutmut_12", "wtiw.crisis.numbers._service"),
        ("wtiw.embed.oembed.x_to_json__mutmut_3", "wtiw.embed.oembed.to_json"),
        (
            "wtiw.postbuild.csp.xǁ_ScriptParserǁ__init____mutmut_1",
            "wtiw.postbuild.csp._ScriptParser.__init__",
        ),
    ],
)
def test_a_mutant_is_named_by_its_module_and_function(name: str, function: str):
    assert function_of(name) == function


def test_equivalents_are_read_by_key_and_a_line_without_a_reason_is_refused(tmp_path: Path):
    listed = tmp_path / "equivalent.txt"
    listed.write_text(
        "# a comment || not an entry\n\nwtiw.a.f: x = g(n=2) || only the best match is read\n",
        encoding="utf-8",
    )
    assert equivalents(listed) == {"wtiw.a.f: x = g(n=2)": "only the best match is read"}
    listed.write_text("wtiw.a.f: x = g(n=2)\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"^equivalent.txt:1: write `module.function"):
        equivalents(listed)


def test_only_a_listed_survivor_is_equivalent_and_timeouts_count_as_killed():
    lines = [
        "    wtiw.a.x_f__mutmut_1: killed",
        "    wtiw.a.x_f__mutmut_2: survived",
        "    wtiw.a.x_f__mutmut_3: survived",
        "    wtiw.a.x_f__mutmut_4: timeout",
        "    wtiw.b.x_g__mutmut_1: not checked",
        "a line that is not a result",
    ]
    keys = {"wtiw.a.x_f__mutmut_2": "wtiw.a.f: listed", "wtiw.a.x_f__mutmut_3": "wtiw.a.f: other"}
    counts = tally(lines, {"wtiw.a.f: listed": "why"}, keys)
    assert counts == {
        "wtiw.a": Counter({"killed": 1, "equivalent": 1, "survived": 1, "timeout": 1}),
        "wtiw.b": Counter({"not checked": 1}),
    }
    assert row("wtiw.a", counts["wtiw.a"]) == "| wtiw.a | 4 | 4 | 2 | 1 | 1 | 0 | 75% (under 90%) |"
    assert row("wtiw.b", counts["wtiw.b"]) == "| wtiw.b | 1 | 0 | 0 | 0 | 0 | 0 | 0% (under 90%) |"
