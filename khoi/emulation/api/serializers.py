"""API serializers: plain shapes in and out; the services decide."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from khoi.core.clean_input import MULTILINE
from khoi.core.inputs import (
    CODE_MAX,
    TEXT_MAX,
    BoundedIntegerField,
    IdField,
    id_list_field,
    model_max_length,
    version_field,
)

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
    criterion = IdField()
    points = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX, style=MULTILINE)


class ScoresInputSerializer(serializers.Serializer[Any]):
    scores = ScoreLineSerializer(many=True, max_length=1000)  # type: ignore[call-arg]  # ListSerializer takes it
    submit = serializers.BooleanField(required=False, default=False)
    version = version_field()


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
    full_name = serializers.CharField(max_length=model_max_length(Person, "full_name"))
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    gender = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=model_max_length(Person, "gender")
    )
    position = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=model_max_length(Person, "position")
    )
    achievement = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=TEXT_MAX, style=MULTILINE
    )


class ProposalInputSerializer(serializers.Serializer[Any]):
    unit = IdField(help_text="The proposing unit (a reporter: their own).")
    year = BoundedIntegerField(min_value=1900, max_value=2100)
    title = serializers.CharField(max_length=model_max_length(Proposal, "title"))
    form = serializers.SlugRelatedField(slug_field="code", queryset=CommendationForm.objects.all())
    campaign = serializers.CharField(required=False, allow_blank=True, default="", max_length=CODE_MAX)
    include_unit = serializers.BooleanField(required=False, default=False)
    unit_achievement = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=TEXT_MAX, style=MULTILINE
    )
    people = PersonLineSerializer(many=True, required=False, default=list, max_length=1000)  # type: ignore[call-arg]  # ListSerializer takes it


class ViolationSerializer(serializers.Serializer[Any]):
    rule = serializers.IntegerField()
    binding = serializers.BooleanField()
    message = serializers.CharField()
    legal_basis = serializers.CharField()


class ReviewInputSerializer(serializers.Serializer[Any]):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX, style=MULTILINE)
    rejected_items = id_list_field(required=False, default=list)


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
    issuer = serializers.CharField(max_length=CODE_MAX)
    form = serializers.CharField(max_length=CODE_MAX)
    number = BoundedIntegerField(min_value=1)
    signed_on = serializers.DateField()
    signer_name = serializers.CharField(max_length=model_max_length(Decision, "signer_name"))
    signer_title = serializers.CharField(max_length=model_max_length(Decision, "signer_title"))
    subject = serializers.CharField(max_length=model_max_length(Decision, "subject"))
    year = BoundedIntegerField(min_value=1900, max_value=2100)
    campaign = serializers.CharField(required=False, allow_blank=True, default="", max_length=CODE_MAX)
    achievement = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=TEXT_MAX, style=MULTILINE
    )
    proposals = id_list_field()


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
