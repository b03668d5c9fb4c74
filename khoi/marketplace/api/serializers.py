"""Input and output shapes of the marketplace API. No logic: the services decide."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from khoi.core.clean_input import MULTILINE
from khoi.core.inputs import (
    SMALL_MAX,
    TAX_CODE_INPUT_MAX,
    TEXT_MAX,
    BoundedIntegerField,
    IdField,
    model_max_length,
    version_field,
)

from ..models import (
    Category,
    Conference,
    Enterprise,
    Listing,
    ListingKind,
    Meeting,
    MeetingRequest,
    Mou,
    MouStatus,
    Participant,
    Slot,
)


@extend_schema_field({"type": "string", "pattern": "^(offer|need)$", "description": "offer | need"})
class ListingKindField(serializers.ChoiceField):
    """offer | need, described inline (another app's `kind` enum would collide by name)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=ListingKind.choices, **kwargs)


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "code", "name", "parent", "essential"]


class EnterpriseSerializer(serializers.ModelSerializer):
    in_bloc = serializers.BooleanField(read_only=True)

    class Meta:
        model = Enterprise
        fields = ["id", "name", "tax_code", "province", "in_bloc", "unit"]


class EnterpriseContactSerializer(EnterpriseSerializer):
    class Meta(EnterpriseSerializer.Meta):
        fields = [*EnterpriseSerializer.Meta.fields, "contact_name", "contact_phone", "contact_email"]


class OutsideEnterpriseInput(serializers.Serializer):
    name = serializers.CharField(max_length=model_max_length(Enterprise, "name"))
    tax_code = serializers.CharField(max_length=TAX_CODE_INPUT_MAX)
    province = serializers.CharField(max_length=model_max_length(Enterprise, "province"))
    contact_name = serializers.CharField(
        max_length=model_max_length(Enterprise, "contact_name"), required=False, default="", allow_blank=True
    )
    contact_phone = serializers.CharField(
        max_length=model_max_length(Enterprise, "contact_phone"), required=False, default="", allow_blank=True
    )
    contact_email = serializers.EmailField(
        max_length=model_max_length(Enterprise, "contact_email"), required=False, default="", allow_blank=True
    )


class ListingSerializer(serializers.ModelSerializer):
    kind = ListingKindField(read_only=True)
    enterprise = EnterpriseSerializer(read_only=True)
    regions = serializers.ListField(source="region_list", child=serializers.CharField(), read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)

    class Meta:
        model = Listing
        fields = [
            "id", "kind", "enterprise", "category", "category_name", "title", "description", "regions",
            "contact_name", "contact_phone", "contact_email", "valid_from", "valid_until", "status", "in_bloc",
            "version",
        ]  # fmt: skip


class ListingInput(serializers.Serializer):
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all(), required=False)
    kind = ListingKindField()
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    title = serializers.CharField(max_length=model_max_length(Listing, "title"))
    description = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=TEXT_MAX, style=MULTILINE
    )
    regions = serializers.ListField(child=serializers.CharField(max_length=100), allow_empty=False, max_length=20)
    contact_name = serializers.CharField(
        max_length=model_max_length(Listing, "contact_name"), required=False, default="", allow_blank=True
    )
    contact_phone = serializers.CharField(
        max_length=model_max_length(Listing, "contact_phone"), required=False, default="", allow_blank=True
    )
    contact_email = serializers.EmailField(
        max_length=model_max_length(Listing, "contact_email"), required=False, default="", allow_blank=True
    )
    valid_from = serializers.DateField(required=False)
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)


class ListingUpdateInput(ListingInput):
    version = version_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, partial=True, **kwargs)


class ModerateInput(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=model_max_length(Listing, "moderation_note")
    )


class SearchHitSerializer(serializers.Serializer):
    score = serializers.FloatField()
    listing = ListingSerializer()


class MatchSerializer(serializers.Serializer):
    listing = ListingSerializer(source="other")
    score = serializers.FloatField(source="match.score")
    reason = serializers.CharField(source="match.reason")


class SlotSerializer(serializers.ModelSerializer):
    class Meta:
        model = Slot
        fields = ["index", "starts_at", "ends_at"]


class ConferenceSerializer(serializers.ModelSerializer):
    slots = SlotSerializer(many=True, read_only=True)

    class Meta:
        model = Conference
        fields = [
            "id",
            "title",
            "date",
            "venue",
            "table_count",
            "slot_minutes",
            "status",
            "request_expiry_hours",
            "slots",
        ]


class ConferenceInput(serializers.Serializer):
    title = serializers.CharField(max_length=model_max_length(Conference, "title"))
    date = serializers.DateField()
    venue = serializers.CharField(max_length=model_max_length(Conference, "venue"))
    table_count = BoundedIntegerField(min_value=1, max_value=SMALL_MAX)
    starts_at = serializers.TimeField()
    slot_minutes = BoundedIntegerField(min_value=1, max_value=24 * 60)
    slot_count = BoundedIntegerField(min_value=1, max_value=SMALL_MAX)
    breaks = serializers.ListField(
        child=serializers.ListField(
            child=BoundedIntegerField(min_value=0, max_value=24 * 60), min_length=2, max_length=2
        ),
        required=False,
        max_length=SMALL_MAX,
        default=list,
        help_text=_("[[after slot number, minutes], …]"),
    )
    request_expiry_hours = BoundedIntegerField(min_value=1, max_value=SMALL_MAX, required=False, default=72)


