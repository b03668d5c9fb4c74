"""Online contests without accounts: a question bank, contests with rounds, and entries.

An entry is created when a participant starts a round (one per phone per round, enforced by the
database), keeps the draw the server made and its deadline, collects autosaved answers, and is
finalised once: by the participant (submit) or by the time limit (lazy finalisation or the
`contests_close_expired` command). Only a finalised entry has a receipt code.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from khoi.core.models import Versioned
from khoi.core.text import TEXT_MAX_LENGTH

OPTION_LETTERS = "ABCD"


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(pgettext_lazy("contest", "position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")


class Difficulty(models.IntegerChoices):
    EASY = 1, pgettext_lazy("contest", "Easy")
    MEDIUM = 2, pgettext_lazy("contest", "Medium")
    HARD = 3, pgettext_lazy("contest", "Hard")


class Question(Versioned):
    """Four options A–D; `correct` holds the letters of the right ones in order ("B", "AC")."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="questions", verbose_name=_("topic"))
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    text = models.TextField(_("question"), max_length=TEXT_MAX_LENGTH)
    option_a = models.CharField(_("option A"), max_length=500)
    option_b = models.CharField(_("option B"), max_length=500)
    option_c = models.CharField(_("option C"), max_length=500)
    option_d = models.CharField(_("option D"), max_length=500)
    correct = models.CharField(_("correct options"), max_length=4)
    explanation = models.TextField(_("explanation"), max_length=TEXT_MAX_LENGTH, blank=True)
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"), choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    is_active = models.BooleanField(pgettext_lazy("contest", "active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["topic__position", "topic_id", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=Q(correct__in=["A", "B", "C", "D"])
                | Q(kind=QuestionKind.MULTIPLE, correct__regex=r"^A?B?C?D?$") & ~Q(correct=""),
                name="question_correct_letters",
            ),
            models.CheckConstraint(condition=Q(difficulty__in=[1, 2, 3]), name="question_difficulty_1_to_3"),
        ]
        indexes = [models.Index(fields=["topic", "is_active"], name="question_topic_active")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def options(self) -> list[str]:
        return [self.option_a, self.option_b, self.option_c, self.option_d]


class Contest(Versioned):
    """A contest; its `version` also guards the prize table edited as one form."""

    title = models.CharField(pgettext_lazy("contest", "title"), max_length=500)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    organiser = models.CharField(_("organiser"), max_length=255, blank=True)
    rules = models.TextField(_("rules"), max_length=TEXT_MAX_LENGTH, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    # Whole factories may sit behind one public address: staff raise this for a big contest.
    starts_per_ip_per_minute = models.PositiveIntegerField(_("entries started per address per minute"), default=30)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")

    def __str__(self) -> str:
        return self.title


class Round(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("contest"))
    number = models.PositiveSmallIntegerField(_("round number"))
    title = models.CharField(pgettext_lazy("contest", "title"), max_length=255, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    time_limit_seconds = models.PositiveIntegerField(_("time limit (seconds)"), default=900)
    prediction_question = models.CharField(_("prediction question"), max_length=500, blank=True)
    # Left empty, the true figure is computed: the number of entries with every answer right.
    prediction_answer = models.PositiveIntegerField(_("true figure for the prediction"), null=True, blank=True)

    class Meta:
        ordering = ["contest_id", "number"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="round_number_unique_in_contest"),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="round_closes_after_opening"),
            models.CheckConstraint(condition=Q(time_limit_seconds__gte=30), name="round_time_limit_at_least_30s"),
        ]

    def __str__(self) -> str:
        return self.title or str(self.number)


class DrawRule(models.Model):
    """How many questions of a topic each participant of the round gets."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="draw_rules", verbose_name=_("round"))
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+", verbose_name=_("topic"))
    count = models.PositiveSmallIntegerField(_("questions"))

    class Meta:
        ordering = ["round_id", "topic__position", "topic_id"]
        verbose_name = _("draw rule")
        verbose_name_plural = _("draw rules")
        constraints = [
            models.UniqueConstraint(fields=["round", "topic"], name="draw_rule_one_per_topic"),
            models.CheckConstraint(condition=Q(count__gte=1), name="draw_rule_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.topic_id}×{self.count}"


class PrizeKind(models.TextChoices):
    FIRST = "first", _("First prize")
    SECOND = "second", _("Second prize")
    THIRD = "third", _("Third prize")
    CONSOLATION = "consolation", _("Consolation prize")
    COLLECTIVE = "collective", _("Collective prize")


PRIZE_ORDER = [PrizeKind.FIRST, PrizeKind.SECOND, PrizeKind.THIRD, PrizeKind.CONSOLATION]


class PrizeScope(models.TextChoices):
    ROUND = "round", _("Each round")
    OVERALL = "overall", _("Whole contest")


class Prize(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="prizes", verbose_name=_("contest"))
    scope = models.CharField(_("scope"), max_length=10, choices=PrizeScope.choices)
    kind = models.CharField(_("prize"), max_length=12, choices=PrizeKind.choices)
    count = models.PositiveSmallIntegerField(_("number of prizes"))

    class Meta:
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        constraints = [
            models.UniqueConstraint(fields=["contest", "scope", "kind"], name="prize_one_per_scope_and_kind"),
            models.CheckConstraint(condition=Q(count__gte=1), name="prize_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}×{self.count}"


class FinishedBy(models.TextChoices):
    PARTICIPANT = "participant", _("Submitted by the participant")
    TIME_LIMIT = "time_limit", _("Closed at the time limit")


class Entry(models.Model):
    # No index of its own: the unique (round, phone) index serves lookups by round. Every index
    # costs each submit an insertion (closing an entry updates indexed columns), so none is spare.
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="entries", verbose_name=_("round"), db_index=False
    )
    name = models.CharField(_("full name"), max_length=120)
    phone = models.CharField(pgettext_lazy("contest", "phone"), max_length=16, help_text=_("E.164, e.g. +84912345678"))
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    other_unit = models.CharField(_("other unit"), max_length=255, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    # The participant's key to this entry (in the address of the question page): unguessable.
    token = models.CharField(max_length=32, editable=False)  # unique: see Meta (no LIKE index needed)
    # [[question_id, "CADB"], ...]: the questions drawn and the order their options are shown in.
    draw = models.JSONField(default=list, editable=False)
    prediction = models.PositiveIntegerField(_("prediction"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"))
    deadline_at = models.DateTimeField(pgettext_lazy("contest", "deadline"))
    submitted_at = models.DateTimeField(pgettext_lazy("contest", "submitted at"), null=True, blank=True)
    finished_by = models.CharField(_("finished"), max_length=12, choices=FinishedBy.choices, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    time_taken_ms = models.PositiveIntegerField(_("time taken (ms)"), null=True, blank=True)
    receipt_code = models.CharField(_("receipt code"), max_length=32, null=True, blank=True)  # unique: see Meta

    class Meta:
        ordering = ["round_id", "id"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.UniqueConstraint(fields=["round", "phone"], name="entry_one_per_phone_per_round"),
            # Constraints rather than unique=True: on PostgreSQL these then get no extra LIKE index.
            models.UniqueConstraint(fields=["token"], name="entry_token_unique"),
            models.UniqueConstraint(fields=["receipt_code"], name="entry_receipt_code_unique"),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900, birth_year__lte=2100),
                name="entry_birth_year_plausible",
            ),
            models.CheckConstraint(condition=Q(deadline_at__gt=F("started_at")), name="entry_deadline_after_start"),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True, receipt_code__isnull=True, score__isnull=True)
                | Q(submitted_at__isnull=False, receipt_code__isnull=False, score__isnull=False),
                name="entry_finalised_has_receipt_and_score",
            ),
        ]
        indexes = [
            models.Index(fields=["round", "submitted_at"], name="entry_round_submitted"),
            models.Index(fields=["deadline_at"], condition=Q(submitted_at__isnull=True), name="entry_open_by_deadline"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.id}"

    @property
    def is_finalised(self) -> bool:
        return self.submitted_at is not None


class Answer(models.Model):
    """An autosaved answer: the letters of the original options chosen ("B", "AC")."""

    # The unique (entry, question) index serves lookups by entry.
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="answers", verbose_name=_("entry"), db_index=False
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question"))
    choice = models.CharField(_("choice"), max_length=4, blank=True)
    saved_at = models.DateTimeField(_("saved at"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["entry", "question"], name="answer_one_per_question"),
            models.CheckConstraint(condition=Q(choice__regex=r"^A?B?C?D?$"), name="answer_choice_letters"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}:{self.question_id}={self.choice}"
