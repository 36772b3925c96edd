"""Every rule that refuses a bad guide, options, crisis-numbers or page file, in one list.

A rule is what one checking function (or one safety-language pattern) refuses. Each names the
command that runs it: `python -m wtiw check` (`make check-guide`; the build runs the same
check before any page) or only `mkdocs build --strict` (`make build`: page front matter and
page content, which need the pages MkDocs reads). `tests/test_rules.py` walks this list with
a fixture per rule that breaks that rule alone, and proves that the real command fails with
the rule's message; it also finds every function in `SCOPE` that makes a problem, so a rule
that is added but not listed here, or listed without a fixture, fails the suite.

    >>> next(rule for rule in RULES if rule.id == "guide-loop").finder
    'wtiw.guide.validate:_check_graph'
"""

from __future__ import annotations

from dataclasses import dataclass

CHECK = "python -m wtiw check"
BUILD = "mkdocs build --strict"

# The modules whose problems are rules of this list: every function in them that makes a
# problem (`.problem(`, `Problem(`, `ContentFinding(`, `Finding(`, front matter's `_at(`) is
# a finder.
SCOPE = (
    "wtiw.guide.structure",
    "wtiw.guide.validate",
    "wtiw.guide.options",
    "wtiw.guide.page_links",
    "wtiw.guide.approved",
    "wtiw.guide.lint",
    "wtiw.guide.wording_lint",
    "wtiw.core.wording",
    "wtiw.crisis.numbers",
    "wtiw.core.safety_language",
    "wtiw.pages.front_matter",
    "wtiw.pages.content_html",
)
# Functions in `SCOPE` that make problems for the rules below, and are no rule of their own.
HELPERS = {
    "wtiw.pages.front_matter:_at": "places a front-matter problem for the checks that call it",
    "wtiw.guide.approved:_first_difference": "words the route difference `_route_problems` names",
    "wtiw.crisis.numbers:_due": "a warning that numbers are due a check: it never fails",
    "wtiw.core.safety_language:findings": "applies the safety-language patterns listed here",
}


@dataclass(frozen=True)
class Rule:
    """One rule: its id, the command that runs it, the function or pattern that finds it."""

    id: str
    command: str
    finder: str
    refuses: str


def _rules(command: str, finder: str, *rules: tuple[str, str]) -> list[Rule]:
    """The rules one finder reports, each `(id, what it refuses)`."""
    return [Rule(rule_id, command, finder, refuses) for rule_id, refuses in rules]


