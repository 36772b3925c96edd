"""Paths through a guide: reachability, loops, and the summary figures editors see.

Everything is iterative (no recursion), so a tree of ten thousand steps is as safe to check
as one of ten. Example: ``count_paths(tree)`` is the number of distinct routes to an outcome.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from wtiw.guide.model import Question, Tree


def successors(tree: Tree, step_id: str) -> list[str]:
    """Ids the answers of `step_id` lead to (existing steps only, in answer order)."""
    step = tree.steps.get(step_id)
    if not isinstance(step, Question):
        return []
    return [answer.next for answer in step.answers if answer.next in tree.steps]


def reachable(tree: Tree) -> set[str]:
    """Ids of every step some path from the start reaches."""
    if tree.start not in tree.steps:
        return set()
    seen = {tree.start}
    stack = [tree.start]
    while stack:
        for target in successors(tree, stack.pop()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


@dataclass(frozen=True)
class LoopEdge:
    """An answer that leads back to a step already on the way: it closes a loop."""

    question: str
    answer: int
    loop: tuple[str, ...]


def find_loops(tree: Tree) -> list[LoopEdge]:
    """Return every answer that closes a loop (a back edge of a depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current route, 2: finished
    loops: list[LoopEdge] = []
    for root in tree.steps:
        if root in state:
            continue
        state[root] = 1
        route = [root]
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            step_id, position = stack[-1]
            step = tree.steps[step_id]
            answers = step.answers if isinstance(step, Question) else ()
            if position >= len(answers):
                stack.pop()
                route.pop()
                state[step_id] = 2
                continue
            stack[-1] = (step_id, position + 1)
            target = answers[position].next
            if target not in tree.steps:
                continue
            if state.get(target) == 1:
                loop = (*route[route.index(target) :], target)
                loops.append(LoopEdge(step_id, position, loop))
            elif target not in state:
                state[target] = 1
                route.append(target)
                stack.append((target, 0))
    return loops


def topological_order(tree: Tree) -> list[str]:
    """Reachable steps, each after every step that leads to it (the tree has no loops)."""
    nodes = reachable(tree)
    incoming = dict.fromkeys(nodes, 0)
    for node in nodes:
        for target in successors(tree, node):
            incoming[target] += 1
    ready = [node for node in tree.steps if node in nodes and incoming[node] == 0]
    order: list[str] = []
    while ready:
        node = ready.pop()
        order.append(node)
        for target in successors(tree, node):
            incoming[target] -= 1
            if incoming[target] == 0:
                ready.append(target)
    return order


@dataclass(frozen=True)
class Summary:
    """The figures `python -m wtiw check` prints for a good tree."""

    questions: int
    outcomes: int
    paths: int
    longest: int


def summarise(tree: Tree) -> Summary:
    """Count questions, outcomes, distinct paths, and questions on the longest path."""
    order = topological_order(tree)
    paths: dict[str, int] = {}
    depth: dict[str, int] = {}
    for node in reversed(order):
        targets = (
            [answer.next for answer in tree.steps[node].answers]
            if isinstance(tree.steps[node], Question)
            else []
        )
        paths[node] = sum(paths[target] for target in targets) if targets else 1
        depth[node] = 1 + max(depth[target] for target in targets) if targets else 0
    return Summary(
        questions=len(tree.questions),
        outcomes=len(tree.outcomes),
        paths=paths.get(tree.start, 0),
        longest=depth.get(tree.start, 0),
    )


Route = tuple[tuple[str, str], ...]


def iter_paths(tree: Tree) -> Iterator[tuple[Route, str]]:
    """Yield every path as ((question id, answer key), ...) and the outcome it ends at."""
    stack: list[tuple[str, Route]] = [(tree.start, ())]
    while stack:
        step_id, route = stack.pop()
        step = tree.steps[step_id]
        if not isinstance(step, Question):
            yield route, step_id
            continue
        for answer in reversed(step.answers):
            stack.append((answer.next, (*route, (step_id, answer.key))))


def answers_leading_to(tree: Tree) -> dict[str, list[tuple[str, str]]]:
    """For every step, the answers that lead straight to it: (question id, answer key).

    In file order. Without JavaScript the reader's path is unknown, so an outcome can only
    say which answers may have brought the reader there. Example: on a tree where
    ``how-long / under-six`` leads to ``early-days``, ``answers_leading_to(tree)["early-days"]``
    is ``[("how-long", "under-six")]``.
    """
    leading: dict[str, list[tuple[str, str]]] = {step_id: [] for step_id in tree.steps}
    for question in tree.questions:
        for answer in question.answers:
            if answer.next in leading:
                leading[answer.next].append((question.id, answer.key))
    return leading


def answers_on_paths(tree: Tree) -> dict[str, set[tuple[str, str]]]:
    """For every reachable step, each answer (question id, key) on some path to it.

    One pass in topological order, not path by path (a tree has dozens of paths per outcome,
    and a large one millions). Example: ``("how-long", "under-six")`` is in
    ``answers_on_paths(tree)["early-days"]``.
    """
    seen: dict[str, set[tuple[str, str]]] = {tree.start: set()}
    for step_id in topological_order(tree):
        step = tree.steps[step_id]
        if not isinstance(step, Question):
            continue
        for answer in step.answers:
            into = seen.setdefault(answer.next, set())
            into |= seen.get(step_id, set())
            into.add((step_id, answer.key))
    return seen
