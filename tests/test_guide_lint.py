"""Editorial lint of the guide (src/wtiw/guide/lint.py).

The shipped guide passes every rule, and each rule reports a small broken tree at the line
of the offending field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wtiw.core.problems import InputError, Problem
from wtiw.core.readability import MAX_GRADE, sentences
from wtiw.core.safety_language import METHODS, ORDERS, PROMISES, REASSURANCE, Rule
from wtiw.core.site import PROJECT
from wtiw.core.yaml_reader import Document, load_document, parse_document
from wtiw.guide.lint import (
    HARM_PHRASES,
    MAX_SENTENCE_WORDS,
    MAX_STEP_GRADE,
    check_harm_routes,
    check_not_sure,
    check_not_sure_is_helped,
    check_reading_grade,
    check_safety_language,
    check_sentence_length,
    lint,
    sentence_words,
    step_grade,
)
from wtiw.guide.model import Tree
from wtiw.guide.validate import load_tree, tree_from_text

# A small tree that passes every rule; each test breaks one thing in it.
CLEAN = """\
start: first-question
steps:
  - id: first-question
    type: question
    title: Is therapy helping?
    hint: Take your time.
    answers:
      - key: "yes"
        label: "Yes"
        next: keep-going
      - key: not-sure
        label: I'm not sure
        next: not-sure-yet
  - id: keep-going
    type: outcome
    title: Keep going
    meaning: >-
      Therapy takes time. Small steps count.

      You can ask questions at any time.
    try:
      - Write down one thing that helped.
    ask:
      - Is this the only option, or could we try something else?
    links:
      - page: help-now.md
        text: Need help now?
  - id: not-sure-yet
    type: outcome
    title: Not sure yet
    meaning: Not being sure is normal.
    try:
      - Notice how you feel for a week.
    ask:
      - Can we talk about how it is going?
    links:
      - page: help-now.md
        text: Need help now?
