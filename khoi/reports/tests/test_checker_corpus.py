"""The checker's own corpus: enough passages and altered copies, labels whose arithmetic is right,
and the goal held (every labelled contradiction found, nothing consistent flagged)."""

from khoi.reports.tests.corpus import load, verify
from khoi.reports.tests.corpus.measure import measure


def test_the_corpus_has_sixty_passages_and_twenty_altered_copies():
    passages = load()
    originals = [p for p in passages if not p.altered_from]
    assert len(originals) >= 60
    assert len(passages) - len(originals) >= 20
    assert len({p.id for p in passages}) == len(passages)


def test_every_labelled_computation_is_arithmetically_right():
    wrong = [f"{p.id}: {problem}" for p in load() for label in p.labels if (problem := verify(label))]
    assert wrong == []


def test_every_altered_copy_carries_exactly_one_contradiction_more_than_its_original():
    passages = load()
    by_id = {p.id: p for p in passages}
    for copy in (p for p in passages if p.altered_from):
        original = by_id[copy.altered_from]
        added = sum(not label.consistent for label in copy.labels) - sum(
            not label.consistent for label in original.labels
        )
        assert added == 1, copy.id


def test_the_checker_finds_every_labelled_contradiction_and_flags_nothing_consistent():
    report = measure(load())
    assert report.false_alarms == []
    assert report.missed == []
    assert report.recall >= 0.95
