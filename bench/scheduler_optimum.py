"""The meeting scheduler against the exact optimum: how many meetings it places ÷ the most any
timetable could place, on instances small enough for an exact solver.

    .venv/bin/pip install -r bench/requirements-optimum.txt      # HiGHS (MIP solver), bench only
    .venv/bin/python bench/scheduler_optimum.py [--seeds 3] [--time-limit 60] [--large]

For each size and seed it draws an instance like a real conference (a few popular enterprises
everybody asks to meet, some participants unavailable in some slots, a few agreed meetings fixed
in their slot and table), then:
- solves the same problem exactly as a 0–1 program with HiGHS: x[m, s] = 1 when meeting m is held
  in slot s; every meeting at most once; nobody in two meetings in one slot; no meeting in a slot
  one of its participants cannot attend; at most `tables` meetings a slot; fixed meetings held in
  their slot. Tables are interchangeable (a slot's meetings take any distinct free tables; fixed
  meetings already have distinct ones), so these are exactly the rules `scheduler.conflicts`
  checks; maximise the number of meetings held;
- runs `scheduler.schedule` on it, checks its result breaks no rule and keeps the fixed meetings;
- prints placed, optimum, placed ÷ optimum and both times per instance, then the overall ratio
  (Σ placed ÷ Σ optimum) and the worst one.
With --large it also runs the two instances of bench/marketplace.py (1.500 requests, 12 slots, 40
and 100 tables) with the time limit: the solver's best timetable and its proven bound, so the
scheduler's figure there can be read against a bound tighter than `scheduler.upper_bound`.

The machine's reference-loop time and load average are printed with the figures.
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.contest_load import reference_loop_seconds  # noqa: E402
from khoi.marketplace import scheduler  # noqa: E402
from khoi.marketplace.scheduler import MeetingSpec  # noqa: E402

# (participants, accepted requests, slots, tables): people-bound, room-bound and mixed.
SIZES = [
    (16, 50, 5, 8),
    (24, 90, 6, 10),
    (30, 130, 6, 20),
    (30, 120, 8, 6),  # the room binds
    (40, 180, 8, 20),
    (50, 260, 10, 25),
    (60, 400, 12, 30),
]


@dataclass
class Instance:
    name: str
    slots: list[int]
    tables: int
    meetings: list[MeetingSpec]
    unavailable: dict[int, set[int]]
    fixed: dict[int, tuple[int, int]] = field(default_factory=dict)


def draw_instance(participants: int, requests: int, slot_count: int, tables: int, seed: int) -> Instance:
    """A conference in miniature: a tenth of the participants are popular (six times as many
    requests), one in five is away for one or two slots, one meeting in twenty was agreed."""
    rng = random.Random(seed * 1_000_003 + participants * 101 + requests)
    slots = list(range(1, slot_count + 1))
    popular = max(1, participants // 10)
    weights = [6 if p < popular else 1 for p in range(participants)]
    pairs: set[frozenset[int]] = set()
    while len(pairs) < min(requests, participants * (participants - 1) // 2):
        a, b = rng.choices(range(participants), weights=weights, k=2)
        if a != b:
            pairs.add(frozenset((a, b)))
    meetings = [MeetingSpec(id=i + 1, first=min(p), second=max(p)) for i, p in enumerate(sorted(pairs, key=sorted))]
    unavailable = {p: set(rng.sample(slots, rng.randint(1, 2))) for p in range(participants) if rng.random() < 0.2}
    fixed: dict[int, tuple[int, int]] = {}
    busy: set[tuple[int, int]] = set()
    used: set[tuple[int, int]] = set()
    for meeting in rng.sample(meetings, len(meetings) // 20):
        slot, table = rng.choice(slots), rng.randint(1, tables)
        people = ((meeting.first, slot), (meeting.second, slot))
        away = slot in unavailable.get(meeting.first, ()) or slot in unavailable.get(meeting.second, ())
        if away or (slot, table) in used or any(person in busy for person in people):
            continue
        fixed[meeting.id] = (slot, table)
        used.add((slot, table))
        busy.update(people)
    name = f"{participants} participants, {len(meetings)} requests, {slot_count} slots × {tables} tables, seed {seed}"
    return Instance(name, slots, tables, meetings, unavailable, fixed)


def large_instance(tables: int) -> Instance:
    """The scheduler instance of bench/marketplace.py, drawn the same way."""
    rng = random.Random(1500)
    participants = 200
    slots = list(range(1, 13))
    pairs: set[frozenset[int]] = set()
    weights = [1 + (5 if p < 20 else 0) for p in range(participants)]
    while len(pairs) < 1500:
        a, b = rng.choices(range(participants), weights=weights, k=2)
        if a != b:
            pairs.add(frozenset((a, b)))
    meetings = [MeetingSpec(id=i, first=min(p), second=max(p)) for i, p in enumerate(sorted(pairs, key=sorted))]
    unavailable = {p: set(rng.sample(slots, 2)) for p in range(participants) if p % 7 == 0}
    name = f"bench/marketplace.py: 200 participants, 1500 requests, 12 slots × {tables} tables"
    return Instance(name, slots, tables, meetings, unavailable)


def load_highspy() -> Any:
    try:
        return importlib.import_module("highspy")
    except ImportError:
        sys.exit(
            "This bench needs the HiGHS solver (bench only, not an app dependency):\n"
            "    .venv/bin/pip install -r bench/requirements-optimum.txt"
        )


@dataclass
class Exact:
    best: int  # meetings in the best timetable found
    bound: int  # no timetable holds more
    seconds: float

    @property
    def proven(self) -> bool:
        return self.best == self.bound


def solve_exact(instance: Instance, *, time_limit: float) -> Exact:
    """Maximum number of meetings held, as a 0–1 program (see the module's docstring)."""
    highspy = load_highspy()
    model = highspy.Highs()
    model.setOptionValue("output_flag", False)
    model.setOptionValue("time_limit", float(time_limit))
    model.setOptionValue("threads", 1)  # the machine is shared
    model.setOptionValue("mip_abs_gap", 0.999)  # the objective is a count: a gap under 1 is optimal
    model.setOptionValue("mip_rel_gap", 0.0)
    held: dict[tuple[int, int], Any] = {}
    for meeting in instance.meetings:
        if meeting.id in instance.fixed:
            options = [instance.fixed[meeting.id][0]]
        else:
            away = instance.unavailable.get(meeting.first, set()) | instance.unavailable.get(meeting.second, set())
            options = [slot for slot in instance.slots if slot not in away]
        for slot in options:
            held[meeting.id, slot] = model.addBinary()
    for meeting_id, (slot, _table) in instance.fixed.items():
        model.changeColBounds(held[meeting_id, slot].index, 1.0, 1.0)
    by_meeting: dict[int, list[Any]] = {}
    by_person_slot: dict[tuple[int, int], list[Any]] = {}
    by_slot: dict[int, list[Any]] = {}
    specs = {meeting.id: meeting for meeting in instance.meetings}
    for (meeting_id, slot), variable in held.items():
        meeting = specs[meeting_id]
        by_meeting.setdefault(meeting_id, []).append(variable)
        by_person_slot.setdefault((meeting.first, slot), []).append(variable)
        by_person_slot.setdefault((meeting.second, slot), []).append(variable)
        by_slot.setdefault(slot, []).append(variable)
    for variables in by_meeting.values():
        if len(variables) > 1:
            model.addConstr(model.qsum(variables) <= 1)
    for variables in by_person_slot.values():
        if len(variables) > 1:
            model.addConstr(model.qsum(variables) <= 1)
    for variables in by_slot.values():
        if len(variables) > instance.tables:
            model.addConstr(model.qsum(variables) <= instance.tables)
    started = time.perf_counter()
    model.maximize(model.qsum(list(held.values())))
    seconds = time.perf_counter() - started
    info = model.getInfo()
    best = round(info.objective_function_value)
    bound = int(info.mip_dual_bound + 1e-6)
    return Exact(best=best, bound=max(best, bound), seconds=seconds)


@dataclass
class Ours:
    placed: int
    seconds: float


def run_ours(instance: Instance) -> Ours:
    started = time.perf_counter()
    result = scheduler.schedule(
        slots=instance.slots,
        tables=instance.tables,
        meetings=instance.meetings,
        unavailable=instance.unavailable,
        fixed=instance.fixed,
    )
    seconds = time.perf_counter() - started
    problems = scheduler.conflicts(
        slots=instance.slots,
        tables=instance.tables,
        meetings=instance.meetings,
        placements=result.placements,
        unavailable=instance.unavailable,
    )
    moved = [m for m, place in instance.fixed.items() if result.placements.get(m) != place]
    if problems or moved:
        sys.exit(f"{instance.name}: the scheduler broke a rule: {problems[:3]} fixed moved: {moved[:3]}")
    return Ours(placed=len(result.placements), seconds=seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=3, help="instances drawn per size (default 3)")
    parser.add_argument("--time-limit", type=float, default=60.0, help="solver seconds per instance (default 60)")
    parser.add_argument("--large", action="store_true", help="also bound bench/marketplace.py's two instances")
    args = parser.parse_args()
    load_highspy()
    print(
        f"scheduler vs exact optimum (HiGHS {load_highspy().Highs().version()}, time limit {args.time_limit:.0f} s); "
        f"machine: {os.cpu_count()} CPUs, reference loop {reference_loop_seconds():.2f} s (lower is faster), "
        f"load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}",
        flush=True,
    )
    total_placed = total_optimum = 0
    worst = 1.0
    unproven = 0
    ours_seconds = exact_seconds = 0.0
    instances = [draw_instance(*size, seed=seed) for size in SIZES for seed in range(1, args.seeds + 1)]
    for instance in instances:
        exact = solve_exact(instance, time_limit=args.time_limit)
        ours = run_ours(instance)
        # Against the proven bound: when the solver ran out of time the ratio is understated, never flattered.
        ratio = ours.placed / exact.bound if exact.bound else 1.0
        worst = min(worst, ratio)
        total_placed += ours.placed
        total_optimum += exact.bound
        unproven += not exact.proven
        ours_seconds += ours.seconds
        exact_seconds += exact.seconds
        optimum = f"{exact.best}" if exact.proven else f"{exact.best} (bound {exact.bound}, not proven)"
        print(
            f"  {instance.name}, {len(instance.fixed)} fixed: placed {ours.placed}, optimum {optimum}, "
            f"ratio {ratio:.1%}; ours {ours.seconds * 1000:.0f} ms, solver {exact.seconds:.1f} s",
            flush=True,
        )
    print(
        f"overall: placed {total_placed} of {total_optimum} optimum ({total_placed / max(1, total_optimum):.2%}), "
        f"worst instance {worst:.1%}, {len(instances)} instances ({unproven} not proven optimal in the time limit); "
        f"ours {ours_seconds:.2f} s in all, solver {exact_seconds:.1f} s; "
        f"load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}",
        flush=True,
    )
    if args.large:
        for tables in (40, 100):
            instance = large_instance(tables)
            ours = run_ours(instance)
            exact = solve_exact(instance, time_limit=args.time_limit)
            bound = scheduler.upper_bound(
                slots=instance.slots, tables=tables, meetings=instance.meetings, unavailable=instance.unavailable
            )
            print(
                f"  {instance.name}: placed {ours.placed} in {ours.seconds:.2f} s; solver after {exact.seconds:.0f} s: "
                f"best {exact.best}, proven bound {exact.bound} (scheduler.upper_bound {bound}); "
                f"placed ÷ proven bound {ours.placed / max(1, exact.bound):.1%}; "
                f"load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}",
                flush=True,
            )


if __name__ == "__main__":
    main()
