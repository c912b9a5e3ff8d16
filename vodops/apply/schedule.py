"""Which steps of a plan wait for which, and running them as soon as what they wait for is done.

Each step waits only for what it needs, so changes of different kinds run at the same time (each
API action has its own rate limit) instead of one kind after another:

- a class is created after its parent class (when the plan creates the parent too);
- a procedure is created or changed after the templates it names that the plan creates or changes;
- nothing is deleted before every create and update is done: a replacement exists and what
  referred to the old object is repointed before the old one goes, and an apply that fails
  half-way has deleted nothing;
- templates are deleted after the procedures being deleted (which may still use them), and a
  class after its subclasses being deleted.

Ready steps are started in the plan's order, taking turns between API actions, so that one busy
action does not hold every worker while another action's budget goes unused.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from vodops.plan.changes import Step
from vodops.refs import REF_PATTERNS, references_in
from vodops.resources import KINDS

USERS = {
    name: [user for user in KINDS if any(kind == name for _, kind in REF_PATTERNS[user])] for name in KINDS
}


def dependencies(steps: list[Step]) -> list[frozenset[int]]:
    """For each step (by index), the indexes of the steps it waits for."""
    builds: dict[tuple[str, str], list[int]] = {}
    deletes_of: dict[str, list[int]] = {}  # kind -> its delete steps
    subnode_deletes: dict[tuple[str, str], list[int]] = {}  # (tree kind, parent path) -> deletes
    for index, step in enumerate(steps):
        kind = step.change.kind
        if not step.deletes:
            builds.setdefault((kind, step.path), []).append(index)
            continue
        deletes_of.setdefault(kind, []).append(index)
        if KINDS[kind].tree:
            subnode_deletes.setdefault((kind, _parent(step.path)), []).append(index)
    every_build = [i for found in builds.values() for i in found]
    return [
        frozenset(_waits_for(step, builds, every_build, deletes_of, subnode_deletes)) for step in steps
    ]


def _waits_for(
    step: Step,
    builds: dict[tuple[str, str], list[int]],
    every_build: list[int],
    deletes_of: dict[str, list[int]],
    subnode_deletes: dict[tuple[str, str], list[int]],
) -> Iterator[int]:
    kind = step.change.kind
    if not step.deletes:
        yield from builds.get((kind, _parent(step.path)), []) if KINDS[kind].tree else ()
        if step.change.desired is not None:
            for ref_kind, value in references_in(kind, step.change.desired.spec):
                yield from builds.get((ref_kind, str(value)), []) if isinstance(value, str) else ()
        return
    yield from every_build
    yield from subnode_deletes.get((kind, step.path), [])
    for user in USERS[kind]:  # what may still use this object is deleted first
        yield from deletes_of.get(user, [])


def _parent(path: str) -> str:
    return path.rpartition("/")[0]


class _Graph:
    """Steps not started yet: how many unfinished steps each waits for, and the ready ones, queued
    per API action in plan order."""

    def __init__(self, steps: list[Step]) -> None:
        waits = dependencies(steps)
        self._steps = steps
        self._waiting = [len(found) for found in waits]
        self._dependents: list[list[int]] = [[] for _ in steps]
        for index, found in enumerate(waits):
            for other in found:
                self._dependents[other].append(index)
        self._ready: dict[str, deque[int]] = {}
        self._turns: deque[str] = deque()
        self.unstarted = set(range(len(steps)))
        for index, count in enumerate(self._waiting):
            if count == 0:
                self._queue(index)

    def take(self) -> int | None:
        """The next step to start (the next action's turn), or None if none is ready."""
        if not self._turns:
            return None
        action = self._turns.popleft()
        index = self._ready[action].popleft()
        if self._ready[action]:
            self._turns.append(action)
        self.unstarted.discard(index)
        return index

    def finished(self, index: int) -> None:
        for other in self._dependents[index]:
            self._waiting[other] -= 1
            if self._waiting[other] == 0:
                self._queue(other)

    def _queue(self, index: int) -> None:
        step = self._steps[index]
        action = f"{step.change.kind}:{'delete' if step.deletes else step.change.action.value}"
        if not self._ready.get(action):
            self._turns.append(action)
        self._ready.setdefault(action, deque()).append(index)


def run_steps(
    steps: list[Step], run: Callable[[Step], None], *, stopped: Callable[[], bool], parallelism: int
) -> list[Step]:
    """Run every step once what it waits for is done, at most `parallelism` at once. Once
    `stopped()` answers True no step starts; those in flight finish. Answers the steps never
    started, in plan order."""
    graph = _Graph(steps)
    running: dict[Future[None], int] = {}
    with ThreadPoolExecutor(max_workers=parallelism, thread_name_prefix="vodops-apply") as pool:
        while True:
            while len(running) < parallelism and not stopped():
                index = graph.take()
                if index is None:
                    break
                running[pool.submit(run, steps[index])] = index
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                future.result()
                graph.finished(running.pop(future))
    return [steps[index] for index in sorted(graph.unstarted)]
