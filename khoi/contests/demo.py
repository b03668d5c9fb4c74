"""The 2021 contest of the seed "2021-07-16-so-ket-6-thang": bank, rounds, prizes, entries.

"Tìm hiểu Nghị quyết Đại hội Đảng các cấp và lịch sử Đảng bộ Khối doanh nghiệp Hải Phòng",
20/7/2021 – 20/8/2021, four weekly rounds of 10 questions (2 per topic) in 15 minutes, a
200-question bank and about 3,000 synthetic entries from the bloc's units.

The bank is data, demo_data/questions.json (40 questions on each of the five topics), loaded
through the question import service. Its questions come from the contents of the seed articles
(the bloc's first-half 2021 results, its resolutions and events) and well-known facts of the
documents the contest names (the 13th National Party Congress, Resolution 45-NQ/TW on Hai Phong);
wrong options are altered figures or neighbouring facts.
Deterministic (fixed seeds; tokens derived from SECRET_KEY) and idempotent.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import random
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from khoi.core.demo_files import demo_data
from khoi.units.models import UnitKind
from khoi.units.selectors import unit_list_active_on

from . import selectors, services
from .drawing import draw_questions, score_answers
from .models import Answer, Contest, Entry, FinishedBy, PrizeKind, PrizeScope, Question, Topic

SLUG = "tim-hieu-nghi-quyet-2021"
TITLE = "Tìm hiểu Nghị quyết Đại hội Đảng các cấp và lịch sử Đảng bộ Khối doanh nghiệp Hải Phòng"
TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
ROUNDS = [
    (dt.date(2021, 7, 20), dt.date(2021, 7, 26)),
    (dt.date(2021, 7, 27), dt.date(2021, 8, 2)),
    (dt.date(2021, 8, 3), dt.date(2021, 8, 9)),
    (dt.date(2021, 8, 10), dt.date(2021, 8, 20)),
]
ENTRIES_PER_ROUND = [650, 720, 800, 980]
PEOPLE = 1800
PREDICTION_QUESTION = "Dự đoán có bao nhiêu người trả lời đúng tất cả các câu hỏi của tuần này?"
RULES = "\n".join(
    [
        "Đối tượng dự thi: cán bộ, đảng viên, đoàn viên, hội viên và người lao động trong Đảng bộ Khối "
        "Doanh nghiệp thành phố.",
        "Cuộc thi gồm 4 vòng theo tuần, từ ngày 20/7/2021 đến hết ngày 20/8/2021. Mỗi vòng, mỗi người dự thi "
        "một lần: 10 câu hỏi trắc nghiệm rút ngẫu nhiên từ ngân hàng câu hỏi (2 câu mỗi chủ đề), làm trong "
        "15 phút, và trả lời câu hỏi dự đoán.",
        "Xếp hạng theo số câu trả lời đúng; nếu bằng nhau, theo dự đoán gần đúng nhất; tiếp theo là thời gian "
        "làm bài ít hơn; cuối cùng là người nộp bài sớm hơn.",
        "Mỗi vòng có 1 giải nhất, 2 giải nhì, 3 giải ba và 10 giải khuyến khích; toàn cuộc thi có giải chung "
        "cuộc và giải tập thể cho 3 đơn vị có nhiều người tham gia nhất.",
        "Ban Tổ chức chỉ dùng số điện thoại để liên hệ trao giải; số điện thoại không được công bố đầy đủ.",
    ]
)

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đỗ",
    "Bùi",
    "Đặng",
    "Ngô",
    "Dương",
    "Lý",
    "Đào",
    "Mạc",
    "Phan",
]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng"]
GIVEN_M = ["Hùng", "Dũng", "Nam", "Tuấn", "Long", "Hải", "Sơn", "Thắng", "Cường", "Khánh", "Phong", "Trung", "Đạt"]
GIVEN_F = ["Lan", "Hương", "Hoa", "Mai", "Linh", "Trang", "Hạnh", "Nga", "Thảo", "Yến", "Huyền", "Phương", "Thủy"]
OTHER_UNITS = [
    "Công đoàn cơ sở Công ty TNHH Thương mại Lạch Tray",
    "Đoàn Thanh niên Cảng Đình Vũ",
    "Hộ kinh doanh cá thể",
]


def load() -> str:
    if Contest.objects.filter(slug=SLUG).exists():
        return "already loaded"
    with transaction.atomic():
        summary = _load()
    selectors.round_pool_forget()
    return summary


@functools.cache
def _bank_data() -> dict[str, Any]:
    """The demo bank as data: {"topics": [{code, name}], "questions": [{topic (a code), kind, text,
    options (four), correct ("B", "AC"), explanation, difficulty}]}."""
    data: dict[str, Any] = demo_data(__file__, "questions.json")
    return data


TOPICS = [(topic["code"], topic["name"]) for topic in _bank_data()["topics"]]


def _aware(day: dt.date, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=TZ)


def _bank() -> dict[str, Topic]:
    """The 200 demo questions, from demo_data/questions.json through the question import service
    (every row validated as an uploaded workbook's would be)."""
    topics = {}
    for position, (code, name) in enumerate(TOPICS, start=1):
        topic = Topic.objects.filter(code=code).first() or services.topic_create(
            name=name, code=code, position=position
        )
        topics[code] = topic
    if Question.objects.filter(topic__in=topics.values()).exists():
        return topics
    rows = [{"line": line, **row, "is_active": True} for line, row in enumerate(_bank_data()["questions"], start=1)]
    services.questions_import(rows=rows)
    return topics


@dataclass(frozen=True)
class Person:
    name: str
    phone: str
    unit_id: int | None
    other_unit: str
    birth_year: int | None
    skill: float


def _people(rng: random.Random, units: list[tuple[int, str, str]]) -> list[Person]:
    """Synthetic participants. Bigger organisations (đảng bộ cơ sở) send more people than cells, and
    the two business associations (no tax code, a handful of staff) very few."""
    people = []
    unit_ids = [pk for pk, _kind, _tax in units]
    weights = [(3.0 if kind == UnitKind.BASE_COMMITTEE else 1.0) if tax else 0.15 for _pk, kind, tax in units]
    for index in range(PEOPLE):
        female = rng.random() < 0.45
        name = " ".join(
            [
                rng.choice(FAMILY),
                rng.choice(MIDDLE_F if female else MIDDLE_M),
                rng.choice(GIVEN_F if female else GIVEN_M),
            ]
        )
        prefix = rng.choice(["90", "91", "93", "94", "98", "97", "96", "86", "88", "89", "70", "77", "78", "33", "35"])
        phone = f"+84{prefix}{1000000 + index * 4973 % 8999999:07d}"
        unit: int | None = None
        if unit_ids and rng.random() > 0.03:
            unit = rng.choices(unit_ids, weights=weights)[0]
        people.append(
            Person(
                name=name,
                phone=phone,
                unit_id=unit,
                other_unit="" if unit else rng.choice(OTHER_UNITS),
                birth_year=rng.randint(1965, 2002) if rng.random() < 0.7 else None,
                skill=rng.uniform(0.55, 0.97),
            )
        )
    return people


def _token(round_number: int, index: int) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"demo-entry:{round_number}:{index}".encode(), hashlib.sha256)
    return digest.hexdigest()[:24]