GUIDE = "wtiw.guide"
RULES: tuple[Rule, ...] = (
    *_rules(CHECK, f"{GUIDE}.structure:_explain",
            ("guide-schema", "a field the guide's schema does not allow, or of the wrong type"),
            ("plain-text", "HTML, Markdown, Jinja or an entity in a text field")),
    *_rules(CHECK, f"{GUIDE}.validate:_build_tree", ("guide-step-ids", "two steps with one id")),
    *_rules(CHECK, f"{GUIDE}.validate:_check_answers",
            ("guide-answer-keys", "two answers with one key"),
            ("guide-next-step", "an answer leading to no step")),
    *_rules(CHECK, f"{GUIDE}.validate:_check_graph", ("guide-loop", "a loop or a lost step")),
    *_rules(CHECK, f"{GUIDE}.validate:_check_numbers",
            ("guide-numbers", "an outcome naming a list of numbers that does not exist")),
    *_rules(CHECK, f"{GUIDE}.page_links:_check_outcome",
            ("guide-links", "an outcome linking to a missing page or section")),
    *_rules(CHECK, f"{GUIDE}.options:_build", ("options-ids", "two values or options, one id")),
    *_rules(CHECK, f"{GUIDE}.options:_check_references",
            ("options-references", "an option naming an unknown answer or value")),
    *_rules(CHECK, f"{GUIDE}.options:check_option_ids",
            ("outcome-options", "an outcome offering an option that does not exist")),
    *_rules(CHECK, f"{GUIDE}.options:check_answer_refs",
            ("not-right-for-answers", "an option's not_right_for naming an unknown answer")),
    *_rules(CHECK, f"{GUIDE}.options:check_outcome_matters",
            ("outcome-matters", "an outcome naming a value or constraint that does not exist")),
    *_rules(CHECK, f"{GUIDE}.options:check_option_pages",
            ("option-pages", "an option linking to a missing page or section")),
    *_rules(CHECK, f"{GUIDE}.lint:check_harm_routes",
            ("harm-routes", "words for a harmed reader to deal with that therapist")),
    *_rules(CHECK, f"{GUIDE}.options:check_not_right_for",
            ("not-right-for", "an option offered to a path it is not right for")),
    *_rules(CHECK, f"{GUIDE}.options:check_constraint_answers",
            ("constraint-outcomes", "a constraint's answer leading where others lead too")),
    *_rules(CHECK, f"{GUIDE}.approved:_step_problems",
            ("approved-steps", "a step added or removed without approving the routes")),
    *_rules(CHECK, f"{GUIDE}.approved:_route_problems",
            ("approved-routes", "an answer moved without approving the routes")),
    *_rules(CHECK, f"{GUIDE}.lint:check_not_sure", ("not-sure", "a question without not-sure")),
    *_rules(CHECK, f"{GUIDE}.lint:check_not_sure_is_helped",
            ("not-sure-is-helped", "not-sure leading straight to a suggestion")),
    *_rules(CHECK, f"{GUIDE}.lint:check_safety_language",
            ("guide-safety-language", "safety language broken in a step's words")),
    *_rules(CHECK, "wtiw.core.safety_language:ORDERS", ("orders", "telling the reader what to do")),
    *_rules(CHECK, "wtiw.core.safety_language:PROMISES", ("promises", "promising a result")),
    *_rules(CHECK, "wtiw.core.safety_language:REASSURANCE",
            ("reassurance", "reassurance without conditions")),
    *_rules(CHECK, "wtiw.core.safety_language:METHODS", ("methods", "naming a self-harm method")),
    *_rules(CHECK, f"{GUIDE}.lint:check_sentence_length", ("sentence-length", "a long sentence")),
    *_rules(CHECK, f"{GUIDE}.lint:check_reading_grade", ("reading-grade", "a step over grade 6")),
    *_rules(CHECK, f"{GUIDE}.options:check_outcome_options",
            ("options-per-outcome", "an outcome weighing fewer than two options")),
    *_rules(CHECK, f"{GUIDE}.options:check_constraint_paths",
            ("cant-switch-first", "switching suggested first to a reader who cannot switch")),
    *_rules(CHECK, f"{GUIDE}.options:check_matters_matter",
            ("matters-matter", "a value or constraint an outcome shows but nothing uses")),
    *_rules(CHECK, f"{GUIDE}.options:check_balance",
            ("options-balance", "benefits and downsides far apart in words")),
    *_rules(CHECK, f"{GUIDE}.options:check_option_language",
            ("options-safety-language", "safety language broken in an option's words")),
    *_rules(CHECK, f"{GUIDE}.options:check_option_grade",
            ("options-reading-grade", "an option over grade 6")),
    # ── The Spanish words of the guide and options (docs/_data/es/), at their own lines ──
    *_rules(CHECK, "wtiw.core.wording:_compare",
            ("es-wording-drift", "a step, answer, option or text in one language only")),
    *_rules(CHECK, f"{GUIDE}.wording_lint:check_wording_language",
            ("es-safety-language", "safety language broken in the Spanish words")),
    *_rules(CHECK, "wtiw.core.safety_language:ORDENES", ("es-orders", "an order, in Spanish")),
    *_rules(CHECK, "wtiw.core.safety_language:PROMESAS", ("es-promises", "a promise, in Spanish")),
    *_rules(CHECK, "wtiw.core.safety_language:TRANQUILIZAR",
            ("es-reassurance", "reassurance without conditions, in Spanish")),
    *_rules(CHECK, "wtiw.core.safety_language:METODOS",
            ("es-methods", "naming a self-harm method, in Spanish")),
    *_rules(CHECK, f"{GUIDE}.wording_lint:check_wording_sentences",
            ("es-sentence-length", "a long Spanish sentence")),
    *_rules(CHECK, f"{GUIDE}.wording_lint:_ease_problem",
            ("es-reading-ease", "a step or option under INFLESZ 65")),
    *_rules(CHECK, f"{GUIDE}.wording_lint:check_wording_balance",
            ("es-options-balance", "Spanish benefits and downsides far apart in words")),
    *_rules(CHECK, f"{GUIDE}.wording_lint:check_wording_harm",
            ("es-harm-routes", "Spanish words for a harmed reader to deal with that therapist")),
    *_rules(CHECK, "wtiw.crisis.numbers:_service",
            ("crisis-number", "a crisis number that is not a dialable number"),
            ("crisis-keyword", "a text keyword that is not one word"),
            ("crisis-plain-text", "markup in a service's words")),
    *_rules(CHECK, "wtiw.crisis.numbers:_checked",
            ("crisis-checked", "numbers last checked over a year ago, or in the future")),
    *_rules(CHECK, "wtiw.crisis.numbers:parse_crisis_help",
            ("crisis-lists", "a list naming a service that does not exist")),
    *_rules(BUILD, "wtiw.pages.front_matter:_check_text",
            ("page-title", "a page without a title, or one that breaks the head")),
    *_rules(BUILD, "wtiw.pages.front_matter:_check_description",
            ("page-description", "a description longer than search results show")),
    *_rules(BUILD, "wtiw.pages.front_matter:_check_dates",
            ("page-review-dates", "review dates out of order or over a year apart")),
    *_rules(BUILD, "wtiw.pages.front_matter:_check_sources",
            ("page-sources", "a page without sources")),
    *_rules(BUILD, "wtiw.pages.front_matter:_check_source",
            ("page-source-url", "a source that is not https://")),
    *_rules(BUILD, "wtiw.pages.front_matter:_check_clinical_review",
            ("page-clinical-review", "a clinical review missing a field")),
    *_rules(BUILD, "wtiw.pages.front_matter:_check_fields",
            ("page-fields", "an unknown front-matter field")),
    *_rules(BUILD, "wtiw.pages.front_matter:_front_matter_text",
            ("page-front-matter-closed", "front matter without its closing line")),
    *_rules(BUILD, "wtiw.pages.front_matter:read_front_matter",
            ("page-front-matter-fields", "front matter that is not `name: value` lines")),
    *_rules(BUILD, "wtiw.pages.content_html:_element_findings",
            ("page-element", "an element the page allowlist does not have"),
            ("page-attribute", "an attribute the page allowlist does not have"),
            ("page-javascript-url", "a javascript: address")),
)  # fmt: skip
