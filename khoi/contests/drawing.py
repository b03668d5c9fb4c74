"""The draw and the score: pure functions, no database.

A draw is a list of (question id, option order), e.g. [(12, "CADB"), (40, "BDAC")]: the
participant sees option C of question 12 first. Answers are kept in the original letters, so a
shuffled display never changes what is right.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Mapping, Sequence

LETTERS = "ABCD"
_system_random = secrets.SystemRandom()


class NotEnoughQuestions(ValueError):
    """A topic has fewer active questions than the round draws from it."""

    def __init__(self, topic_id: int, wanted: int, available: int) -> None:
        super().__init__(topic_id, wanted, available)
        self.topic_id = topic_id
        self.wanted = wanted
        self.available = available


def draw_questions(
    *,
    pool: Mapping[int, Sequence[int]],
    rules: Sequence[tuple[int, int]],
    rng: random.Random | None = None,
) -> list[tuple[int, str]]:
    """`count` distinct questions from each rule's topic, in a shuffled order, options shuffled."""
    rng = rng or _system_random
    chosen: list[int] = []
    for topic_id, count in rules:
        available = list(pool.get(topic_id, ()))
        if len(available) < count:
            raise NotEnoughQuestions(topic_id, count, len(available))
        chosen.extend(rng.sample(available, count))
    rng.shuffle(chosen)
    draw = []
    for question_id in chosen:
        order = list(LETTERS)
        rng.shuffle(order)
        draw.append((question_id, "".join(order)))
    return draw


def drawn_question_ids(draw: Sequence[Sequence[object]]) -> list[int]:
    """The question ids of an entry's draw ([[question id, option order], …]), in drawn order."""
    return [int(str(item[0])) for item in draw]


def normalize_choice(letters: str | Sequence[str]) -> str:
    """ "ca", ["C", "A"] → "AC": sorted, unique, only A–D; raises ValueError on anything else."""
    text = "".join(letters).upper()
    if any(letter not in LETTERS for letter in text):
        raise ValueError(text)
    return "".join(letter for letter in LETTERS if letter in text)


def is_correct(choice: str, correct: str) -> bool:
    return bool(choice) and normalize_choice(choice) == correct


def score_answers(*, draw: Sequence[Sequence[object]], answers: Mapping[int, str], correct: Mapping[int, str]) -> int:
    """One point per drawn question answered exactly right (all the right options, no others)."""
    score = 0
    for item in draw:
        question_id = int(item[0])  # type: ignore[call-overload]
        choice = answers.get(question_id, "")
        if choice and question_id in correct and is_correct(choice, correct[question_id]):
            score += 1
    return score
