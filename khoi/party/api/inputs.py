"""What the Party-building API's writes accept: shapes only; the rules are the services'."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from ..models import CourseKind, DisciplineForm, Gender, Grade, Position, ReviewKind


class PersonInput(serializers.Serializer):
    unit = serializers.IntegerField(min_value=1)
    full_name = serializers.CharField(max_length=150)
    birth_date = serializers.DateField()
    gender = serializers.ChoiceField(choices=Gender.choices)
    identity_number = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)


class StepInputSerializer(serializers.Serializer):
    """The person's next step; `step` must be that step (1–9, in the order the rules set)."""

    step = serializers.IntegerField(min_value=1, max_value=9)
    done_on = serializers.DateField()
    decision_number = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    course = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    certificate_number = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    introducers = serializers.ListField(
        child=serializers.CharField(max_length=150), required=False, default=list, max_length=2
    )
    votes_for = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    votes_total = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    late_approved = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class StepUndoInput(serializers.Serializer):
    """`step`: the person's latest step, the one to undo."""

    step = serializers.IntegerField(min_value=1, max_value=9)
    reason = serializers.CharField(max_length=2000)


class GradingInput(serializers.Serializer):
    """`grades`: {organisation id (or member id): grade}."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    decision_number = serializers.CharField(max_length=40)
    signed_on = serializers.DateField()
    grades = serializers.DictField(child=serializers.ChoiceField(choices=Grade.choices), allow_empty=False)
    unit = serializers.IntegerField(min_value=1, required=False, help_text="Members: their organisation.")


class AppointmentInput(serializers.Serializer):
    position = serializers.ChoiceField(choices=Position.choices)
    name = serializers.CharField(max_length=150)


class CommitteeInput(serializers.Serializer):
    unit = serializers.IntegerField(min_value=1)
    decision_number = serializers.CharField(max_length=40)
    signed_on = serializers.DateField()
    appointments = AppointmentInput(many=True, allow_empty=False)


# Emulation's API has a "ReviewInput" of its own: the schema needs a name for this one that no
# other app's component takes.
@extend_schema_serializer(component_name="PartyReviewInput")
class ReviewInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReviewKind.choices)
    unit = serializers.IntegerField(min_value=1)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    subject = serializers.CharField(max_length=255)
    planned = serializers.BooleanField(required=False, default=True)
    done_on = serializers.DateField(required=False, allow_null=True, default=None)


class CourseBatchInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CourseKind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    number = serializers.IntegerField(min_value=1, max_value=99)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    place = serializers.CharField(max_length=255, required=False, default="", allow_blank=True)


class ReviewDoneInput(serializers.Serializer):
    done_on = serializers.DateField()


class DisciplineInput(serializers.Serializer):
    unit = serializers.IntegerField(min_value=1)
    form = serializers.ChoiceField(choices=DisciplineForm.choices)
    decision_number = serializers.CharField(max_length=40)
    signed_on = serializers.DateField()


class CreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    detail = serializers.CharField()
    warnings = serializers.ListField(child=serializers.CharField(), required=False)
