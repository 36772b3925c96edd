"""Safety-language rules for everything a reader reads: the guide's steps and every page.

A reader of this site may be tired, upset or at risk. Four kinds of wording can hurt them:

- **orders**: "you must", "the only option" push one choice on someone who needs options;
- **promises**: "this will help", "guaranteed" promise results no one can promise, and a
  reader let down by a promise may lose hope in all help;
- **unconditional reassurance**: "nothing to worry about", "you will be fine" can keep a
  reader who is getting worse from seeking help;
- **method detail**: naming ways to hurt oneself (overdose, hanging) can raise the risk for
  a reader in crisis, so Samaritans' media guidelines advise against it.

The rules live here once: `guide/lint.py` reports them at a line of `guide.yaml`
(`make check-guide`), and `tests/test_content_safety_language.py` runs them on the prose of
every built page. Each rule says why, and how to fix it, in its message.

    >>> [finding.phrase for finding in findings("Therapy will help you. Is it working?")]
    ['will help']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from wtiw.core.readability import sentences

# Words that make a "will" a doubt, a wish or a denial, not a promise, when they come just
# before it: "whether therapy will help", "nothing will help", "can't promise it will work".
_NOT_A_PROMISE = frozenset(
    {"whether", "if", "nothing", "never", "not", "no", "can't", "cannot", "won't", "promise"}
    | {"doubt", "wonder", "worry", "worried", "afraid", "fear", "scared", "hope", "unsure"}
)
# How many words before a "will", in its own clause, are searched for those words. A clause
# starts after a comma, so "If you keep going, it will help" is still a promise.
_LOOK_BACK = 5
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")


def _words(*alternatives: str) -> re.Pattern[str]:
    """One pattern matching any alternative as whole words, in any case, across any spacing.

    A space in an alternative matches any run of spaces or a line break.
    """
    joined = "|".join(alternative.replace(" ", r"\s+") for alternative in alternatives)
    return re.compile(rf"(?<![\w-])(?:{joined})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """One kind of harmful wording: how to find it, and why and how to change it."""

    name: str
    patterns: tuple[re.Pattern[str], ...]
    why: str
    # Orders, promises and reassurance are statements: a question ("Will this help?") asks
    # rather than claims, so questions are skipped. Method words are reported anywhere.
    skips_questions: bool = True
    # Also checked in the reader's own words (the guide's answers and questions to ask).
    in_readers_words: bool = False
    # A match this returns True for is not a problem (see `_is_hedged`).
    excuse: Callable[[str, re.Match[str]], bool] | None = None


@dataclass(frozen=True)
class Finding:
    """One use of harmful wording: the rule, the words as written, and the sentence."""

    rule: Rule
    phrase: str
    sentence: str

    @property
    def message(self) -> str:
        """What is wrong, why, and how to fix it, for an editor."""
        return f'avoid "{self.phrase}": {self.rule.why}'


def _hedged_by(doubts: frozenset[str]) -> Callable[[str, re.Match[str]], bool]:
    """An excuse: True when a promise-shaped match has one of `doubts` in or just before it."""

    def hedged(sentence: str, match: re.Match[str]) -> bool:
        clause = _CLAUSE_BREAK.split(sentence[: match.start()])[-1]
        before = re.findall(r"[\w']+", clause.casefold().replace("\u2019", "'"))
        inside = re.findall(r"[\w']+", match.group().casefold().replace("\u2019", "'"))
        return bool(doubts & {*before[-_LOOK_BACK:], *inside})

    return hedged


# True when a promise-shaped "will" is negated, doubted or wished, not promised.
_is_hedged = _hedged_by(_NOT_A_PROMISE)


ORDERS = Rule(
    "orders",
    (_words("you must", "you should always", "the only answer", "the only option"),),
    "it pushes one option as the only answer. Offer a choice instead, with words such as "
    '"you could" or "one option is".',
)

# "will" (or "'ll") then at most three words, then a result: "this will help", "you will
# soon feel better", "it'll pass". "work on/with/through" is a plan, not a result, and "pass"
# must end its clause ("it will pass", not "we will pass on your message").
_RESULT = (
    r"(?:helps?|work(?:s|ing)?(?!\s+(?:on|with|through|together|at|out|in)\b)|"
    r"feel\s+better|get\s+better|improve|fix|cure|heal|recover|solve|disappear|go\s+away|"
    r"pass(?=\s*(?:[.,;:!)]|$)))"
)
PROMISES = Rule(
    "promises",
    (
        re.compile(
            rf"(?<![\w-])(?:will|\w+['\u2019]ll)(?:\s+[\w'\u2019-]+){{0,3}}?\s+{_RESULT}(?![\w-])",
            re.IGNORECASE,
        ),
        _words("guaranteed?", "guarantees", "always works?", "always helps?", "definitely"),
    ),
    "it promises a result no one can promise, and a reader let down by a promise may lose "
    'hope. Say what may help instead, with words such as "this often helps" or "it may '
    'help".',
    excuse=_is_hedged,
)

REASSURANCE = Rule(
    "reassurance",
    (
        _words(
            "nothing to worry about",
            "no need to worry",
            "nothing is wrong",
            "there is nothing wrong",
            r"(?:does not|doesn't|doesn\u2019t) mean (?:that )?(?:something|anything) is wrong",
            r"(?:will|\w+['\u2019]ll)(?: [\w'\u2019]+){0,2}? be (?:fine|okay|ok|all right|alright)",
            r"(?:fine|okay|ok|normal|natural) to (?:feel|get) worse",
            r"usually (?:eases?|passes|pass|settles?|goes away|go away) within",
            r"(?:completely|perfectly|totally|entirely) safe",
        ),
    ),
    "it reassures without conditions about feeling worse or about risk, which can keep a "
    "reader who is getting worse from seeking help. Say what is common and when to get help, "
    'for example "Many people feel worse for a while. If you feel unsafe, get help now."',
)

METHODS = Rule(
    "methods",
    (
        _words(
            r"overdos(?:e|es|ed|ing)",
            "hanging",
            r"hang(?:ed)? (?:yourself|myself|themselves|himself|herself)",
            r"nooses?",
            r"ligatures?",
            r"(?:pills|tablets) to (?:end|die|kill)",
            r"how many (?:pills|tablets)",
            r"(?:lethal|fatal|deadly) doses?",
            r"jump(?:s|ed|ing)? (?:off|from|in front of)(?: \w+){0,2}? "
            r"(?:bridges?|buildings?|roofs?|cliffs?|windows?|heights?|balcon(?:y|ies)|trains?)",
            r"in front of (?:a|the) (?:train|car|bus|lorry|truck)",
            r"cut(?:s|ting)? (?:yourself|myself|themselves|himself|herself)",
            r"cut(?:s|ting)? (?:your|my|their|his|her) (?:arms?|wrists?|skin|legs?)",
            r"cutting(?![\s-]+(?:down|back|out|off|in|up|through|ties|edge|corners)\b)",
            r"slit(?:s|ting)?",
            r"burn(?:s|ed|ing)? (?:yourself|myself|themselves|himself|herself)(?!\s+out\b)",
            r"poison(?:s|ed|ing)?",
            r"stockpil(?:e|es|ed|ing)",
            "carbon monoxide",
            r"suffocat(?:e|es|ed|ing|ion)",
            r"shoot(?:ing)? (?:yourself|myself|themselves|himself|herself)",
        ),
    ),
    "it names a method of self-harm or suicide. Samaritans' media guidelines advise against "
    "any method detail, because it can raise the risk for a reader in crisis. Talk about "
    'safety without naming how, for example "keep away from anything you could use to hurt '
    'yourself". If the word means something else here, choose another one: a reader in '
    "crisis may still read it that way.",
    skips_questions=False,
    in_readers_words=True,
)

RULES: tuple[Rule, ...] = (ORDERS, PROMISES, REASSURANCE, METHODS)

# ── Spanish (the Spanish edition's pages and guide words) ───────────────────────────────
# The same four kinds of wording, in the Spanish the site writes (tú, neutral Spanish). A
# rule's message is for the editor: it says why in English and how in Spanish words.

# Words that make a future tense a doubt, a wish or a denial: "no sabes si te ayudará",
# "temes que nada funcionará", "nadie puede prometer que funcionará".
_NO_ES_PROMESA = frozenset(
    {"si", "no", "nada", "nunca", "nadie", "ni", "quizá", "quizás", "ojalá", "prometer"}
    | {"dudas", "duda", "temes", "miedo", "preocupa", "esperas", "espero", "saber", "sabes"}
    | {"pregunta", "pregúntate", "preguntarte", "puede", "pueda", "podría", "tal"}
)

ORDENES = Rule(
    "orders (es)",
    (
        _words(
            r"debes(?!\x20de\b)",
            "siempre deberías",
            r"la única (?:respuesta|opción|salida|solución)",
            "lo único que puedes hacer",
        ),
    ),
    "it pushes one option as the only answer. Offer a choice instead, with words such as "
    '"puedes" or "una opción es".',
    # "No debes", "Ninguna es la única respuesta": a denial, not an order.
    excuse=_hedged_by(frozenset({"no", "ni", "nunca", "ninguna", "ninguno", "nada"})),
)

# A result in the future: "te ayudará", "va a funcionar", "te sentirás mejor", "se pasará".
_RESULTADO = (
    r"(?:ayudar(?:á|án)|funcionar(?:á|án)|mejorar(?:á|án|ás)|curar(?:á|án)|"
    r"arreglar(?:á|án)|solucionar(?:á|án)|desaparecer(?:á|án)|pasar(?:á|án)(?=\s*(?:[.,;:!)]|$))|"
    r"sentirás\s+mejor|te\s+(?:vas|va)\s+a\s+sentir\s+mejor|"
    r"vas?\s+a\s+(?:ayudar|funcionar|mejorar|curar|arreglar|pasar(?=\s*(?:[.,;:!)]|$)))|"
    r"vas\s+a\s+sentirte\s+mejor)"
)
PROMESAS = Rule(
    "promises (es)",
    (
        re.compile(rf"(?<![\w-]){_RESULTADO}(?![\w-])", re.IGNORECASE),
        _words(
            r"te (?:lo )?prometo",
            r"prometemos",
            r"garantiz(?:a|an|ado|ada|ados|adas|amos)",
            r"garantía",
            r"siempre (?:funciona|funcionan|ayuda|ayudan|sirve|sirven)",
            r"seguro que",
            "sin duda",
            r"definitivamente",
            "con toda seguridad",
        ),
    ),
    "it promises a result no one can promise, and a reader let down by a promise may lose "
    'hope. Say what may help instead, with words such as "a menudo ayuda" or "puede '
    'ayudar".',
    excuse=_hedged_by(_NO_ES_PROMESA),
)

TRANQUILIZAR = Rule(
    "reassurance (es)",
    (
        _words(
            r"todo (?:va a salir|saldrá|va a ir|irá) bien",
            r"no (?:hay|tienes) (?:nada )?(?:de |por )?qu[eé] preocupar(?:se|te)",
            "no te preocupes",
            "no pasa nada",
            r"no (?:hay|tienes) nada (?:malo|mal)",
            r"no significa que (?:algo|nada) (?:vaya|esté|ande) mal",
            r"(?:estarás|vas a estar|estará|va a estar) bien",
            r"(?:normal|natural|bien) (?:sentirte|sentirse|ponerte|ponerse|estar) peor",
            r"normal empeorar",
            r"suele (?:pasar(?:se)?|desaparecer|calmarse|mejorar|irse) (?:en menos de|antes de)",
            r"(?:completamente|totalmente|perfectamente|del todo) segur[oa]s?",
        ),
    ),
    "it reassures without conditions about feeling worse or about risk, which can keep a "
    "reader who is getting worse from seeking help. Say what is common and when to get help, "
    'for example "Mucha gente se siente peor un tiempo. Si no te sientes a salvo, busca '
    'ayuda ahora."',
)

_REFLEXIVO = r"(?:te|se|me)"
METODOS = Rule(
    "methods (es)",
    (
        _words(
            r"sobredosis",
            rf"ahorc(?:ar{_REFLEXIVO}?|arte|arse|amiento|ado|ada)",
            r"sogas?",
            r"ligaduras?",
            r"pastillas para (?:morir|matarte|matarse|acabar)",
            r"cuántas (?:pastillas|tabletas)",
            r"dosis (?:letal|letales|mortal|mortales)",
            rf"(?:tirar|lanzar|arrojar){_REFLEXIVO} (?:de|desde|por|a|al|delante)",
            r"saltar (?:de|desde) (?:un|una|el|la|los|las) (?:puente|edificio|azotea|tejado|"
            r"ventana|balcón|acantilado|altura)",
            r"delante de (?:un|el) (?:tren|coche|autobús|camión)",
            rf"cortar{_REFLEXIVO}",
            r"cortes en (?:los|las|la|tu|tus|el) (?:brazos?|muñecas?|piel|piernas?)",
            r"(?:las|tus) venas",
            rf"quemar{_REFLEXIVO} (?:la|los|las|con)",
            r"venenos?",
            rf"envenen(?:ar{_REFLEXIVO}?|amiento)",
            r"acumular (?:pastillas|medicamentos|medicinas)",
            r"monóxido de carbono",
            rf"asfixi(?:ar{_REFLEXIVO}?|a)",
            rf"disparar{_REFLEXIVO}",
            r"pegar(?:te|se) un tiro",
        ),
    ),
    "it names a method of self-harm or suicide. Samaritans' media guidelines advise against "
    "any method detail, because it can raise the risk for a reader in crisis. Talk about "
    'safety without naming how, for example "aléjate de cualquier cosa que puedas usar para '
    'hacerte daño". If the word means something else here, choose another one: a reader in '
    "crisis may still read it that way.",
    skips_questions=False,
    in_readers_words=True,
)

SPANISH_RULES: tuple[Rule, ...] = (ORDENES, PROMESAS, TRANQUILIZAR, METODOS)
# Each edition's rules, by its language (`theme.language`).
RULES_BY_LANGUAGE: dict[str, tuple[Rule, ...]] = {"en": RULES, "es": SPANISH_RULES}


def findings(text: str, *, readers_words: bool = False, language: str = "en") -> list[Finding]:
    """Every use of harmful wording in `text`, sentence by sentence, in text order.

    `readers_words` is for text in the reader's own voice (the guide's answers and questions
    to ask): there only the rules meant for it apply, so "Is this the only option?" is fine.
    `language` picks the edition's rules (`RULES_BY_LANGUAGE`).
    """
    found = []
    for sentence in sentences(text):
        question = sentence.rstrip("\"')\u201d\u2019\u00bb").endswith("?")
        for rule in RULES_BY_LANGUAGE[language]:
            skipped = question and rule.skips_questions
            if skipped or (readers_words and not rule.in_readers_words):
                continue
            # Each stretch of a sentence is reported once per rule ("will definitely fix").
            taken: list[range] = []
            for pattern in rule.patterns:
                for match in pattern.finditer(sentence):
                    span = range(*match.span())
                    if any(set(span) & set(other) for other in taken):
                        continue
                    if rule.excuse and rule.excuse(sentence, match):
                        continue
                    taken.append(span)
                    found.append(Finding(rule, " ".join(match.group().split()), sentence))
    return found
