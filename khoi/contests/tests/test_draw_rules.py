import random
from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from khoi.contests import services
from khoi.contests.drawing import NotEnoughQuestions, draw_questions, is_correct, normalize_choice, score_answers
from khoi.contests.models import Question

from .factories import make_question


def test_a_draw_takes_the_rule_count_of_distinct_questions_from_each_topic():
    pool = {1: list(range(100, 120)), 2: list(range(200, 205))}
    draw = draw_questions(pool=pool, rules=[(1, 4), (2, 3)], rng=random.Random(1))
    ids = [qid for qid, _order in draw]
    assert len(ids) == len(set(ids)) == 7
    assert sum(1 for qid in ids if qid < 200) == 4
    assert sum(1 for qid in ids if qid >= 200) == 3


def test_every_option_order_is_a_permutation_and_orders_vary():
    pool = {1: list(range(50))}
    draw = draw_questions(pool=pool, rules=[(1, 50)], rng=random.Random(7))
    orders = [order for _qid, order in draw]
    assert all(sorted(order) == list("ABCD") for order in orders)
    assert len(set(orders)) > 5  # not always the same order


def test_two_participants_get_different_draws_and_question_orders():
    pool = {1: list(range(40))}
    first = draw_questions(pool=pool, rules=[(1, 10)], rng=random.Random(1))
    second = draw_questions(pool=pool, rules=[(1, 10)], rng=random.Random(2))
    assert first != second


def test_a_topic_with_too_few_questions_cannot_be_drawn():
    with pytest.raises(NotEnoughQuestions):
        draw_questions(pool={1: [1, 2]}, rules=[(1, 3)])


def test_scoring_counts_exact_answers_only_and_ignores_questions_outside_the_draw():
    draw = [[1, "ABCD"], [2, "DCBA"], [3, "BADC"]]
    correct = {1: "B", 2: "AC", 3: "D", 4: "A"}
    answers = {1: "B", 2: "A", 3: "D", 4: "A"}  # 2 is half right: no point; 4 was never drawn
    assert score_answers(draw=draw, answers=answers, correct=correct) == 2
    assert normalize_choice("ca") == "AC"
    assert is_correct("CA", "AC")
    with pytest.raises(ValueError):
        normalize_choice("E")


def test_entry_start_draws_per_round_rules_from_active_questions_only(start_entry, bank, open_round):
    inactive = make_question(bank.topics[0], active=False)
    seen: Counter[int] = Counter()
    for _ in range(25):
        entry = start_entry()
        ids = [int(qid) for qid, _order in entry.draw]
        topics = Counter(Question.objects.get(pk=qid).topic_id for qid in ids)
        assert topics == {bank.topics[0].pk: 3, bank.topics[1].pk: 2}
        assert inactive.pk not in ids
        seen.update(ids)
        assert entry.deadline_at - entry.started_at == open_round_limit(open_round)
    # Over 25 draws every active question of the first topic has come up.
    assert {q.pk for q in bank.questions[bank.topics[0].pk]} <= set(seen)


def open_round_limit(contest_round):
    import datetime as dt

    return dt.timedelta(seconds=contest_round.time_limit_seconds)


def test_a_round_cannot_draw_more_than_a_topic_has(contest, bank):
    with pytest.raises(ValidationError) as error:
        services.round_create(
            contest=contest,
            number=9,
            opens_at=open_round_time(0),
            closes_at=open_round_time(5),
            time_limit_seconds=600,
            draw=[(bank.topics[0], 50)],
        )
    assert "draw" in error.value.message_dict


def open_round_time(days):
    import datetime as dt

    from django.utils import timezone

    return timezone.now() + dt.timedelta(days=days)