class ParticipantSerializer(serializers.ModelSerializer):
    enterprise = EnterpriseSerializer(read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "conference", "enterprise", "about", "unavailable_slots", "agenda_version", "agenda_changed_at"]


class ParticipantContactSerializer(ParticipantSerializer):
    class Meta(ParticipantSerializer.Meta):
        fields = [*ParticipantSerializer.Meta.fields, "representative", "phone", "email"]


class RegisterInput(serializers.Serializer):
    unit = IdField(required=False, help_text=_("A unit of the bloc; or give the outside fields."))
    name = serializers.CharField(max_length=model_max_length(Enterprise, "name"), required=False, default="")
    tax_code = serializers.CharField(max_length=TAX_CODE_INPUT_MAX, required=False, default="")
    province = serializers.CharField(max_length=model_max_length(Enterprise, "province"), required=False, default="")
    representative = serializers.CharField(
        max_length=model_max_length(Participant, "representative"), required=False, default="", allow_blank=True
    )
    phone = serializers.CharField(
        max_length=model_max_length(Participant, "phone"), required=False, default="", allow_blank=True
    )
    email = serializers.EmailField(
        max_length=model_max_length(Participant, "email"), required=False, default="", allow_blank=True
    )
    about = serializers.CharField(required=False, default="", allow_blank=True, max_length=TEXT_MAX, style=MULTILINE)
    unavailable_slots = serializers.ListField(
        child=BoundedIntegerField(min_value=0, max_value=SMALL_MAX),
        required=False,
        default=list,
        max_length=SMALL_MAX,
    )


class AvailabilityInput(serializers.Serializer):
    unavailable_slots = serializers.ListField(
        child=BoundedIntegerField(min_value=0, max_value=SMALL_MAX), allow_empty=True, max_length=SMALL_MAX
    )


class RequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingRequest
        fields = ["id", "conference", "requester", "recipient", "message", "status", "created_at", "expires_at"]


class RequestInput(serializers.Serializer):
    requester = serializers.PrimaryKeyRelatedField(queryset=Participant.objects.select_related("enterprise__unit"))
    recipient = serializers.PrimaryKeyRelatedField(queryset=Participant.objects.select_related("enterprise__unit"))
    message = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000, style=MULTILINE)


class AnswerInput(serializers.Serializer):
    accept = serializers.BooleanField()
    slot = BoundedIntegerField(min_value=0, max_value=SMALL_MAX, required=False, allow_null=True, default=None)


class MeetingSerializer(serializers.ModelSerializer):
    slot = serializers.IntegerField(source="slot.index", read_only=True, allow_null=True, default=None)
    first_name = serializers.CharField(source="first.enterprise.name", read_only=True)
    second_name = serializers.CharField(source="second.enterprise.name", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "first", "first_name", "second", "second_name", "slot", "table_number", "locked", "agreed"]


class BookInput(serializers.Serializer):
    slot = BoundedIntegerField(min_value=0, max_value=SMALL_MAX)


class MoveInput(serializers.Serializer):
    slot = BoundedIntegerField(min_value=0, max_value=SMALL_MAX)
    table_number = BoundedIntegerField(min_value=0, max_value=SMALL_MAX)
    lock = serializers.BooleanField(required=False, default=True)


class LockInput(serializers.Serializer):
    locked = serializers.BooleanField()


class ScheduleOutput(serializers.Serializer):
    placed = serializers.IntegerField()
    unplaced = serializers.IntegerField()
    idle_gaps = serializers.IntegerField()
    newly_placed = serializers.IntegerField()
    moved = serializers.IntegerField()
    firms_told = serializers.IntegerField(help_text=_("Firms whose agenda changed: each got a notice."))


class AgendaRowSerializer(serializers.Serializer):
    slot = SlotSerializer()
    table_number = serializers.IntegerField(source="meeting.table_number", allow_null=True, default=None)
    partner = serializers.CharField(source="partner.enterprise.name", allow_null=True, default=None)
    unavailable = serializers.BooleanField()


class MouSerializer(serializers.ModelSerializer):
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Mou
        fields = [
            "id",
            "conference",
            "provider",
            "provider_name",
            "customer",
            "customer_name",
            "subject",
            "category",
            "signed_on",
            "status",
        ]

    def get_status(self, mou: Mou) -> str | None:
        records = list(mou.records.all())
        return records[-1].status if records else None


class MouInput(serializers.Serializer):
    provider = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.select_related("unit"))
    customer = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.select_related("unit"))
    subject = serializers.CharField(max_length=model_max_length(Mou, "subject"))
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    signed_on = serializers.DateField()
    conference = serializers.PrimaryKeyRelatedField(
        queryset=Conference.objects.all(), required=False, allow_null=True, default=None
    )


class MouStatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=MouStatus.choices)
    on_date = serializers.DateField()
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)


class InterUseOutput(serializers.Serializer):
    baseline = serializers.DateField()
    on_date = serializers.DateField()
    exclude_essential = serializers.BooleanField()
    baseline_count = serializers.IntegerField()
    count = serializers.IntegerField()
    change_percent = serializers.DecimalField(max_digits=12, decimal_places=1, allow_null=True)
    change = serializers.CharField()
