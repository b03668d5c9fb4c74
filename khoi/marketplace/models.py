"""Supply–demand connection: enterprises, offers and needs, connection conferences, meetings, MoUs.

An `Enterprise` is either a unit of the register (`unit` set) or an outside enterprise staff
registered with a validated tax code; offers, needs, conference participation and memoranda all
point at an enterprise, so bloc units and outside enterprises are handled alike.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from khoi.core.models import Versioned
from khoi.core.text import TEXT_MAX_LENGTH


class Category(models.Model):
    """A field of business: a two-level tree ("Dịch vụ công ích" → "Nước sạch")."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    essential = models.BooleanField(
        _("essential service"),
        default=False,
        help_text=_("Essential services (clean water, sanitation) can be left out of the inter-use figure."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [models.CheckConstraint(condition=~Q(parent=models.F("id")), name="category_not_own_parent")]

    def __str__(self) -> str:
        return self.name

    @property
    def field(self) -> Category:
        """The top-level field this category belongs to."""
        return self.parent if self.parent_id and self.parent else self


class Enterprise(models.Model):
    """A party of the marketplace: a unit of the bloc, or an outside enterprise (not a user)."""

    unit = models.OneToOneField(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_enterprise",
        verbose_name=_("unit of the bloc"),
    )
    name = models.CharField(_("name"), max_length=255)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"], condition=~Q(tax_code=""), name="market_enterprise_tax_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | ~Q(tax_code=""), name="market_outside_enterprise_has_tax_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def in_bloc(self) -> bool:
        return self.unit_id is not None


class ListingKind(models.TextChoices):
    OFFER = "offer", _("Offer")
    NEED = "need", _("Need")


class ListingStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Rejected")


class Listing(Versioned):
    """An offer (what an enterprise sells) or a need (what it buys)."""

    kind = models.CharField(_("offer or need"), max_length=10, choices=ListingKind.choices)
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="listings", verbose_name=_("enterprise")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="listings", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=TEXT_MAX_LENGTH, blank=True)
    # "|Hải Phòng|Hà Nội|": filterable with one LIKE on any database.
    regions = models.CharField(_("regions served"), max_length=500, default="")
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ListingStatus.choices, default=ListingStatus.PENDING)
    moderation_note = models.CharField(_("moderation note"), max_length=300, blank=True)
    in_bloc = models.BooleanField(_("inside the bloc"), default=False, editable=False)
    # Accented source text (PostgreSQL indexes unaccent(lower(...)) of it) and its accent-free key.
    search_source = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    search_title = models.CharField(max_length=200, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("offer or need")
        verbose_name_plural = _("offers and needs")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="listing_valid_until_after_from",
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"], name="listing_status_kind")]

    def __str__(self) -> str:
        return self.title

    @property
    def region_list(self) -> list[str]:
        return [region for region in self.regions.split("|") if region]


class SearchWord(models.Model):
    """The vocabulary of the offers and needs (accent-free words): typos in a query are corrected
    against it (pg_trgm similarity on PostgreSQL, RapidFuzz on SQLite) before the listings are searched."""

    word = models.CharField(max_length=60, unique=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word


class ConferenceStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Conference(models.Model):
    title = models.CharField(_("title"), max_length=255)
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=255)
    table_count = models.PositiveSmallIntegerField(_("number of tables"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"))
    status = models.CharField(
        _("status"), max_length=10, choices=ConferenceStatus.choices, default=ConferenceStatus.OPEN
    )
    request_expiry_hours = models.PositiveSmallIntegerField(_("pending requests expire after (hours)"), default=72)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("connection conference")
        verbose_name_plural = _("connection conferences")
        constraints = [
            models.CheckConstraint(condition=Q(table_count__gte=1), name="conference_has_tables"),
            models.CheckConstraint(condition=Q(slot_minutes__gte=10), name="conference_slot_at_least_10_minutes"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == ConferenceStatus.CLOSED


class Slot(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="slots")
    index = models.PositiveSmallIntegerField(_("number"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))

    class Meta:
        ordering = ["conference", "index"]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        constraints = [
            models.UniqueConstraint(fields=["conference", "index"], name="slot_unique_index"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class Participant(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="participants", verbose_name=_("conference")
    )
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="participations", verbose_name=_("enterprise")
    )
    representative = models.CharField(_("representative"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    about = models.TextField(_("what we offer and look for"), max_length=TEXT_MAX_LENGTH, blank=True)
    # Slot numbers the participant cannot attend.
    unavailable_slots = models.JSONField(_("unavailable slots"), default=list, blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)
    # Each change of the agenda by the committee (scheduling, a move) counts a new version, so a
    # printed agenda can be told from the current one.
    agenda_version = models.PositiveIntegerField(_("agenda version"), default=1)
    agenda_changed_at = models.DateTimeField(_("agenda changed at"), null=True, blank=True)

    class Meta:
        ordering = ["enterprise__name", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["conference", "enterprise"], name="participant_once_per_conference")
        ]

    def __str__(self) -> str:
        return self.enterprise.name


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")


class MeetingRequest(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="sent_requests", verbose_name=_("from")
    )
    recipient = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="received_requests", verbose_name=_("to")
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(condition=~Q(requester=models.F("recipient")), name="request_not_to_oneself"),
            models.UniqueConstraint(fields=["requester", "recipient"], name="request_once_per_pair"),
        ]
        indexes = [models.Index(fields=["status", "expires_at"], name="request_status_expiry")]

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.recipient_id} ({self.status})"


class Meeting(models.Model):
    """An accepted request; placed when it has a slot and a table."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    first = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings")
    table_number = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    locked = models.BooleanField(_("locked"), default=False)
    # The two firms agreed on this slot (accepted in it, or booked it): scheduling never moves it.
    agreed = models.BooleanField(_("time agreed by both"), default=False)

    class Meta:
        ordering = ["slot__index", "table_number", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "slot", "table_number"], name="meeting_one_per_table_and_slot"
            ),
            models.CheckConstraint(
                condition=Q(slot__isnull=True, table_number__isnull=True) | Q(slot__isnull=False, table_number__gte=1),
                name="meeting_slot_and_table_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ↔ {self.second_id}"


class Booking(models.Model):
    """A participant's place in a slot: the unique (participant, slot) pair forbids double-booking."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="bookings")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="bookings")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="bookings")
    booked_at = models.DateTimeField(_("booked at"), default=timezone.now)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [models.UniqueConstraint(fields=["participant", "slot"], name="booking_one_place_at_a_time")]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.slot_id}"


class AgendaNotice(models.Model):
    """What the committee changed in a participant's agenda: one meeting, from where to where."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="notices")
    version = models.PositiveIntegerField(_("agenda version"))
    partner = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+", verbose_name=_("partner"))
    old_slot = models.ForeignKey(Slot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    old_table = models.PositiveSmallIntegerField(null=True, blank=True)
    new_slot = models.ForeignKey(Slot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    new_table = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("agenda notice")
        verbose_name_plural = _("agenda notices")
        indexes = [models.Index(fields=["participant", "-created_at"], name="agenda_notice_recent")]

    def __str__(self) -> str:
        return f"{self.participant_id} v{self.version}"


class MouStatus(models.TextChoices):
    SIGNED = "signed", _("Signed")
    CONTRACTED = "contracted", _("Contract made")
    IN_USE = "in_use", _("In use")
    STOPPED = "stopped", _("Stopped")


# The statuses in which the customer uses the provider's products or services.
USING_STATUSES = (MouStatus.CONTRACTED, MouStatus.IN_USE)


class Mou(models.Model):
    """A memorandum of understanding: the customer will use the provider's products or services."""

    conference = models.ForeignKey(
        Conference, on_delete=models.SET_NULL, null=True, blank=True, related_name="mous", verbose_name=_("conference")
    )
    provider = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="mous_as_provider", verbose_name=_("provider")
    )
    customer = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="mous_as_customer", verbose_name=_("customer")
    )
    subject = models.CharField(_("subject"), max_length=255)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="mous", verbose_name=_("category"))
    signed_on = models.DateField(_("signed on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "id"]
        verbose_name = _("memorandum of understanding")
        verbose_name_plural = _("memoranda of understanding")
        constraints = [models.CheckConstraint(condition=~Q(provider=models.F("customer")), name="mou_two_parties")]

    def __str__(self) -> str:
        return self.subject


class MouStatusRecord(models.Model):
    """One step of a memorandum's follow-up: from this date on, its status is this."""

    mou = models.ForeignKey(Mou, on_delete=models.CASCADE, related_name="records")
    status = models.CharField(_("status"), max_length=12, choices=MouStatus.choices)
    on_date = models.DateField(_("from"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["on_date", "id"]
        verbose_name = _("follow-up record")
        verbose_name_plural = _("follow-up records")
        constraints = [models.UniqueConstraint(fields=["mou", "on_date", "status"], name="mou_record_once_per_day")]

    def __str__(self) -> str:
        return f"{self.status} {self.on_date}"
