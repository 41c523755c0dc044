"""Who reviews what: the assignment algorithm, free of the database so it can be proven by tests.

The problem is a b-matching: every entry needs ``k`` distinct judges, no judge may review an entry they
are conflicted with, and no judge takes more than their capacity. Among all such assignments we want the
one whose judge loads are as even as possible.

1. Greedy: entries in order of scarcity (fewest possible judges first) each take the least-loaded
   eligible judges, preferring regions the entry does not have yet; ties broken by a rotation, so the
   same input always gives the same output.
2. Augmenting paths (as in a maximum-flow algorithm): when every eligible judge of an entry is full, a
   chain of moves — judge A hands one of its new entries to judge B, B to C, ... until someone with
   room — frees a place. If no such chain exists, no assignment can cover the entry (the classic
   augmenting-path theorem), and it is reported with the reason.
3. Rebalancing: while some judge J could pass work along a chain of moves to a judge I with
   load(I) ≤ load(J) − 2 and room left, do it. Each move lowers the sum of squared loads, so it ends; at the
   end no chain improves the balance, which is exactly the optimality condition of the min-cost flow
   with convex per-judge costs. With no conflicts in the way, loads then differ by at most one among
   judges below their capacity.

Existing assignments are kept as they are; only the new ones this run makes can move.
"""
from collections import Counter, deque
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class JudgeSlot:
    id: int
    capacity: int | None = None  # None: no limit
    region: str = ""


@dataclass(frozen=True)
class Shortfall:
    entry_id: int
    missing: int
    reason: str


@dataclass
class Plan:
    new: list = field(default_factory=list)  # [(entry_id, judge_id)], sorted
    shortfalls: list = field(default_factory=list)
    loads: dict = field(default_factory=dict)  # judge_id -> load after the plan (existing + new)

    @property
    def feasible(self):
        return not self.shortfalls


def plan_assignment(*, entries, judges, k, existing=None, blocked=None, base_loads=None):
    """Plan the new assignments so that each of ``entries`` has ``k`` judges.

    ``existing``: {entry_id: set of judge_ids already assigned} (kept).
    ``blocked``: {entry_id: {judge_id: reason}} conflicts, automatic and declared.
    ``base_loads``: {judge_id: assignments already held in the round}, defaults to what ``existing`` says.
    """
    return _Planner(entries, judges, k, existing or {}, blocked or {}, base_loads).run()


