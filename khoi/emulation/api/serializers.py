"""API serializers: plain shapes in and out; the services decide."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from khoi.core.clean_input import MULTILINE

from ..models import (
    Agreement,
    AgreementSection,
    Award,
    CommendationForm,
    CommendationRule,
    Criterion,
    Decision,
    EmulationBloc,
    Person,
    Proposal,
    ProposalItem,
)


class BlocSerializer(serializers.ModelSerializer[EmulationBloc]):
    class Meta:
        model = EmulationBloc
        fields = ["id", "code", "name", "description", "tie_break"]


class CriterionSerializer(serializers.ModelSerializer[Criterion]):
    class Meta:
        model = Criterion
        fields = ["id", "code", "title", "kind", "max_points", "guidance"]


class SectionSerializer(serializers.ModelSerializer[AgreementSection]):
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = AgreementSection
        fields = ["order", "title", "criteria"]


class AgreementSerializer(serializers.ModelSerializer[Agreement]):
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "bloc",
            "year",
            "title",
            "status",
            "tie_break",
            "bonus_cap",
            "signed_on",
            "signed_place",
            "sections",
        ]


class RankingRowSerializer(serializers.Serializer[Any]):
    rank = serializers.IntegerField(allow_null=True)
    member_id = serializers.IntegerField()
    name = serializers.CharField()
    self_total = serializers.DecimalField(max_digits=8, decimal_places=2)
    bloc_total = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    difference = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    tied = serializers.BooleanField()
    decided_by_tie_break = serializers.BooleanField()


class ScoreLineSerializer(serializers.Serializer[Any]):
    criterion = serializers.IntegerField()
    points = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="", style=MULTILINE)


class ScoresInputSerializer(serializers.Serializer[Any]):
    scores = ScoreLineSerializer(many=True)
    submit = serializers.BooleanField(required=False, default=False)


class ProposeInputSerializer(serializers.Serializer[Any]):
    flag_form = serializers.SlugRelatedField(slug_field="code", queryset=CommendationForm.objects.all())
    merit_form = serializers.SlugRelatedField(slug_field="code", queryset=CommendationForm.objects.all())


class RuleSerializer(serializers.ModelSerializer[CommendationRule]):
    applies_to = serializers.CharField(read_only=True, help_text="collective, individual or both")
    required_form: serializers.SlugRelatedField[CommendationForm] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = CommendationRule
        fields = [
            "id",
            "kind",
            "applies_to",
            "binding",
            "quota_base",
            "quota_percent",
            "quota_fixed",
            "required_form",
            "required_years",
            "legal_basis",
        ]


class FormSerializer(serializers.ModelSerializer[CommendationForm]):
    issuer: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    rules = RuleSerializer(many=True, read_only=True)

    class Meta:
        model = CommendationForm
        fields = ["id", "code", "name", "short_name", "issuer", "recipients", "level", "legal_basis", "rules"]


class ProposalItemSerializer(serializers.ModelSerializer[ProposalItem]):
    form: serializers.SlugRelatedField[CommendationForm] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = ProposalItem
        fields = [
            "id",
            "form",
            "recipient_name",
            "unit",
            "organisation",
            "person",
            "achievement",
            "rank",
            "warnings",
            "accepted",
        ]


class ProposalSerializer(serializers.ModelSerializer[Proposal]):
    items = ProposalItemSerializer(many=True, read_only=True)

    class Meta:
        model = Proposal
        fields = ["id", "year", "title", "proposer_unit", "proposer_bloc", "campaign", "status", "review_note", "items"]


class PersonLineSerializer(serializers.Serializer[Any]):
    full_name = serializers.CharField(max_length=255)
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    gender = serializers.CharField(required=False, allow_blank=True, default="")
    position = serializers.CharField(required=False, allow_blank=True, default="")
    achievement = serializers.CharField(required=False, allow_blank=True, default="", style=MULTILINE)


class ProposalInputSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField(help_text="The proposing unit (a reporter: their own).")
    year = serializers.IntegerField()
    title = serializers.CharField(max_length=500)
    form = serializers.SlugRelatedField(slug_field="code", queryset=CommendationForm.objects.all())
    campaign = serializers.CharField(required=False, allow_blank=True, default="")
    include_unit = serializers.BooleanField(required=False, default=False)
    unit_achievement = serializers.CharField(required=False, allow_blank=True, default="", style=MULTILINE)
    people = PersonLineSerializer(many=True, required=False, default=list)


class ViolationSerializer(serializers.Serializer[Any]):
    rule = serializers.IntegerField()
    binding = serializers.BooleanField()
    message = serializers.CharField()
    legal_basis = serializers.CharField()


class ReviewInputSerializer(serializers.Serializer[Any]):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="", style=MULTILINE)
    rejected_items = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class AwardSerializer(serializers.ModelSerializer[Award]):
    form: serializers.SlugRelatedField[CommendationForm] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    decision = serializers.CharField(source="decision.reference", read_only=True)

    class Meta:
        model = Award
        fields = ["id", "year", "form", "decision", "recipient_name", "unit", "organisation", "person"]


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    reference = serializers.CharField(read_only=True)
    issuer: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    form: serializers.SlugRelatedField[CommendationForm] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    awards = AwardSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "reference",
            "issuer",
            "form",
            "number",
            "signed_on",
            "signer_name",
            "signer_title",
            "subject",
            "year",
            "awards",
        ]


class DecisionInputSerializer(serializers.Serializer[Any]):
    issuer = serializers.CharField()
    form = serializers.CharField()
    number = serializers.IntegerField()
    signed_on = serializers.DateField()
    signer_name = serializers.CharField()
    signer_title = serializers.CharField()
    subject = serializers.CharField()
    year = serializers.IntegerField()
    campaign = serializers.CharField(required=False, allow_blank=True, default="")
    achievement = serializers.CharField(required=False, allow_blank=True, default="", style=MULTILINE)
    proposals = serializers.ListField(child=serializers.IntegerField())


class PersonSerializer(serializers.ModelSerializer[Person]):
    """Personal fields are emptied by the view for those who may not see them."""

    class Meta:
        model = Person
        fields = ["id", "full_name", "unit", "organisation", "birth_date", "gender", "position"]


class CountsSerializer(serializers.Serializer[Any]):
    collectives = serializers.IntegerField()
    individuals = serializers.IntegerField()
    total = serializers.IntegerField()
    decisions = serializers.ListField(child=serializers.CharField())
