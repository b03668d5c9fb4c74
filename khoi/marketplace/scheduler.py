"""The meeting scheduler: accepted meetings onto slots and tables. Pure computation, no database.

Guarantees of every result (checked by `conflicts`): nobody in two places at once, no table used
twice in a slot, no meeting in a slot a participant cannot attend, fixed (locked) meetings stay
where they are. Goals, in order: as many meetings as possible, few idle gaps in each agenda.

Method: hardest meetings first (participants with few free slots and many meetings), each into
the feasible slot closest to its participants' other meetings; then a repair pass moves one
blocking meeting elsewhere to make room for each meeting left over.
"""

from __future__ import annotations

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
        self.busy: dict[int, dict[int, int]] = defaultdict(dict)  # participant → slot → meeting
        self.tables_used: dict[int, dict[int, int]] = defaultdict(dict)  # slot → table → meeting
        self.placed: dict[int, tuple[int, int]] = {}

    def free(self, participant: int, slot: int) -> bool:
        return slot not in self.busy[participant] and slot not in self.unavailable.get(participant, ())

    def has_table(self, slot: int) -> bool:
        return len(self.tables_used[slot]) < self.tables

    def feasible(self, meeting: MeetingSpec, slot: int) -> bool:
        return self.has_table(slot) and self.free(meeting.first, slot) and self.free(meeting.second, slot)

    def place(self, meeting: MeetingSpec, slot: int, table: int | None = None) -> None:
        if table is None:
            table = next(t for t in range(1, self.tables + 1) if t not in self.tables_used[slot])
        self.tables_used[slot][table] = meeting.id
        self.busy[meeting.first][slot] = meeting.id
        self.busy[meeting.second][slot] = meeting.id
        self.placed[meeting.id] = (slot, table)

    def remove(self, meeting: MeetingSpec) -> tuple[int, int]:
        slot, table = self.placed.pop(meeting.id)
        del self.tables_used[slot][table]
        del self.busy[meeting.first][slot]
        del self.busy[meeting.second][slot]
        return slot, table

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
) -> ScheduleResult:
    """Assign meetings to (slot, table). `fixed` meetings keep their place; raises ValueError if
    the fixed meetings themselves conflict."""
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
        slack = min(
            free_count(meeting.first) - degree[meeting.first], free_count(meeting.second) - degree[meeting.second]
        )
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
    unplaced: list[int] = []
    for meeting in leftover:
        if not _repair(state, meeting, by_id, locked):
            unplaced.append(meeting.id)
    return ScheduleResult(placements=dict(state.placed), unplaced=sorted(unplaced))


def _repair(state: _State, meeting: MeetingSpec, by_id: Mapping[int, MeetingSpec], locked: set[int]) -> bool:
    """Make room for `meeting` by moving one meeting that blocks it to another slot."""
    for slot in state.slots:
        if slot in state.unavailable.get(meeting.first, ()) or slot in state.unavailable.get(meeting.second, ()):
            continue
        blockers = {state.busy[p][slot] for p in (meeting.first, meeting.second) if slot in state.busy[p]}
        if not blockers and not state.has_table(slot):
            blockers_pool = [m for m in state.tables_used[slot].values() if m not in locked]
        elif len(blockers) == 1:
            blockers_pool = list(blockers - locked)
        else:
            continue
        for blocker_id in blockers_pool:
            blocker = by_id[blocker_id]
            old_slot, old_table = state.remove(blocker)
            target = next(
                (s for s in state.slots if s != slot and state.feasible(blocker, s)),
                None,
            )
            if target is not None and state.feasible(meeting, slot):
                state.place(blocker, target)
                state.place(meeting, slot)
                return True
            state.place(blocker, old_slot, old_table)
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
    """No schedule can place more: min of the meetings, the room (slots × tables), and half the sum
    over participants of min(their meetings, their available slots)."""
    degree: dict[int, int] = defaultdict(int)
    for meeting in meetings:
        degree[meeting.first] += 1
        degree[meeting.second] += 1
    slot_set = set(slots)
    per_person = sum(
        min(count, len(slot_set - set(unavailable.get(participant, ())))) for participant, count in degree.items()
    )
    return min(len(meetings), len(slots) * tables, per_person // 2)


def idle_gaps(*, meetings: Sequence[MeetingSpec], placements: Mapping[int, tuple[int, int]]) -> int:
    """Free slots between a participant's first and last meeting, summed over participants."""
    taken: dict[int, list[int]] = defaultdict(list)
    for meeting in meetings:
        if meeting.id in placements:
            slot = placements[meeting.id][0]
            taken[meeting.first].append(slot)
            taken[meeting.second].append(slot)
    return sum(max(slots) - min(slots) + 1 - len(slots) for slots in taken.values())
