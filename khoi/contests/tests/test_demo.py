import datetime as dt
from collections import Counter

import pytest

from khoi.contests import demo
from khoi.contests.models import Contest, Entry, Question
from khoi.core.tests.once import rolled_back_after_module
from khoi.units import demo as units_demo


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        units_demo.load()
        yield demo.load()


@pytest.fixture
def demo_loaded(demo_for_module, db):
    return demo_for_module


def test_the_demo_contest_matches_the_seed_and_loads_once(demo_loaded):
    assert demo_loaded.startswith("200 questions, 4 rounds")
    assert demo.load() == "already loaded"
    contest = Contest.objects.get(slug=demo.SLUG)
    assert contest.title == "Tìm hiểu Nghị quyết Đại hội Đảng các cấp và lịch sử Đảng bộ Khối doanh nghiệp Hải Phòng"
    rounds = list(contest.rounds.order_by("number"))
    assert len(rounds) == 4
    assert rounds[0].opens_at.astimezone(demo.TZ).date() == dt.date(2021, 7, 20)
    assert rounds[-1].closes_at.astimezone(demo.TZ) == dt.datetime(2021, 8, 21, tzinfo=demo.TZ)
    assert Counter(Question.objects.values_list("topic__code", flat=True)) == {code: 40 for code, _n in demo.TOPICS}
    entries = Entry.objects.filter(round__contest=contest)
    assert entries.count() == sum(demo.ENTRIES_PER_ROUND)
    assert entries.filter(receipt_code__startswith="tmp").count() == 0
    assert entries.values("unit").distinct().count() > 50


def test_the_demo_bank_is_data_the_import_service_accepts():
    from collections import Counter

    from khoi.contests import demo

    questions = demo._bank_data()["questions"]
    assert len({question["text"] + "|".join(sorted(question["options"])) for question in questions}) == 200
    assert Counter(question["topic"] for question in questions) == {code: 40 for code, _n in demo.TOPICS}
    assert all(len(question["options"]) == 4 and question["correct"] for question in questions)