"""
DENSE = (
    "Psychotherapeutic interventions necessitate comprehensive multidimensional "
    "evaluation incorporating longitudinal symptomatological considerations."
)


def broken(old: str, new: str) -> str:
    """The clean tree with one piece of text replaced."""
    assert old in CLEAN, old
    return CLEAN.replace(old, new, 1)


def parse(text: str) -> tuple[Tree, Document]:
    """The checked tree and the positioned document of YAML text."""
    return tree_from_text(text), parse_document(text, "guide.yaml")


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line of `text` containing `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in the text")


def lines(problems: list[Problem]) -> list[int]:
    """The line of each problem."""
    return [problem.line for problem in problems]


def test_the_shipped_guide_has_no_lint_problems():
    tree = load_tree()
    problems = lint(tree, load_document(PROJECT.guide_tree, "guide.yaml"))
    assert problems == [], "\n".join(map(str, problems))


def test_the_clean_tree_has_no_lint_problems():
    assert lint(*parse(CLEAN)) == []


# One sentence per safety-language rule that breaks it, and the words the report quotes.
UNSAFE: list[tuple[Rule, str, str]] = [
    (ORDERS, "YOU MUST keep going.", "YOU MUST"),
    (PROMISES, "This will help you feel better.", "will help"),
    (PROMISES, "It is guaranteed.", "guaranteed"),
    (REASSURANCE, "There is nothing to worry about.", "nothing to worry about"),
    (METHODS, "Some people think of an overdose.", "overdose"),
]


@pytest.mark.parametrize(
    ("rule", "sentence", "phrase"),
    UNSAFE,
    ids=[f"{rule.name}-{phrase}" for rule, *_, phrase in UNSAFE],
)
def test_unsafe_language_is_reported_at_its_field(rule: Rule, sentence: str, phrase: str):
    """Control: each rule fails in the guide, at the line of the field, saying why."""
    text = broken("- Write down one thing that helped.", f"- Note this. {sentence}")
    problems = check_safety_language(*parse(text))
    assert lines(problems) == [line_of(text, "- Note this.")]
    assert problems[0].message == f'avoid "{phrase}": {rule.why}'


def test_unsafe_language_in_a_question_hint_is_reported():
    text = broken("hint: Take your time.", "hint: Take your time. It will get better.")
    problems = check_safety_language(*parse(text))
    assert lines(problems) == [line_of(text, "hint:")]


def test_unsafe_language_in_a_folded_meaning_is_reported_at_meaning():
    text = broken("Small steps count.", "You\n      must keep going.")
    problems = check_safety_language(*parse(text))
    assert lines(problems) == [line_of(text, "meaning:")]


def test_safety_language_matches_whole_words_and_spares_the_readers_own_questions():
    # "the only option" is in `ask` already; "definitelyish" is not the word "definitely";
    # a plain future "will" promises nothing.
    text = broken("Small steps count.", "Small steps count definitelyish. We will text you.")
    text = text.replace("- Is this the only option", "- Will this help? Is this the only option")
    assert check_safety_language(*parse(text)) == []


def test_method_words_are_reported_in_the_readers_own_words_too():
    text = broken('label: "Yes"', "label: Yes, I think about an overdose")
    problems = check_safety_language(*parse(text))
    assert lines(problems) == [line_of(text, "overdose")]
    assert problems[0].message.startswith('avoid "overdose"')


def test_a_sentence_at_the_limit_passes():
    at_limit = " ".join(["word"] * MAX_SENTENCE_WORDS) + "."
    text = broken("Take your time.", at_limit)
    assert check_sentence_length(*parse(text)) == []


def test_sentences_split_at_end_punctuation_and_closing_quotes():
    assert sentences('Say, "Is this working?" Then wait. Ok!  Fine') == [
        'Say, "Is this working?"',
        "Then wait.",
        "Ok!",
        "Fine",
    ]
    assert sentence_words("One \u2013 two, 3 words.") == 4  # an en dash is not a word


def test_a_hard_outcome_is_reported_at_its_hardest_sentence():
    text = broken("You can ask questions at any time.", DENSE)
    problems = check_reading_grade(*parse(text))
    assert lines(problems) == [line_of(text, "meaning:")]
    assert "outcome reads at grade" in problems[0].message


def test_a_hard_question_is_reported_too():
    text = broken("hint: Take your time.", f"hint: {DENSE}")
    problems = check_reading_grade(*parse(text))
    assert lines(problems) == [line_of(text, "hint:")]
    assert "question reads at grade" in problems[0].message


def test_steps_share_the_pages_grade_limit():
    assert MAX_STEP_GRADE == MAX_GRADE == 6


def test_reading_grade_check_can_fail():
    """Control: dense text scores above the limit, plain text below it."""
    tree, _ = parse(broken("Small steps count.", DENSE))
    assert step_grade(tree.steps["keep-going"]) > MAX_STEP_GRADE
    assert step_grade(parse(CLEAN)[0].steps["keep-going"]) <= MAX_STEP_GRADE


def test_lint_reports_every_rule_in_file_order(tmp_path: Path):
    text = broken("label: I'm not sure", "label: Maybe")
    text = text.replace("Small steps count.", f"You must keep going. {DENSE}")
    path = tmp_path / "guide.yaml"
    path.write_text(text, encoding="utf-8")
    problems = lint(tree_from_text(text), load_document(path, "my-guide.yaml"))
    assert lines(problems) == sorted(lines(problems))
    assert {problem.file for problem in problems} == {"my-guide.yaml"}
    assert len(problems) == 3  # no "not sure", "you must", and the grade
    assert all(str(problem).startswith("my-guide.yaml:") for problem in problems)


# ── Nothing a harmed reader reaches sends them back to that therapist ─────────────────


def refused(text: str) -> list[Problem]:
    """What loading `text` refuses: route rules stop the load (and the build), not only lint."""
    try:
        tree_from_text(text)
    except InputError as error:
        return error.problems
    return []


def harmed(text: str = CLEAN, urgent: bool = True) -> str:
    """`text` with its "Yes" answer marked as saying the therapist harmed the reader."""
    text = text.replace("next: keep-going\n", "next: keep-going\n        harm: true\n", 1)
    if urgent:
        text = text.replace("  - id: keep-going\n", "  - id: keep-going\n    urgent: true\n", 1)
    return text


HEADED = broken(
    "    ask:\n      - Is this", "    ask_heading: For someone you trust\n    ask:\n      - Is this"
)


def test_an_outcome_a_harmed_reader_reaches_is_urgent():
    """Other outcomes end with the SURE check, whose tips name the reader's therapist.

    Told whole, at the id's value: where the editor adds `urgent: true`.
    """
    text = harmed(HEADED, urgent=False)
    (problem,) = refused(text)
    assert (problem.line, problem.column) == (line_of(text, "id: keep-going"), 9)
    assert problem.message == (
        "'keep-going' is not urgent, but a reader reaches it after saying their therapist "
        "harmed them ('first-question / yes'). The page ends every outcome that is not urgent "
        "with the SURE check, whose tips suggest talking it over with your therapist: mark it "
        "`urgent: true`, or keep it out of what that answer leads to."
    )
    assert refused(harmed(HEADED)) == []  # control


def test_the_default_ask_heading_is_not_for_a_harmed_reader():
    """Control: the same tree passes without the harm mark, or with a heading of its own."""
    problems = refused(harmed())
    assert [p.message.split('"')[1] for p in problems] == ["your next session"]
    assert "'first-question / yes'" in problems[0].message
    assert refused(CLEAN) == []
    assert refused(harmed(HEADED)) == []


UNSAFE_FOR_HARMED = [
    "Tell your therapist what happened.",
    "You could talk with your current therapist about it.",
    "Agree with your therapist how to end.",
    "Plan how to end well.",
    "If it feels safe, end with your current therapist first.",
    "Raise it early in the next session.",
    "Ask your therapist for a referral.",
    "Ask for one last session to look back.",
]


@pytest.mark.parametrize("sentence", UNSAFE_FOR_HARMED)
def test_asking_a_harmed_reader_to_deal_with_that_therapist_is_reported(sentence: str):
    text = harmed(HEADED).replace("- Write down one thing that helped.", f"- {sentence}")
    problems = refused(text)
    assert lines(problems) == [line_of(text, sentence)]
    assert "Never ask them to talk to, agree with or end well with" in problems[0].message


def test_safe_words_for_a_harmed_reader_pass():
    """Control for the phrases: other people, and a new therapist, are fine to name."""
    for sentence in (
        "Tell a new therapist what happened, if you wish.",
        "Talk to someone you trust, or to a doctor.",
        "You can stop now, with no more sessions.",
        "Stop now, with no last session.",
    ):
        assert not HARM_PHRASES.search(sentence), sentence
        text = harmed(HEADED).replace("- Write down one thing that helped.", f"- {sentence}")
        assert refused(text) == [], sentence


def test_every_harm_answer_of_the_shipped_guide_leads_to_safe_words():
    tree = load_tree()
    said = {(q.id, a.key) for q in tree.questions for a in q.answers if a.harm}
    assert ("what-feels-wrong", "harmed") in said
    assert len(said) >= 6
    assert check_harm_routes(tree, load_document(PROJECT.guide_tree, "guide.yaml")) == []


# A method word: refused in every text a step shows, the reader's own questions too.
@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("title: Keep going", "title: An overdose", "title: An overdose"),
        ("Small steps count.", "Small steps count. An overdose.", "meaning: >-"),
        ("- Can we talk about how it is going?", "- An overdose?", "- An overdose?"),
    ],
    ids=["title", "meaning", "ask"],
)
def test_each_outcome_field_is_read_and_reported_at_its_own_line(old: str, new: str, needle: str):
    """Every text of a step is read (title, meaning, questions to ask) at its own line."""
    text = broken(old, new)
    problems = check_safety_language(*parse(text))
    assert lines(problems) == [line_of(text, needle)], problems
    assert '"overdose"' in problems[0].message


# ── Exact messages, and the limits on both sides ──────────────────────────────────────

# Every answer to the first question leads somewhere else than "I'm not sure" does, except
# that "Yes" shares its outcome with "I'm not sure": that outcome is an ordinary suggestion.
# (Its `next` is quoted so that the unquoted one below is the "I'm not sure" answer's.)
SHARED_WITH_NOT_SURE = broken(
    "        next: keep-going\n",
    '        next: "not-sure-yet"\n'
    '      - key: "no"\n        label: "No"\n        next: keep-going\n',
)
LONG_SENTENCE = " ".join(["word"] * (MAX_SENTENCE_WORDS + 1)) + "."


@pytest.mark.parametrize(
    ("rule", "text", "needle", "message"),
    [
        (
            check_not_sure,
            broken("label: I'm not sure", "label: Maybe"),
            "answers:",
            'this question has no "I\'m not sure" answer. Add one (key: not-sure, label: '
            "I'm not sure) and point it at the step that helps most when a reader does not know.",
        ),
        (
            check_not_sure_is_helped,
            SHARED_WITH_NOT_SURE,
            "next: not-sure-yet",
            "the \"I'm not sure\" answer leads straight to the suggestion 'not-sure-yet', as if "
            "the reader had answered. Point it at a helper question that asks the same thing in "
            'plainer words (with ways to find out), whose own "I\'m not sure" leads to an '
            "outcome for readers who still don't know.",
        ),
        (
            check_sentence_length,
            broken("- Write down one thing that helped.", f"- {LONG_SENTENCE}"),
            "- word word",
            f'the sentence "{" ".join(["word"] * 8)}…" has {MAX_SENTENCE_WORDS + 1} words; '
            f"keep sentences to {MAX_SENTENCE_WORDS} words or fewer. Split it in two, or leave "
            "out what the reader does not need.",
        ),
    ],
    ids=["not-sure", "not-sure-is-helped", "sentence-length"],
)
def test_each_rule_says_what_is_wrong_and_the_fix_word_for_word(rule, text, needle, message):
    """The editor reads these words in `make check-guide`: each one, whole, at its line."""
    (problem,) = rule(*parse(text))
    assert (problem.line, problem.message) == (line_of(text, needle), message)


def test_a_not_sure_answer_may_share_an_urgent_outcome():
    """Control for the rule above: not sure whether you are safe means help now."""
    text = SHARED_WITH_NOT_SURE.replace(
        "  - id: not-sure-yet\n", "  - id: not-sure-yet\n    urgent: true\n"
    )
    assert check_not_sure_is_helped(*parse(text)) == []


# Hard words, eight of them: a sentence of eight is quoted whole, one of nine is cut at eight.
EIGHT_HARD_WORDS = (
    "Psychotherapeutic interventions necessitate comprehensive multidimensional evaluation "
    "incorporating considerations."
)
NINE_HARD_WORDS = EIGHT_HARD_WORDS.replace("incorporating", "incorporating longitudinal")


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        (EIGHT_HARD_WORDS, f'"{EIGHT_HARD_WORDS}"'),
        (NINE_HARD_WORDS, f'"{NINE_HARD_WORDS.rsplit(" ", 1)[0]}…"'),
    ],
    ids=["eight-words-whole", "nine-words-cut"],
)
def test_a_hard_step_quotes_its_hardest_sentence_up_to_eight_words(sentence: str, quoted: str):
    """Enough words to find the sentence in the field; an ellipsis only when some are cut."""
    text = broken("hint: Take your time.", f"hint: {sentence}")
    tree, document = parse(text)
    (problem,) = check_reading_grade(tree, document)
    figure = step_grade(tree.steps["first-question"])
    assert problem.message == (
        f"this question reads at grade {figure:.1f} (Flesch-Kincaid); keep each step at grade "
        f"{MAX_STEP_GRADE:g} or below. Use shorter sentences and everyday words, starting with "
        f"the hardest sentence, here: {quoted}."
    )


# An outcome whose graded prose (5 sentences, 65 words, 91 syllables) reads at grade 6 exactly.
AT_GRADE_SIX = broken(
    "Therapy takes time. Small steps count.\n\n      You can ask questions at any time.",
    "Some weeks feel difficult and others feel easier, which is a common pattern. Write down "
    "how each week felt so you can remember it later on. You could discuss these records "
    "with the therapist you are seeing each week.",
).replace(
    "- Write down one thing that helped.",
    "- Pick one little activity to try before your next visit and notice it.",
)
AT_GRADE_SIX = AT_GRADE_SIX.replace(
    "- Is this the only option, or could we try something else?",
    "- Could we look at my records together and talk about what has changed?",
)


def test_a_step_at_the_grade_limit_passes_and_one_syllable_more_fails():
    """The limit is "grade 6 or below": exactly 6 passes, just above it is reported."""
    tree, document = parse(AT_GRADE_SIX)
    assert step_grade(tree.steps["keep-going"]) == MAX_STEP_GRADE
    assert check_reading_grade(tree, document) == []
    harder = AT_GRADE_SIX.replace("next visit", "next appointment")  # one syllable more
    tree, document = parse(harder)
    assert step_grade(tree.steps["keep-going"]) > MAX_STEP_GRADE
    (problem,) = check_reading_grade(tree, document)
    assert problem.line == line_of(harder, "next appointment")


HEARSAY = "My friend says it will help."


@pytest.mark.parametrize(
    ("old", "new", "reported"),
    [
        ('label: "Yes"', f"label: {HEARSAY}", False),
        ("- Is this the only option, or could we try something else?", f"- {HEARSAY}", False),
        ("hint: Take your time.", f"hint: {HEARSAY}", True),
        ("- Write down one thing that helped.", f"- {HEARSAY}", True),
    ],
    ids=["answer", "ask", "hint", "try"],
)
def test_a_promise_is_the_sites_own_only_outside_the_readers_words(old, new, reported):
    """A reader may say someone promised them help; the site itself never promises it."""
    text = broken(old, new)
    problems = check_safety_language(*parse(text))
    assert [problem.line for problem in problems] == ([line_of(text, HEARSAY)] if reported else [])


def harm_message(phrase: str, field: str, step: str, said: str) -> str:
    """The route rule's whole message for `phrase` in `field` of `step`, reached by `said`."""
    return (
        f"\"{phrase}\" is in the {field} of '{step}', which a reader reaches after saying their "
        f"therapist harmed them ({said}). Never ask them to talk to, agree with or end well with "
        "that therapist: reword it (a new therapist, a doctor, someone they trust or a support "
        "line), or keep this out of what that answer leads to."
    )