class _Planner:
    def __init__(self, entries, judges, k, existing, blocked, base_loads):
        self.entries = sorted(set(entries))
        self.judges = sorted(judges, key=lambda j: j.id)
        self.judge_ids = [j.id for j in self.judges]
        self.position = {j.id: index for index, j in enumerate(self.judges)}
        self.capacity = {j.id: j.capacity for j in self.judges}
        self.region = {j.id: j.region for j in self.judges}
        self.k = k
        self.blocked = blocked
        self.assigned = {e: set(existing.get(e, ())) for e in self.entries}
        if base_loads is None:
            base_loads = Counter(j for e in self.entries for j in self.assigned[e])
        self.load = {j: base_loads.get(j, 0) for j in self.judge_ids}
        self.need = {e: max(0, k - len(self.assigned[e])) for e in self.entries}
        self.kept = {e: len(self.assigned[e]) for e in self.entries}
        self.eligible = {
            e: [j for j in self.judge_ids if j not in blocked.get(e, {}) and j not in self.assigned[e]]
            for e in self.entries
        }
        self.movable = {j: set() for j in self.judge_ids}  # new assignments of each judge

    def room(self, judge):
        capacity = self.capacity[judge]
        return capacity is None or self.load[judge] < capacity

    def _add(self, entry, judge):
        self.assigned[entry].add(judge)
        self.movable[judge].add(entry)
        self.load[judge] += 1

    def _move(self, entry, source, target):
        self.assigned[entry].discard(source)
        self.movable[source].discard(entry)
        self.load[source] -= 1
        self._add(entry, target)

    def run(self):
        shortfalls = []
        order = sorted(self.entries, key=lambda e: (len(self.eligible[e]) - self.need[e], e))
        for step, entry in enumerate(order):
            missing = self._fill(entry, step)
            if missing:
                shortfalls.append(Shortfall(entry, missing, self._reason(entry, missing)))
        if not shortfalls:
            self._rebalance()
        new = sorted((e, j) for j, entries in self.movable.items() for e in entries)
        return Plan(new=new, shortfalls=shortfalls, loads=dict(self.load))

    def _fill(self, entry, step):
        n = len(self.judge_ids) or 1
        regions = Counter(self.region.get(j, "") for j in self.assigned[entry])
        for _slot in range(self.need[entry]):
            candidates = [j for j in self.eligible[entry] if j not in self.assigned[entry] and self.room(j)]
            if candidates:
                judge = min(candidates, key=lambda j: (
                    self.load[j], regions[self.region[j]] if self.region[j] else 0, (self.position[j] - step) % n))
                self._add(entry, judge)
                regions[self.region[judge]] += 1
            elif not self._augment(entry):
                return self.need[entry] - (len(self.assigned[entry]) - self.kept[entry])
        return 0

    def _augment(self, entry):
        """Free a place for ``entry`` by a chain of moves, as an augmenting path would. True if done."""
        starts = [j for j in self.eligible[entry] if j not in self.assigned[entry]]
        parent = {j: None for j in starts}
        queue = deque(starts)
        while queue:
            judge = queue.popleft()
            for other_entry in sorted(self.movable[judge]):
                for candidate in self.eligible[other_entry]:
                    if candidate in parent or candidate in self.assigned[other_entry]:
                        continue
                    parent[candidate] = (judge, other_entry)
                    if self.room(candidate):
                        start = self._apply_chain(parent, candidate)
                        self._add(entry, start)
                        return True
                    queue.append(candidate)
        return False

    def _apply_chain(self, parent, end):
        judge = end
        while parent[judge] is not None:
            previous, moved_entry = parent[judge]
            self._move(moved_entry, previous, judge)
            judge = previous
        return judge

    def _rebalance(self):
        while self._improve_once():
            pass

    def _improve_once(self):
        for top in sorted(set(self.load.values()), reverse=True):
            sources = [j for j in self.judge_ids if self.load[j] == top and self.movable[j]]
            if not sources or not any(self.load[j] <= top - 2 and self.room(j) for j in self.judge_ids):
                continue
            parent = {j: None for j in sources}
            queue = deque(sources)
            while queue:
                judge = queue.popleft()
                for moved_entry in sorted(self.movable[judge]):
                    for candidate in self.eligible[moved_entry]:
                        if candidate in parent or candidate in self.assigned[moved_entry]:
                            continue
                        parent[candidate] = (judge, moved_entry)
                        if self.load[candidate] <= top - 2 and self.room(candidate):
                            self._apply_chain(parent, candidate)
                            return True
                        queue.append(candidate)
        return False

    def _reason(self, entry, missing):
        conflicts = self.blocked.get(entry, {})
        possible = len(self.eligible[entry]) + len([j for j in self.judge_ids if j in self.assigned[entry]]) - (
            len(self.assigned[entry]) - self.kept[entry])
        if possible < self.k:
            summary = Counter(reason for judge, reason in conflicts.items() if judge in self.position)
            detail = "; ".join(f"{reason} ×{count}" for reason, count in sorted(summary.items()))
            return _("only %(possible)d of the committee's %(total)d judges can review it without a conflict "
                     "(%(k)d needed)%(detail)s") % {
                "possible": possible, "total": len(self.judge_ids), "k": self.k,
                "detail": f": {detail}" if detail else ""}
        return _("%(missing)d judge(s) short: the judges who could review it have reached their capacity; raise a "
                 "capacity or add judges") % {"missing": missing}
