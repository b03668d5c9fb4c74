"""Input and output shapes of the contests API."""

from __future__ import annotations

from rest_framework import serializers

from khoi.core.inputs import BoundedIntegerField


class ContestRoundPublicSerializer(serializers.Serializer):
    contest = serializers.CharField()
    contest_slug = serializers.CharField()
    number = serializers.IntegerField()
    title = serializers.CharField()
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    is_open = serializers.BooleanField()
    time_limit_seconds = serializers.IntegerField()
    question_count = serializers.IntegerField()
    prediction_question = serializers.CharField()
    participation = serializers.IntegerField()
    challenge = serializers.CharField(help_text="Send back with the entry, at least 2 seconds later.")


class ContestEntryStartInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    phone = serializers.CharField(max_length=20)
    unit = serializers.CharField(max_length=20, help_text='A unit id from the register, or "other".')
    other_unit = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    birth_year = BoundedIntegerField(min_value=1900, max_value=2100, required=False, allow_null=True, default=None)
    challenge = serializers.CharField(max_length=200)
    website = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200, help_text="Leave empty."
    )


class ContestOptionSerializer(serializers.Serializer):
    letter = serializers.CharField(help_text="Send this letter back as the answer.")
    text = serializers.CharField()


class ContestDrawnQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    multiple = serializers.BooleanField()
    options = ContestOptionSerializer(many=True)


class ContestEntryStartedSerializer(serializers.Serializer):
    token = serializers.CharField()
    started_at = serializers.DateTimeField()
    deadline_at = serializers.DateTimeField()
    questions = ContestDrawnQuestionSerializer(many=True)


class ContestAnswersInputSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=4),
        required=False,
        default=dict,
        help_text='{"question id": "letters"}, e.g. {"12": "B", "40": "AC"}.',
    )
    prediction = BoundedIntegerField(required=False, allow_null=True, default=None, min_value=0)


class ContestAnswersSavedSerializer(serializers.Serializer):
    saved = serializers.IntegerField()
    deadline_at = serializers.DateTimeField()


class ContestReceiptSerializer(serializers.Serializer):
    receipt_code = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    finished_by = serializers.CharField()


class ContestRankingRowSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    entry_id = serializers.IntegerField()
    name = serializers.CharField()
    phone = serializers.CharField()
    unit_name = serializers.CharField()
    score = serializers.IntegerField()
    prediction = serializers.IntegerField(allow_null=True)
    time_taken_ms = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()
    prize = serializers.CharField()


class ContestRankingSerializer(serializers.Serializer):
    true_figure = serializers.IntegerField()
    rows = ContestRankingRowSerializer(many=True)


class ContestItemStatSerializer(serializers.Serializer):
    question_id = serializers.IntegerField()
    topic = serializers.CharField()
    text = serializers.CharField()
    correct = serializers.CharField()
    drawn = serializers.IntegerField()
    answered = serializers.IntegerField()
    right = serializers.IntegerField()
    share_correct = serializers.FloatField(allow_null=True)
