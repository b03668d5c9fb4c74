"""Forms of the Party-building data-entry pages. They only shape the input: every rule (order of
the steps, dates, quotas, numbers used twice) is the services' and comes back as their message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from khoi.units.models import Unit

from .models import (
    COURSE_STEPS,
    CourseBatch,
    CourseKind,
    DisciplineForm,
    Gender,
    Grade,
    Position,
    ReviewKind,
    Step,
)

BLANK = [("", "—")]


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


def _decision_number() -> forms.CharField:
    return forms.CharField(label=_("Decision number and symbol"), max_length=40, help_text=_("e.g. 125-QĐ/ĐUK"))


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class PersonForm(forms.Form):
    unit = UnitChoiceField(label=_("Base organisation"), queryset=Unit.objects.none())
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    birth_date = _date(_("Date of birth"))
    gender = forms.ChoiceField(label=_("Gender"), choices=BLANK + list(Gender.choices))
    identity_number = forms.CharField(
        label=_("Identity card number (CCCD)"), max_length=20, required=False, help_text=_("12 digits")
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


# Which inputs each step asks for (besides its date and a note).
STEP_FIELDS: dict[int, tuple[str, ...]] = {
    Step.COURSE: ("course", "certificate_number"),
    Step.APPLICATION: ("introducer_1", "introducer_2"),
    Step.CELL_VOTE: ("votes_for", "votes_total"),
    Step.BASE_PROPOSAL: (),
    Step.DECISION: ("decision_number",),
    Step.CEREMONY: ("late_approved",),
    Step.NEW_MEMBER_COURSE: ("course", "certificate_number"),
    Step.CONVERSION_VOTE: ("votes_for", "votes_total"),
    Step.CONVERSION: ("decision_number",),
}
OPTIONAL_FIELDS = ("done_on", "note")


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CourseBatch) -> str:
        return f"{obj} ({obj.starts_on:%d/%m/%Y}–{obj.ends_on:%d/%m/%Y})"


class StepForm(forms.Form):
    """The next step of one person: only the inputs that step needs are on the form."""

    done_on = _date(_("Date"))
    course = CourseChoiceField(label=_("Course batch"), queryset=CourseBatch.objects.none(), required=False)
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=40, required=False)
    introducer_1 = forms.CharField(label=_("First introducing member"), max_length=150, required=False)
    introducer_2 = forms.CharField(label=_("Second introducing member"), max_length=150, required=False)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=10000, required=False)
    votes_total = forms.IntegerField(label=_("Members voting"), min_value=0, max_value=10000, required=False)
    decision_number = forms.CharField(
        label=_("Decision number and symbol"), max_length=40, required=False, help_text=_("e.g. 125-QĐ/ĐUK")
    )
    late_approved = forms.BooleanField(label=_("Late ceremony agreed by the higher committee"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, step: Step, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        wanted = set(STEP_FIELDS[step]) | set(OPTIONAL_FIELDS)
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        if step in COURSE_STEPS:
            kind = CourseKind.AWARENESS if step == Step.COURSE else CourseKind.NEW_MEMBERS
            self.fields["course"].queryset = CourseBatch.objects.filter(kind=kind)  # type: ignore[attr-defined]
        if step in (Step.DECISION, Step.CONVERSION):
            self.fields["done_on"].label = _("Date signed")

    def step_input(self) -> dict[str, Any]:
        """The services' StepInput fields from the cleaned data."""
        data = self.cleaned_data
        return {
            "step": int(self.step),
            "done_on": data["done_on"],
            "decision_number": data.get("decision_number") or "",
            "course": data.get("course"),
            "certificate_number": data.get("certificate_number") or "",
            "introducers": tuple(x for x in (data.get("introducer_1"), data.get("introducer_2")) if x),
            "votes_for": data.get("votes_for"),
            "votes_total": data.get("votes_total"),
            "late_approved": bool(data.get("late_approved")),
            "note": data.get("note") or "",
        }


class StepUndoForm(forms.Form):
    step = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


GRADE_CHOICES = BLANK + [(g.value, g.label) for g in Grade]


class GradingForm(forms.Form):
    """A year's grades of organisations or of one organisation's members; one grade field per
    subject ("g-<id>"), left empty for those not graded by this decision."""

    year = forms.IntegerField(label=_("Year graded"), min_value=2000, max_value=2100, widget=forms.HiddenInput)
    decision_number = _decision_number()
    signed_on = _date(_("Date signed"))

    def __init__(self, *args: Any, subjects: Iterable[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subject_fields: list[str] = []
        for pk, label in subjects:
            name = f"g-{pk}"
            self.fields[name] = forms.ChoiceField(label=label, choices=GRADE_CHOICES, required=False)
            self.subject_fields.append(name)

    def grade_rows(self) -> list[forms.BoundField]:
        return [self[name] for name in self.subject_fields]

    def grades(self) -> dict[int, str]:
        return {int(name[2:]): self.cleaned_data[name] for name in self.subject_fields if self.cleaned_data.get(name)}


COMMITTEE_ROWS = 5
POSITION_CHOICES = BLANK + list(Position.choices)


class CommitteeForm(forms.Form):
    unit = UnitChoiceField(label=_("Base organisation"), queryset=Unit.objects.none())
    decision_number = _decision_number()
    signed_on = _date(_("Date signed"))

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        for i in range(1, COMMITTEE_ROWS + 1):
            self.fields[f"position_{i}"] = forms.ChoiceField(
                label=_("Position %(n)d") % {"n": i}, choices=POSITION_CHOICES, required=False
            )
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("Full name %(n)d") % {"n": i}, max_length=150, required=False
            )

    def appointment_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"position_{i}"], self[f"name_{i}"]) for i in range(1, COMMITTEE_ROWS + 1)]

    def appointments(self) -> list[tuple[str, str]]:
        rows = []
        for i in range(1, COMMITTEE_ROWS + 1):
            position, name = self.cleaned_data.get(f"position_{i}"), self.cleaned_data.get(f"name_{i}")
            if position or name:
                rows.append((position or "", name or ""))
        return rows


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=BLANK + list(ReviewKind.choices))
    unit = UnitChoiceField(label=_("Base organisation"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Plan year"), min_value=2000, max_value=2100)
    subject = forms.CharField(label=_("Subject"), max_length=255)
    planned = forms.BooleanField(label=_("In the year's plan"), required=False, initial=True)
    done_on = _date(_("Done on (empty: planned only)"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class CourseBatchForm(forms.Form):
    kind = forms.ChoiceField(label=_("Course"), choices=BLANK + list(CourseKind.choices))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    number = forms.IntegerField(label=_("Batch number"), min_value=1, max_value=99)
    starts_on = _date(_("Starts on"))
    ends_on = _date(_("Ends on"))
    place = forms.CharField(label=_("Place"), max_length=255, required=False)


class ReviewDoneForm(forms.Form):
    done_on = _date(_("Done on"))


class DisciplineCaseForm(forms.Form):
    unit = UnitChoiceField(label=_("Base organisation"), queryset=Unit.objects.none())
    form = forms.ChoiceField(label=_("Form of discipline"), choices=BLANK + list(DisciplineForm.choices))
    decision_number = _decision_number()
    signed_on = _date(_("Date signed"))

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


def default_year(today: dt.date) -> int:
    """Grading is decided early in the following year."""
    return today.year - 1
