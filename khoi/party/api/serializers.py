from __future__ import annotations

from rest_framework import serializers


class PartyPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    birth_date = serializers.DateField()
    unit = serializers.CharField(source="unit.name")
    status = serializers.CharField()
    admitted_on = serializers.DateField(allow_null=True)
    probation_ends_on = serializers.DateField(allow_null=True)


class StepSerializer(serializers.Serializer):
    step = serializers.IntegerField()
    step_name = serializers.CharField(source="get_step_display")
    done_on = serializers.DateField()
    decision = serializers.CharField(source="decision.number", allow_null=True, default=None)


class PartyPersonDetailSerializer(PartyPersonSerializer):
    identity_number = serializers.CharField()
    steps = StepSerializer(many=True)


class DueRowSerializer(serializers.Serializer):
    person = PartyPersonSerializer()
    probation_ends_on = serializers.DateField()
    review_by = serializers.DateField()
    state = serializers.CharField()


class FiguresSerializer(serializers.Serializer):
    period = serializers.CharField()
    admissions = serializers.IntegerField()
    conversions = serializers.IntegerField()
    organisations_graded = serializers.IntegerField()
    grades = serializers.DictField(child=serializers.IntegerField())
    committees_changed = serializers.IntegerField()
    courses_held = serializers.IntegerField()
    inspections = serializers.IntegerField()
    supervisions = serializers.IntegerField()
