import datetime as dt

from django.utils import timezone

from khoi.contests import services
from khoi.contests.models import Entry, PrizeKind, PrizeScope, Question
from khoi.contests.ranking import Ranked, assign_prizes, rank_entries
from khoi.contests.selectors import contest_overall_ranking, round_ranking

T0 = dt.datetime(2021, 7, 20, 20, 0, tzinfo=dt.UTC)


def row(entry_id, score, prediction, seconds, submitted_minutes):
    return Ranked(entry_id, score, prediction, seconds * 1000, T0 + dt.timedelta(minutes=submitted_minutes))


def test_ranking_is_score_then_prediction_then_time_then_submission():
    rows = [
        row(1, 9, 50, 300, 0),  # lower score: last
        row(2, 10, 80, 300, 5),  # prediction off by 20
        row(3, 10, 95, 400, 5),  # off by 5, slower
        row(4, 10, 105, 200, 9),  # off by 5, faster: first
        row(5, 10, 95, 400, 1),  # same as 3 but submitted earlier
        row(6, 10, None, 100, 0),  # no prediction: after every prediction
    ]
    ranked = [r.entry_id for r in rank_entries(rows, true_figure=100)]
    assert ranked == [4, 5, 3, 2, 6, 1]


def test_prizes_go_down_the_ranking_in_order():
    winners = assign_prizes(["a", "b", "c", "d", "e"], [("first", 1), ("second", 2), ("third", 1)])
    assert winners == [("first", "a"), ("second", "b"), ("second", "c"), ("third", "d")]


def test_round_ranking_uses_the_number_of_perfect_entries_as_the_true_figure(start_entry, open_round, contest):
    services.prize_set(contest=contest, scope=PrizeScope.ROUND, kind=PrizeKind.FIRST, count=1)
    now = timezone.now()
    entries = [start_entry(now=now) for _ in range(3)]
    perfect, guess_two, guess_five = entries
    pool_correct = {q.pk: q.correct for q in Question.objects.all()}
    # Two perfect entries, with predictions 5 and 2; the true figure is 2.
    for entry, prediction in ((perfect, 5), (guess_two, 2)):
        answers: dict[int | str, str] = {int(qid): pool_correct[int(qid)] for qid, _o in entry.draw}
        services.entry_submit(entry=entry, answers=answers, prediction=prediction, now=now + dt.timedelta(minutes=1))
    services.entry_submit(entry=guess_five, answers={}, prediction=2, now=now + dt.timedelta(minutes=1))
    rows, true_figure = round_ranking(contest_round=open_round)
    assert true_figure == 2
    assert [r.entry_id for r in rows] == [guess_two.pk, perfect.pk, guess_five.pk]
    assert rows[0].prize == PrizeKind.FIRST and rows[1].prize == ""
    assert rows[0].masked_phone.count("*") == 4
    overall = contest_overall_ranking(contest=contest)
    assert [o.score for o in overall] == [5, 5, 0]
    assert Entry.objects.filter(submitted_at__isnull=False).count() == 3


def test_results_by_unit_count_people_and_average_score_and_say_when_workers_are_unknown(
    client, contest, open_round, start_entry, unit_a
):
    from django.urls import reverse

    from khoi.contests.selectors import UnitResult, contest_results_by_unit

    for _ in range(3):
        services.entry_submit(entry=start_entry())
    results = contest_results_by_unit(contest=contest)
    assert [(r.unit_id, r.participants, r.entries, r.average_score) for r in results] == [(unit_a.pk, 3, 3, 0.0)]
    assert UnitResult(1, "X", participants=27, entries=30, average_score=8.0, workers=270).share_of_workers == 10
    page = client.get(reverse("contests:results", args=[contest.slug])).content.decode()
    assert "khi số liệu báo cáo có chỉ tiêu số lao động" in page