# Where a phrase for a harmed reader can hide in an outcome besides its lists: its own
# headings and its links' text. Each is reported, by the field's name, at its own line.
@pytest.mark.parametrize(
    ("old", "new", "field", "phrase"),
    [
        (
            "    ask:\n      - Is this",
            "    try_heading: Before the next session\n    ask:\n      - Is this",
            "try_heading",
            "the next session",
        ),
        (
            "ask_heading: For someone you trust",
            "ask_heading: To tell your therapist",
            "ask_heading",
            "tell your therapist",
        ),
        ("text: Need help now?", "text: Talk to your therapist", "links", "Talk to your therapist"),
    ],
    ids=["try_heading", "ask_heading", "links"],
)
def test_every_text_of_a_harmed_readers_outcome_is_read(old, new, field, phrase):
    text = harmed(HEADED).replace(old, new, 1)
    assert new in text
    (problem,) = refused(text)
    assert problem.line == line_of(text, phrase)
    assert problem.message == harm_message(phrase, field, "keep-going", "'first-question / yes'")


# A harm answer that leads on through questions: it fans out into two branches, each of two
# steps, so every step a path can reach must be followed, not only the answer's own step.
DEEP_HARM = """\
start: first-question
steps:
  - id: first-question
    type: question
    title: Is therapy helping?
    answers:
      - key: hurt
        label: My therapist hurt me
        next: what-happened
        harm: true
      - key: not-sure
        label: I'm not sure
        next: not-sure-yet
  - id: what-happened
    type: question
    title: What happened?
    answers:
      - key: words
        label: Something they said
        next: about-words
      - key: acts
        label: Something they did
        next: about-acts
  - id: about-words
    type: question
    title: Was it said more than once?
    answers:
      - key: once
        label: Once
        next: after-words
      - key: more
        label: More than once
        next: after-words
  - id: about-acts
    type: question
    title: Was it done more than once?
    answers:
      - key: once
        label: Once
        next: after-acts
      - key: more
        label: More than once
        next: after-acts
  - id: after-words
    type: outcome
    urgent: true
    title: After hurtful words
    meaning: That was not okay.
    try:
      - Tell your therapist what happened.
    ask_heading: For someone you trust
    ask:
      - What can I do now?
    links:
      - page: help-now.md
        text: Need help now?
  - id: after-acts
    type: outcome
    urgent: true
    title: After hurtful acts
    meaning: That was not okay.
    try:
      - Tell your therapist what happened.
    ask_heading: For someone you trust
    ask:
      - What can I do now?
    links:
      - page: help-now.md
        text: Need help now?
  - id: not-sure-yet
    type: outcome
    title: Not sure yet
    meaning: Not being sure is normal.
    try:
      - Notice how you feel for a week.
    ask:
      - Can we talk about how it is going?
    links:
      - page: help-now.md
        text: Need help now?
"""


