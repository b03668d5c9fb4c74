"""Test data for contests, built through the services."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from khoi.contests import services
from khoi.contests.models import Contest, Question, QuestionKind, Round, Topic

_counter = itertools.count(1)


def next_phone() -> str:
    """A fresh valid mobile number for each call ("0912 000 001", ...)."""
    return f"0912{next(_counter):06d}"


def next_address() -> str:
    number = next(_counter)
    return f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"


def make_topic(name: str | None = None) -> Topic:
    number = next(_counter)
    return services.topic_create(name=name or f"Chủ đề {number}", code=f"chu-de-{number}", position=number)


def make_question(
    topic: Topic, *, kind: str = QuestionKind.SINGLE, correct: str = "A", active: bool = True
) -> Question:
    number = next(_counter)
    return services.question_create(
        data=services.QuestionData(
            topic=topic,
            kind=kind,
            text=f"Câu hỏi thử số {number}?",
            options=[f"Phương án {letter} của câu {number}" for letter in "ABCD"],
            correct=correct,
            explanation="Giải thích.",
            is_active=active,
        )
    )


def make_contest(**fields: object) -> Contest:
    number = next(_counter)
    defaults: dict[str, object] = {
        "title": f"Cuộc thi thử {number}",
        "slug": f"cuoc-thi-{number}",
        "starts_per_ip_per_minute": 1000,
    }
    defaults.update(fields)
    return services.contest_create(**defaults)  # type: ignore[arg-type]


def make_round(
    contest: Contest,
    topics: list[tuple[Topic, int]],
    *,
    number: int = 1,
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
    time_limit_seconds: int = 600,
) -> Round:
    now = timezone.now()
    return services.round_create(
        contest=contest,
        number=number,
        opens_at=opens_at or now - dt.timedelta(days=1),
        closes_at=closes_at or now + dt.timedelta(days=6),
        time_limit_seconds=time_limit_seconds,
        draw=topics,
        prediction_question="Dự đoán có bao nhiêu người trả lời đúng tất cả các câu hỏi của tuần này?",
    )
