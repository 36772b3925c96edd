"""Problems found in a source file, reported as ``FILE:LINE:COLUMN: message`` lines.

Every check (guide tree, page front matter, data files) collects `Problem`s instead of
stopping at the first one, so an editor sees everything that is wrong at once; `InputError`
carries them all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a source file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """Format the problem the way compilers do, so editors can jump to it."""
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class InputError(Exception):
    """A source file cannot be used; `problems` lists every reason, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems sorted by position so the output reads top to bottom."""
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(problem) for problem in self.problems))


def plural(count: int, noun: str) -> str:
    """`count` with its noun, plural unless exactly one: the way every summary line counts."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
