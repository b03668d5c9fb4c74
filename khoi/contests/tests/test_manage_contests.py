"""Staff create a contest, its rounds (windows in Vietnam time) and its prizes from the pages."""

import datetime as dt
import zoneinfo

from django.urls import reverse

from khoi.contests.models import Contest, Prize, PrizeKind, PrizeScope

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_propaganda_board_creates_a_contest_a_round_and_its_prizes(propaganda_client, bank):
    response = propaganda_client.post(
        reverse("contests:contest_create"),
        {"title": "Tìm hiểu 95 năm Ngày Báo chí", "slug": "bao-chi-2020", "starts_per_ip_per_minute": "200"},
    )
    contest = Contest.objects.get(slug="bao-chi-2020")
    assert response["Location"] == reverse("contests:round_create", args=[contest.pk])
    first, second = bank.topics
    response = propaganda_client.post(
        reverse("contests:round_create", args=[contest.pk]),
        {
            "number": "1",
            "opens_at": "2021-07-20T00:00",
            "closes_at": "2021-07-26T23:59",
            "time_limit_minutes": "15",
            f"topic_{first.pk}": "3",
            f"topic_{second.pk}": "2",
        },
    )
    assert response.status_code == 302
    contest_round = contest.rounds.get()
    assert contest_round.opens_at == dt.datetime(2021, 7, 20, tzinfo=HCM)
    assert contest_round.closes_at == dt.datetime(2021, 7, 26, 23, 59, tzinfo=HCM)
    assert contest_round.time_limit_seconds == 900
    assert sorted(contest_round.draw_rules.values_list("count", flat=True)) == [2, 3]
    data = dict.fromkeys(("round__first", "round__second", "round__third", "round__consolation"), "0")
    data.update({"overall__first": "1", "overall__second": "2", "overall__third": "3", "overall__consolation": "5"})
    data.update({"round__first": "1", "overall__collective": "3"})
    assert propaganda_client.post(reverse("contests:contest_prizes", args=[contest.pk]), data).status_code == 302
    prizes = {(p.scope, p.kind): p.count for p in Prize.objects.filter(contest=contest)}
    assert prizes[(PrizeScope.OVERALL, PrizeKind.COLLECTIVE)] == 3
    assert prizes[(PrizeScope.ROUND, PrizeKind.FIRST)] == 1
    assert (PrizeScope.ROUND, PrizeKind.SECOND) not in prizes


def test_a_round_that_closes_before_it_opens_or_draws_too_much_is_refused(propaganda_client, contest, bank):
    first = bank.topics[0]
    response = propaganda_client.post(
        reverse("contests:round_create", args=[contest.pk]),
        {
            "number": "1",
            "opens_at": "2021-07-26T00:00",
            "closes_at": "2021-07-20T00:00",
            "time_limit_minutes": "15",
            f"topic_{first.pk}": "99",
        },
    )
    text = response.content.decode()
    assert "Thời gian đóng vòng thi phải sau thời gian mở." in text
    assert contest.rounds.count() == 0


def test_other_staff_cannot_create_contests(office_client, contest):
    assert office_client.get(reverse("contests:contest_create")).status_code == 403
    assert office_client.get(reverse("contests:round_create", args=[contest.pk])).status_code == 403
    assert office_client.get(reverse("contests:contest_prizes", args=[contest.pk])).status_code == 403
