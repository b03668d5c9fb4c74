"""Party building from records (công tác xây dựng Đảng): admissions, probation and conversion,
courses, annual grading, committee changes, inspection and discipline.

People are kept per base organisation (``Person.unit``); each step of a person's path into the
Party is one dated ``AdmissionStep`` with who recorded it. Decisions of the bloc committee carry
a number used once a year (``Decision``). Deadlines and grading quotas are data with their legal
basis and the dates they are in force (``DeadlineRule``, ``GradingRule``). Figures are counted
from these rows by ``selectors``; nothing here is typed as a number.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from khoi.core.text import TEXT_MAX_LENGTH


class PersonStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    PROBATIONARY = "probationary", _("Probationary member")
    FULL = "full", _("Full member")
    LEFT = "left", _("No longer in the organisation")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Person(models.Model):
    """A candidate (quần chúng ưu tú) or member of a base organisation. Personal data."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    full_name = models.CharField(_("full name"), max_length=150)
    name_key = models.CharField(max_length=150, editable=False)
    birth_date = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    identity_number = models.CharField(_("identity card number (CCCD)"), max_length=12, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=PersonStatus.choices, default=PersonStatus.CANDIDATE)
    admitted_on = models.DateField(_("admitted on (ceremony)"), null=True, blank=True)
    probation_ends_on = models.DateField(_("probation ends on"), null=True, blank=True)
    full_member_on = models.DateField(_("full member from"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "name_key"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name_key", "birth_date"], name="party_person_once_per_unit"),
            models.UniqueConstraint(
                fields=["identity_number"], condition=~Q(identity_number=""), name="party_person_identity_unique"
            ),
            models.CheckConstraint(
                condition=Q(identity_number="") | Q(identity_number__regex=r"^[0-9]{12}$"),
                name="party_person_identity_12_digits",
            ),
            models.CheckConstraint(
                condition=~Q(status=PersonStatus.PROBATIONARY)
                | Q(admitted_on__isnull=False, probation_ends_on__isnull=False),
                name="party_person_probation_dated",
            ),
            models.CheckConstraint(
                condition=Q(probation_ends_on__isnull=True) | Q(probation_ends_on__gt=models.F("admitted_on")),
                name="party_person_probation_after_ceremony",
            ),
            models.CheckConstraint(
                condition=Q(full_member_on__isnull=True) | Q(full_member_on__gte=models.F("probation_ends_on")),
                name="party_person_full_after_probation",
            ),
        ]
        indexes = [models.Index(fields=["status", "probation_ends_on"], name="party_person_due")]

    def __str__(self) -> str:
        return self.full_name


class DecisionKind(models.TextChoices):
    ADMISSION = "admission", _("Admission")
    CONVERSION = "conversion", _("Recognition as full member")
    GRADING = "grading", _("Recognition of annual grading")
    COMMITTEE = "committee", _("Committee appointment")
    DISCIPLINE = "discipline", _("Discipline")


class Decision(models.Model):
    """A decision of the bloc committee (or of a base committee for its own members' grading)."""

    kind = models.CharField(_("kind"), max_length=15, choices=DecisionKind.choices)
    number = models.CharField(_("number and symbol"), max_length=40, help_text=_("e.g. 125-QĐ/ĐUK"))
    number_key = models.CharField(max_length=40, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    signed_on = models.DateField(_("signed on"))
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by (base organisation)"),
        help_text=_("Empty: the bloc committee."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            # A number is used once a year by one issuer (the bloc committee when unit is empty).
            models.UniqueConstraint(
                fields=["number_key", "year"], condition=Q(unit__isnull=True), name="party_decision_number_once"
            ),
            models.UniqueConstraint(
                fields=["unit", "number_key", "year"],
                condition=Q(unit__isnull=False),
                name="party_decision_number_once_per_unit",
            ),
        ]
        indexes = [models.Index(fields=["kind", "signed_on"], name="party_decision_kind_date")]

    def __str__(self) -> str:
        return self.number


class CourseKind(models.TextChoices):
    AWARENESS = "awareness", _("Course on awareness of the Party (for candidates)")
    NEW_MEMBERS = "new_members", _("Political theory course for new members")


class CourseBatch(models.Model):
    """A batch of a course ("đợt 1-2021"), held by the bloc committee."""

    kind = models.CharField(_("course"), max_length=15, choices=CourseKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("batch"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=255, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("course batch")
        verbose_name_plural = _("course batches")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="party_course_batch_once"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="party_course_ends_after"),
            models.CheckConstraint(condition=Q(number__gte=1), name="party_course_number_positive"),
        ]

    def __str__(self) -> str:
        return f"đợt {self.number}-{self.year}"


class Step(models.IntegerChoices):
    """The steps in the order the Party's rules set them."""

    COURSE = 1, _("Course on awareness of the Party")
    APPLICATION = 2, _("Application file with two introducers")
    CELL_VOTE = 3, _("Cell's vote")
    BASE_PROPOSAL = 4, _("Base committee's proposal")
    DECISION = 5, _("Bloc committee's admission decision")
    CEREMONY = 6, _("Admission ceremony")
    NEW_MEMBER_COURSE = 7, _("Political theory course for new members")
    CONVERSION_VOTE = 8, _("Cell's vote on full membership")
    CONVERSION = 9, _("Decision recognising full membership")


DECISION_STEPS = (Step.DECISION, Step.CONVERSION)
COURSE_STEPS = (Step.COURSE, Step.NEW_MEMBER_COURSE)
VOTE_STEPS = (Step.CELL_VOTE, Step.CONVERSION_VOTE)


class AdmissionStep(models.Model):
    """One dated step of a person's admission and probation, with who recorded it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="steps", verbose_name=_("person"))
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices)
    done_on = models.DateField(_("date"))
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="steps", verbose_name=_("decision")
    )
    course = models.ForeignKey(
        CourseBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="steps", verbose_name=_("course")
    )
    certificate_number = models.CharField(_("certificate number"), max_length=40, blank=True)
    introducers = models.CharField(_("introducing members"), max_length=255, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_total = models.PositiveSmallIntegerField(_("members voting"), null=True, blank=True)
    late_approved = models.BooleanField(
        _("late ceremony agreed by the higher committee"), default=False, help_text=_("Only for a ceremony.")
    )
    note = models.TextField(_("note"), max_length=TEXT_MAX_LENGTH, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "step"]
        verbose_name = _("admission step")
        verbose_name_plural = _("admission steps")
        constraints = [
            models.UniqueConstraint(fields=["person", "step"], name="party_step_once"),
            models.CheckConstraint(
                condition=~Q(step__in=[s.value for s in DECISION_STEPS]) | Q(decision__isnull=False),
                name="party_step_decision_has_decision",
            ),
            models.CheckConstraint(
                condition=~Q(step__in=[s.value for s in COURSE_STEPS]) | Q(course__isnull=False),
                name="party_step_course_has_batch",
            ),
            models.CheckConstraint(
                condition=~Q(step__in=[s.value for s in VOTE_STEPS])
                | Q(votes_for__isnull=False, votes_total__gte=models.F("votes_for"), votes_total__gt=0),
                name="party_step_vote_counted",
            ),
            models.CheckConstraint(
                condition=~Q(step=Step.APPLICATION) | ~Q(introducers=""), name="party_step_application_introduced"
            ),
        ]
        indexes = [models.Index(fields=["step", "done_on"], name="party_step_kind_date")]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_step_display()}"


class RuleKind(models.TextChoices):
    CEREMONY_DEADLINE = "ceremony_deadline", _("Ceremony after the admission decision")
    PROBATION = "probation", _("Probation from the ceremony")
    CONVERSION_REVIEW = "conversion_review", _("Cell's review after probation ends")


class DurationUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    MONTHS = "months", _("months")


class DeadlineRule(models.Model):
    """A time limit between steps, as the regulation in force on a date sets it."""

    kind = models.CharField(_("rule"), max_length=20, choices=RuleKind.choices)
    amount = models.PositiveSmallIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=15, choices=DurationUnit.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    valid_from = models.DateField(_("in force from"))
    valid_until = models.DateField(_("in force until"), null=True, blank=True)
    binding = models.BooleanField(_("enforced"), default=True)
    source_note = models.TextField(_("source"), max_length=TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["kind", "valid_from"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [
            models.UniqueConstraint(fields=["kind", "valid_from"], name="party_deadline_rule_once"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="party_deadline_rule_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount} {self.get_unit_display()} ({self.legal_basis})"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellently completed its tasks")
    GOOD = "good", _("Well completed its tasks")
    COMPLETED = "completed", _("Completed its tasks")
    NOT_COMPLETED = "not_completed", _("Did not complete its tasks")


GRADE_ORDER = (Grade.EXCELLENT, Grade.GOOD, Grade.COMPLETED, Grade.NOT_COMPLETED)


class GradingSubject(models.TextChoices):
    ORGANISATIONS = "organisations", _("Base organisations")
    MEMBERS = "members", _("Members")


class GradingRule(models.Model):
    """The grading regulation for the years it governs, with its quota of 'excellent'."""

    code = models.CharField(_("regulation"), max_length=40)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    first_year = models.PositiveSmallIntegerField(_("first year graded under it"))
    last_year = models.PositiveSmallIntegerField(_("last year graded under it"), null=True, blank=True)
    excellent_cap_percent = models.DecimalField(
        _("'excellent' at most (percent of those rated good or excellent)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    binding = models.BooleanField(_("quota enforced"), default=False, help_text=_("Otherwise a warning."))
    conditions = models.TextField(_("conditions"), max_length=TEXT_MAX_LENGTH, blank=True)
    source_note = models.TextField(_("source"), max_length=TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["first_year"]
        verbose_name = _("grading rule")
        verbose_name_plural = _("grading rules")
        constraints = [
            models.UniqueConstraint(fields=["first_year"], name="party_grading_rule_once"),
            models.CheckConstraint(
                condition=Q(last_year__isnull=True) | Q(last_year__gte=models.F("first_year")),
                name="party_grading_rule_years",
            ),
            models.CheckConstraint(
                condition=Q(excellent_cap_percent__isnull=True)
                | Q(excellent_cap_percent__gte=0, excellent_cap_percent__lte=100),
                name="party_grading_rule_cap_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.legal_basis


class Grading(models.Model):
    """The grade of a base organisation, or of a member, for a year, recognised by a decision."""

    year = models.PositiveSmallIntegerField(_("year graded"))
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="gradings", verbose_name=_("decision")
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="gradings", verbose_name=_("member")
    )
    grade = models.CharField(_("grade"), max_length=15, choices=Grade.choices)

    class Meta:
        ordering = ["year", "grade"]
        verbose_name = _("grading")
        verbose_name_plural = _("gradings")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, person__isnull=True) | Q(unit__isnull=True, person__isnull=False),
                name="party_grading_unit_or_person",
            ),
            models.UniqueConstraint(
                fields=["year", "unit"], condition=Q(unit__isnull=False), name="party_grading_unit_once"
            ),
            models.UniqueConstraint(
                fields=["year", "person"], condition=Q(person__isnull=False), name="party_grading_person_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_grade_display()}"


class Position(models.TextChoices):
    SECRETARY = "secretary", _("Secretary")
    DEPUTY = "deputy", _("Deputy secretary")
    MEMBER = "member", _("Committee member")


class CommitteeAppointment(models.Model):
    """Who holds a position on a base organisation's committee from a decision ("kiện toàn")."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("decision")
    )
    position = models.CharField(_("position"), max_length=10, choices=Position.choices)
    holder_name = models.CharField(_("name"), max_length=150)
    name_key = models.CharField(max_length=150, editable=False)
    starts_on = models.DateField(_("from"))

    class Meta:
        ordering = ["unit", "-starts_on", "position"]
        verbose_name = _("committee appointment")
        verbose_name_plural = _("committee appointments")
        constraints = [
            models.UniqueConstraint(fields=["decision", "name_key"], name="party_appointment_person_once"),
            models.UniqueConstraint(
                fields=["decision"], condition=Q(position="secretary"), name="party_appointment_one_secretary"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_position_display()} {self.holder_name}"


class SecretaryAccount(models.Model):
    """The account of a base organisation's secretary: it alone, with the Organisation Board,
    reads the personal records of that organisation's people."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="party_secretary")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation"))

    class Meta:
        verbose_name = _("secretary account")
        verbose_name_plural = _("secretary accounts")

    def __str__(self) -> str:
        return f"{self.user} — {self.unit}"


class ReviewKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    SUPERVISION = "supervision", _("Supervision")


class Review(models.Model):
    """An inspection or supervision of the Inspection Board: planned for a year, then done."""

    kind = models.CharField(_("kind"), max_length=15, choices=ReviewKind.choices)
    year = models.PositiveSmallIntegerField(_("plan year"))
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    subject = models.CharField(_("subject"), max_length=255)
    planned = models.BooleanField(_("in the year's plan"), default=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["year", "unit"]
        verbose_name = _("inspection or supervision")
        verbose_name_plural = _("inspections and supervisions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.subject}"


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", _("Reprimand")
    WARNING = "warning", _("Warning")
    DISMISSAL = "dismissal", _("Removal from post")
    EXPULSION = "expulsion", _("Expulsion")


class DisciplineCase(models.Model):
    """A disciplinary case: only counts leave the Inspection Board."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    form = models.CharField(_("form"), max_length=15, choices=DisciplineForm.choices)
    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="discipline", verbose_name=_("decision")
    )

    class Meta:
        verbose_name = _("disciplinary case")
        verbose_name_plural = _("disciplinary cases")

    def __str__(self) -> str:
        return f"{self.get_form_display()} ({self.decision})"


class RecordRead(models.Model):
    """Every read of a person's record: who, when, through what."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reads")
    via = models.CharField(max_length=20)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("read of a personal record")
        verbose_name_plural = _("reads of personal records")

    def __str__(self) -> str:
        return f"{self.user} → {self.person} ({self.at:%Y-%m-%d %H:%M})"


class StepUndo(models.Model):
    """A wrongly recorded step taken back: which step it was, why, who and when (the step row and
    its decision are deleted; this row stays)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="undone_steps")
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices)
    done_on = models.DateField(_("date"))
    decision_number = models.CharField(_("decision"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), max_length=TEXT_MAX_LENGTH)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    undone_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-undone_at"]
        verbose_name = _("undone step")
        verbose_name_plural = _("undone steps")

    def __str__(self) -> str:
        return f"{self.person} — {self.get_step_display()}"