def _load() -> str:
    topics = _bank()
    contest = services.contest_create(
        title=TITLE,
        slug=SLUG,
        organiser="Đảng ủy Khối Doanh nghiệp thành phố Hải Phòng – Ban Tuyên giáo",
        rules=RULES,
        starts_per_ip_per_minute=60,
    )
    for scope, prizes in (
        (
            PrizeScope.ROUND,
            [(PrizeKind.FIRST, 1), (PrizeKind.SECOND, 2), (PrizeKind.THIRD, 3), (PrizeKind.CONSOLATION, 10)],
        ),
        (
            PrizeScope.OVERALL,
            [
                (PrizeKind.FIRST, 1),
                (PrizeKind.SECOND, 2),
                (PrizeKind.THIRD, 3),
                (PrizeKind.CONSOLATION, 5),
                (PrizeKind.COLLECTIVE, 3),
            ],
        ),
    ):
        for kind, count in prizes:
            services.prize_set(contest=contest, scope=scope, kind=kind, count=count)
    rounds = []
    for number, (first_day, last_day) in enumerate(ROUNDS, start=1):
        rounds.append(
            services.round_create(
                contest=contest,
                number=number,
                title=f"Tuần {number} ({first_day:%d/%m} – {last_day:%d/%m/%Y})",
                opens_at=_aware(first_day),
                closes_at=_aware(last_day + dt.timedelta(days=1)),
                time_limit_seconds=15 * 60,
                draw=[(topic, 2) for topic in topics.values()],
                prediction_question=PREDICTION_QUESTION,
            )
        )
    rng = random.Random(20210820)
    units = list(unit_list_active_on(on_date=ROUNDS[0][0]).order_by("code").values_list("id", "kind", "tax_code"))
    people = _people(rng, units)
    questions = {q.pk: q for q in Question.objects.filter(topic__in=topics.values())}
    pool = {topic.pk: sorted(q.pk for q in questions.values() if q.topic_id == topic.pk) for topic in topics.values()}
    correct = {pk: q.correct for pk, q in questions.items()}
    total_entries = 0
    for contest_round, wanted in zip(rounds, ENTRIES_PER_ROUND, strict=True):
        rules = [(topic.pk, 2) for topic in topics.values()]
        entries: list[Entry] = []
        answer_sets: list[dict[int, tuple[str, dt.datetime]]] = []
        days = (contest_round.closes_at - contest_round.opens_at).days
        for index, person in enumerate(rng.sample(people, wanted)):
            draw = draw_questions(pool=pool, rules=rules, rng=rng)
            answers: dict[int, str] = {}
            for question_id, _order in draw:
                if rng.random() < 0.04:
                    continue  # left unanswered
                right = correct[question_id]
                if rng.random() < person.skill:
                    answers[question_id] = right
                else:
                    wrong = [letter for letter in "ABCD" if letter not in right]
                    answers[question_id] = rng.choice(wrong)
            # Most people take part in the evening, and more in the last days of the round.
            day = min(days - 1, int(days * (1 - rng.random() ** 1.6)))
            hour = rng.choice([6, 7, 11, 12, 19, 20, 20, 21, 21, 21, 22, 22, 23])
            started = contest_round.opens_at + dt.timedelta(
                days=day, hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60)
            )
            taken = dt.timedelta(seconds=rng.randint(150, 14 * 60))
            timed_out = rng.random() < 0.02
            deadline = started + dt.timedelta(seconds=contest_round.time_limit_seconds)
            submitted = deadline if timed_out else started + taken
            entries.append(
                Entry(
                    round=contest_round,
                    name=person.name,
                    phone=person.phone,
                    unit_id=person.unit_id,
                    other_unit=person.other_unit,
                    birth_year=person.birth_year,
                    token=_token(contest_round.number, index),
                    draw=[[qid, order] for qid, order in draw],
                    prediction=max(0, int(rng.gauss(60, 35))) if rng.random() < 0.95 else None,
                    started_at=started,
                    deadline_at=deadline,
                    submitted_at=submitted,
                    finished_by=FinishedBy.TIME_LIMIT if timed_out else FinishedBy.PARTICIPANT,
                    score=score_answers(draw=draw, answers=answers, correct=correct),
                    time_taken_ms=int((submitted - started).total_seconds() * 1000),
                    receipt_code=f"tmp-{contest_round.number}-{index}",
                )
            )
            saved_at = min(started + taken * 0.8, deadline)
            answer_sets.append({qid: (choice, saved_at) for qid, choice in answers.items()})
        Entry.objects.bulk_create(entries, batch_size=1000)
        for entry in entries:
            entry.receipt_code = services.receipt_code_for(entry.pk)
        Entry.objects.bulk_update(entries, ["receipt_code"], batch_size=1000)
        Answer.objects.bulk_create(
            [
                Answer(entry_id=entry.pk, question_id=qid, choice=choice, saved_at=saved)
                for entry, saved_answers in zip(entries, answer_sets, strict=True)
                for qid, (choice, saved) in saved_answers.items()
            ],
            batch_size=5000,
        )
        total_entries += len(entries)
    return f"{Question.objects.count()} questions, {len(rounds)} rounds, {total_entries} entries"
