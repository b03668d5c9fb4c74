"""The meeting scheduler: accepted meetings onto slots and tables. Pure computation, no database.

Guarantees of every result (checked by `conflicts`): nobody in two places at once, no table used
twice in a slot, no meeting in a slot a participant cannot attend, fixed (locked) meetings stay
where they are. Goals, in order: as many meetings as possible, few idle gaps in each agenda.

Method: hardest meetings first (participants with few free slots and many meetings; of an
over-asked participant's meetings, those whose partner has the most room first, so that two
over-asked participants do not spend a slot each on one meeting), each into the feasible slot
closest to its participants' other meetings. Then, for each meeting left over, an augmenting search
moves the meetings that block it elsewhere (up to three levels deep, rolled back when it fails);
a meeting one of whose participants has no free slot left is not searched: moves cannot help it.
Last, exchanges: a placed meeting is taken out when that lets one waiting meeting of each of its
two participants in (one out, two in), until no exchange gains or time runs out. Locked meetings
never move. `bench/scheduler_optimum.py` compares the result with the exact optimum.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MeetingSpec:
    id: int
    first: int
    second: int


@dataclass
class ScheduleResult:
    placements: dict[int, tuple[int, int]] = field(default_factory=dict)  # meeting id → (slot, table)
    unplaced: list[int] = field(default_factory=list)


class _State:
    def __init__(self, slots: Sequence[int], tables: int, unavailable: Mapping[int, Iterable[int]]) -> None:
        self.slots = list(slots)
        self.tables = tables
        self.unavailable = {participant: set(values) for participant, values in unavailable.items()}
        slot_set = set(self.slots)
        self.away = {participant: len(values & slot_set) for participant, values in self.unavailable.items()}
        self.busy: dict[int, dict[int, int]] = defaultdict(dict)  # participant → slot → meeting
        self.tables_used: dict[int, dict[int, int]] = defaultdict(dict)  # slot → table → meeting
        self.placed: dict[int, tuple[int, int]] = {}
        self.journal: list[tuple[str, MeetingSpec, int, int]] = []
        self.budget = 0

    def free(self, participant: int, slot: int) -> bool:
        return slot not in self.busy[participant] and slot not in self.unavailable.get(participant, ())

    def saturated(self, participant: int) -> bool:
        """Busy in every slot they can attend: no move of other meetings can seat them again."""
        return len(self.busy[participant]) + self.away.get(participant, 0) >= len(self.slots)

    def has_table(self, slot: int) -> bool:
        return len(self.tables_used[slot]) < self.tables

    def feasible(self, meeting: MeetingSpec, slot: int) -> bool:
        return self.has_table(slot) and self.free(meeting.first, slot) and self.free(meeting.second, slot)

    def place(self, meeting: MeetingSpec, slot: int, table: int | None = None) -> None:
        if table is None:
            table = self.pick_table(meeting, slot)
        self.tables_used[slot][table] = meeting.id
        self.busy[meeting.first][slot] = meeting.id
        self.busy[meeting.second][slot] = meeting.id
        self.placed[meeting.id] = (slot, table)
        self.journal.append(("place", meeting, slot, table))

    def pick_table(self, meeting: MeetingSpec, slot: int) -> int:
        """A free table, preferably one a participant already sits at: fewer walks on the day."""
        taken = self.tables_used[slot]
        for participant in (meeting.first, meeting.second):
            for other in sorted(self.busy[participant], key=lambda s: abs(s - slot)):
                table = self.placed[self.busy[participant][other]][1]
                if table not in taken:
                    return table
        return next(t for t in range(1, self.tables + 1) if t not in taken)

    def remove(self, meeting: MeetingSpec) -> tuple[int, int]:
        slot, table = self.placed.pop(meeting.id)
        del self.tables_used[slot][table]
        del self.busy[meeting.first][slot]
        del self.busy[meeting.second][slot]
        self.journal.append(("remove", meeting, slot, table))
        return slot, table

    def undo_to(self, mark: int) -> None:
        """Roll back every place/remove done since `mark` (a length of the journal)."""
        while len(self.journal) > mark:
            action, meeting, slot, table = self.journal.pop()
            if action == "place":
                self.remove(meeting)
            else:
                self.place(meeting, slot, table)
            self.journal.pop()

    def gap_cost(self, meeting: MeetingSpec, slot: int) -> float:
        cost = 0.0
        for participant in (meeting.first, meeting.second):
            taken = self.busy[participant]
            if taken:
                cost += min(abs(slot - other) for other in taken) - 1
        # Tie-break: earlier slots first, so agendas start together and end early.
        return cost + slot * 0.001


def schedule(
    *,
    slots: Sequence[int],
    tables: int,
    meetings: Sequence[MeetingSpec],
    unavailable: Mapping[int, Iterable[int]] | None = None,
    fixed: Mapping[int, tuple[int, int]] | None = None,
    repair_seconds: float = 3.0,
) -> ScheduleResult:
    """Assign meetings to (slot, table). `fixed` meetings keep their place; raises ValueError if
    the fixed meetings themselves conflict. The repair search stops after `repair_seconds`."""
    state = _State(slots, tables, unavailable or {})
    by_id = {meeting.id: meeting for meeting in meetings}
    slot_set = set(slots)
    for meeting_id, (slot, table) in (fixed or {}).items():
        meeting = by_id[meeting_id]
        if slot not in slot_set or not 1 <= table <= tables or table in state.tables_used[slot]:
            raise ValueError(f"fixed meeting {meeting_id} has no valid place")
        if not (state.free(meeting.first, slot) and state.free(meeting.second, slot)):
            raise ValueError(f"fixed meeting {meeting_id} conflicts")
        state.place(meeting, slot, table)

    todo = [meeting for meeting in meetings if meeting.id not in state.placed]
    degree: dict[int, int] = defaultdict(int)
    for meeting in todo:
        degree[meeting.first] += 1
        degree[meeting.second] += 1

    def free_count(participant: int) -> int:
        return sum(1 for slot in slots if state.free(participant, slot))

    def difficulty(meeting: MeetingSpec) -> tuple[int, int, int]:
        first = free_count(meeting.first) - degree[meeting.first]
        second = free_count(meeting.second) - degree[meeting.second]
        slack = min(first, second)
        if slack < 0:
            # Over-asked: not every meeting can be held; hold those whose partner has room first.
            return (slack, -max(first, second), meeting.id)
        return (slack, -(degree[meeting.first] + degree[meeting.second]), meeting.id)

    todo.sort(key=difficulty)
    leftover: list[MeetingSpec] = []
    for meeting in todo:
        candidates = [slot for slot in slots if state.feasible(meeting, slot)]
        if not candidates:
            leftover.append(meeting)
            continue
        state.place(meeting, min(candidates, key=lambda slot: state.gap_cost(meeting, slot)))

    locked = set(fixed or {})
    room = len(state.slots) * tables
    deadline = time.perf_counter() + repair_seconds
    for meeting in leftover:
        if len(state.placed) >= room or time.perf_counter() > deadline:
            break
        state.budget = REPAIR_BUDGET
        _augment(state, meeting, by_id, locked, depth=REPAIR_DEPTH, banned={meeting.id})
    waiting = [meeting for meeting in leftover if meeting.id not in state.placed]
    if waiting and len(state.placed) < room:
        _exchange(state, waiting, by_id, locked, deadline=deadline)
    unplaced = sorted(meeting.id for meeting in meetings if meeting.id not in state.placed)
    return ScheduleResult(placements=dict(state.placed), unplaced=unplaced)


REPAIR_DEPTH = 3
REPAIR_BUDGET = 400  # search steps per meeting left over: keeps large conferences to seconds
EXCHANGE_DEPTH = 2
EXCHANGE_BUDGET = 60  # search steps per waiting meeting tried in an exchange


def _exchange(
    state: _State,
    waiting: list[MeetingSpec],
    by_id: Mapping[int, MeetingSpec],
    locked: set[int],
    *,
    deadline: float,
) -> None:
    """One out, two in: take a placed meeting out when one waiting meeting of each of its two
    participants can then be placed (with the augmenting search). Each exchange gains a meeting;
    passes repeat until none gains or the deadline passes. Locked meetings stay."""
    left = {meeting.id for meeting in waiting}
    improved = True
    while improved and left:
        improved = False
        of_participant: dict[int, list[MeetingSpec]] = defaultdict(list)
        for meeting_id in sorted(left):
            meeting = by_id[meeting_id]
            of_participant[meeting.first].append(meeting)
            of_participant[meeting.second].append(meeting)
        for meeting_id in sorted(state.placed):
            if meeting_id in locked or meeting_id not in state.placed:
                continue
            if time.perf_counter() > deadline:
                return
            meeting = by_id[meeting_id]
            sides = [
                [other for other in of_participant[participant] if other.id in left]
                for participant in (meeting.first, meeting.second)
            ]
            if not all(sides):
                continue
            mark = len(state.journal)
            state.remove(meeting)
            gained: list[int] = []
            for side in sides:
                for other in side:
                    if other.id in state.placed:
                        continue
                    state.budget = EXCHANGE_BUDGET
                    if _augment(state, other, by_id, locked, depth=EXCHANGE_DEPTH, banned={other.id, meeting_id}):
                        gained.append(other.id)
                        break
            if len(gained) < 2:
                state.undo_to(mark)
                continue
            left.difference_update(gained)
            left.add(meeting_id)
            of_participant[meeting.first].append(meeting)
            of_participant[meeting.second].append(meeting)
            improved = True


def _augment(
    state: _State,
    meeting: MeetingSpec,
    by_id: Mapping[int, MeetingSpec],
    locked: set[int],
    *,
    depth: int,
    banned: set[int],
) -> bool:
    """Place `meeting`, moving up to two meetings that block it (recursively, `depth` levels).
    Everything is rolled back when it fails."""
    state.budget -= 1
    if state.budget < 0 or state.saturated(meeting.first) or state.saturated(meeting.second):
        return False
    blocked = state.unavailable
    order = sorted(state.slots, key=lambda slot: state.gap_cost(meeting, slot))
    for slot in order:
        if slot in blocked.get(meeting.first, ()) or slot in blocked.get(meeting.second, ()):
            continue
        if state.feasible(meeting, slot):
            state.place(meeting, slot)
            return True
    if depth == 0:
        return False
    for slot in order:
        if slot in blocked.get(meeting.first, ()) or slot in blocked.get(meeting.second, ()):
            continue
        blockers = {state.busy[p][slot] for p in (meeting.first, meeting.second) if slot in state.busy[p]}
        # The meetings that block it; or, both being free but no table left, any one meeting there.
        options = [blockers] if blockers else [{other} for other in state.tables_used[slot].values()]
        for option in options:
            if option & (locked | banned):
                continue
            mark = len(state.journal)
            for other in option:
                state.remove(by_id[other])
            if not state.feasible(meeting, slot):
                state.undo_to(mark)
                continue
            state.place(meeting, slot)
            inner_banned = banned | option
            if all(
                _augment(state, by_id[other], by_id, locked, depth=depth - 1, banned=inner_banned) for other in option
            ):
                return True
            state.undo_to(mark)
    return False


def conflicts(
    *,
    slots: Sequence[int],
    tables: int,
    meetings: Sequence[MeetingSpec],
    placements: Mapping[int, tuple[int, int]],
    unavailable: Mapping[int, Iterable[int]] | None = None,
) -> list[str]:
    """Every broken rule in a schedule, as text; an empty list means the schedule is valid."""
    problems: list[str] = []
    blocked = {participant: set(values) for participant, values in (unavailable or {}).items()}
    seen_table: set[tuple[int, int]] = set()
    seen_person: set[tuple[int, int]] = set()
    slot_set = set(slots)
    for meeting in meetings:
        if meeting.id not in placements:
            continue
        slot, table = placements[meeting.id]
        if slot not in slot_set or not 1 <= table <= tables:
            problems.append(f"meeting {meeting.id}: no such slot or table")
        if (slot, table) in seen_table:
            problems.append(f"meeting {meeting.id}: table {table} used twice in slot {slot}")
        seen_table.add((slot, table))
        for participant in (meeting.first, meeting.second):
            if (participant, slot) in seen_person:
                problems.append(f"meeting {meeting.id}: participant {participant} in two places in slot {slot}")
            seen_person.add((participant, slot))
            if slot in blocked.get(participant, ()):
                problems.append(f"meeting {meeting.id}: participant {participant} unavailable in slot {slot}")
    return problems


def upper_bound(
    *, slots: Sequence[int], tables: int, meetings: Sequence[MeetingSpec], unavailable: Mapping[int, Iterable[int]]
) -> int:
    """No schedule can place more: the room (slots × tables), and the meetings minus those that must
    be lost because a participant has more meetings than available slots."""
    degree: dict[int, int] = defaultdict(int)
    for meeting in meetings:
        degree[meeting.first] += 1
        degree[meeting.second] += 1
    slot_set = set(slots)
    excess = [
        max(0, count - len(slot_set - set(unavailable.get(participant, ())))) for participant, count in degree.items()
    ]
    # Each participant loses its excess meetings; a lost meeting can count for both its participants.
    lost = max(max(excess, default=0), (sum(excess) + 1) // 2)
    return max(0, min(len(meetings) - lost, len(slots) * tables))


def idle_gaps(*, meetings: Sequence[MeetingSpec], placements: Mapping[int, tuple[int, int]]) -> int:
    """Free slots between a participant's first and last meeting, summed over participants."""
    taken: dict[int, list[int]] = defaultdict(list)
    for meeting in meetings:
        if meeting.id in placements:
            slot = placements[meeting.id][0]
            taken[meeting.first].append(slot)
            taken[meeting.second].append(slot)
    return sum(max(slots) - min(slots) + 1 - len(slots) for slots in taken.values())
