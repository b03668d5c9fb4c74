"""The scheduler (pure, no database): invariants on random instances, and its goals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khoi.marketplace import scheduler
from khoi.marketplace.scheduler import MeetingSpec


@st.composite
def instances(draw):
    participants = draw(st.integers(min_value=2, max_value=14))
    slot_count = draw(st.integers(min_value=1, max_value=6))
    tables = draw(st.integers(min_value=1, max_value=4))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, participants - 1), st.integers(0, participants - 1)).filter(
                lambda p: p[0] != p[1]
            ),
            max_size=30,
            unique_by=lambda p: frozenset(p),
        )
    )
    meetings = [MeetingSpec(id=index + 1, first=a, second=b) for index, (a, b) in enumerate(pairs)]
    unavailable = {p: set(draw(st.lists(st.integers(1, slot_count), max_size=slot_count))) for p in range(participants)}
    return list(range(1, slot_count + 1)), tables, meetings, unavailable


@settings(max_examples=150, deadline=None)
@given(instances())
def test_random_schedules_never_break_a_rule(instance):
    slots, tables, meetings, unavailable = instance
    result = scheduler.schedule(slots=slots, tables=tables, meetings=meetings, unavailable=unavailable)
    assert (
        scheduler.conflicts(
            slots=slots, tables=tables, meetings=meetings, placements=result.placements, unavailable=unavailable
        )
        == []
    )
    assert set(result.placements) | set(result.unplaced) == {m.id for m in meetings}
    assert not set(result.placements) & set(result.unplaced)
    assert len(result.placements) <= scheduler.upper_bound(
        slots=slots, tables=tables, meetings=meetings, unavailable=unavailable
    )


@settings(max_examples=80, deadline=None)
@given(instances(), st.data())
def test_locked_meetings_stay_where_they_are(instance, data):
    slots, tables, meetings, unavailable = instance
    first = scheduler.schedule(slots=slots, tables=tables, meetings=meetings, unavailable=unavailable)
    locked_ids = data.draw(st.lists(st.sampled_from(sorted(first.placements) or [0]), unique=True, max_size=5))
    fixed = {meeting_id: first.placements[meeting_id] for meeting_id in locked_ids if meeting_id in first.placements}
    second = scheduler.schedule(slots=slots, tables=tables, meetings=meetings, unavailable=unavailable, fixed=fixed)
    for meeting_id, place in fixed.items():
        assert second.placements[meeting_id] == place
    assert (
        scheduler.conflicts(
            slots=slots, tables=tables, meetings=meetings, placements=second.placements, unavailable=unavailable
        )
        == []
    )


def test_every_meeting_is_placed_when_there_is_room():
    # A round robin of 6 participants (15 meetings) fits in 5 slots × 3 tables exactly.
    people = list(range(6))
    meetings = [
        MeetingSpec(id=i, first=a, second=b) for i, (a, b) in enumerate((a, b) for a in people for b in people if a < b)
    ]
    result = scheduler.schedule(slots=[1, 2, 3, 4, 5], tables=3, meetings=meetings)
    assert len(result.placements) == 15
    assert result.unplaced == []


def test_a_participant_unavailable_in_a_slot_never_meets_in_it():
    meetings = [MeetingSpec(id=1, first=1, second=2), MeetingSpec(id=2, first=1, second=3)]
    result = scheduler.schedule(slots=[1, 2, 3], tables=5, meetings=meetings, unavailable={1: {1, 2}})
    assert result.placements[1][0] == 3 or result.placements[2][0] == 3
    assert len(result.placements) == 1
    assert result.unplaced in ([1], [2])


def test_agendas_are_compact_when_they_can_be():
    meetings = [MeetingSpec(id=i, first=0, second=i) for i in range(1, 5)]
    result = scheduler.schedule(slots=list(range(1, 9)), tables=2, meetings=meetings)
    assert scheduler.idle_gaps(meetings=meetings, placements=result.placements) == 0


def test_fixed_meetings_that_conflict_are_refused():
    meetings = [MeetingSpec(id=1, first=1, second=2), MeetingSpec(id=2, first=1, second=3)]
    with pytest.raises(ValueError, match="conflicts"):
        scheduler.schedule(slots=[1, 2], tables=2, meetings=meetings, fixed={1: (1, 1), 2: (1, 2)})


def test_the_upper_bound_counts_room_and_each_participants_free_slots():
    meetings = [MeetingSpec(id=i, first=0, second=i) for i in range(1, 6)]
    assert scheduler.upper_bound(slots=[1, 2, 3], tables=10, meetings=meetings, unavailable={}) == 3
    assert scheduler.upper_bound(slots=[1, 2, 3], tables=1, meetings=meetings[:2], unavailable={}) == 2


def test_two_over_asked_participants_do_not_spend_their_one_slot_on_each_other():
    # 1 and 2 can each meet once; meeting each other would hold one meeting instead of two.
    meetings = [MeetingSpec(id=i, first=a, second=b) for i, (a, b) in enumerate([(1, 2), (1, 3), (2, 4)], start=1)]
    result = scheduler.schedule(slots=[1], tables=5, meetings=meetings)
    assert sorted(result.placements) == [2, 3]
    assert result.unplaced == [1]