def test_every_step_a_harm_answer_leads_to_is_read_however_far_on():
    """Both outcomes, two questions past the harm answer, on two branches, are reported."""
    problems = refused(DEEP_HARM)
    tries = [n for n, line in enumerate(DEEP_HARM.splitlines(), 1) if "Tell your" in line]
    assert [(p.line, p.message) for p in problems] == [
        (line, harm_message("Tell your therapist", "try", step, "'first-question / hurt'"))
        for line, step in zip(tries, ["after-words", "after-acts"], strict=True)
    ]
    assert refused(DEEP_HARM.replace("        harm: true\n", "")) == []  # control


@pytest.mark.parametrize(
    ("marked", "said"),
    [
        ([], "'first-question / hurt'"),
        (["about-words"], "'first-question / hurt' and 1 more"),
        (["about-words", "after-words"], "'first-question / hurt' and 2 more"),
    ],
    ids=["one", "two", "three"],
)
def test_a_harm_message_names_the_first_answer_and_counts_the_others(marked, said):
    """One answer is named; "and N more" counts the rest, so the editor finds them all."""
    text = DEEP_HARM
    for step in marked:  # the first answer into `step` says so too
        text = text.replace(f"next: {step}\n", f"next: {step}\n        harm: true\n", 1)
    problem = refused(text)[0]
    assert problem.message == harm_message("Tell your therapist", "try", "after-words", said)


def test_an_option_a_harmed_reader_is_offered_is_read_and_its_words_quoted(tmp_path: Path):
    """An option card is text the reader reads too: the phrase, the option, the outcome."""
    data = PROJECT.guide_tree.parent
    guide = PROJECT.guide_tree.read_text(encoding="utf-8")
    offered = "new-therapist-after-harm]\n"
    guide = guide.replace(offered, offered.replace("]", ", pause-or-end]"))
    (tmp_path / "guide.yaml").write_text(guide, encoding="utf-8")
    for name in ("options.yaml", "crisis-help.yml"):
        (tmp_path / name).write_text((data / name).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_tree(tmp_path / "guide.yaml", docs_dir=None)
    first = caught.value.problems[0]
    assert first.message.startswith(
        "\"agree with your therapist\" is in the option 'pause-or-end', offered by "
        "'boundary-concern', which a reader reaches after saying their therapist harmed them"
    ), first.message
