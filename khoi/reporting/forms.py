"""Page forms: they only shape input; the services decide and raise field-named errors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from khoi.units.models import Ownership, UnitGroup, Zone

from .models import Indicator, ReportForm, RuleSeverity, ValidationRule
from .periods import period_choices


class OverviewFilterForm(forms.Form):
    period = forms.CharField(label=_("Period"), required=False)
    ownership = forms.ChoiceField(label=_("Ownership"), required=False, choices=[("", _("All")), *Ownership.choices])
    sector = forms.CharField(label=_("Sector (VSIC)"), required=False, max_length=4)
    zone = forms.ModelChoiceField(label=_("Zone"), required=False, queryset=Zone.objects.all(), empty_label=_("All"))
    group = forms.ModelChoiceField(
        label=_("Unit group"),
        required=False,
        queryset=UnitGroup.objects.all(),
        to_field_name="code",
        empty_label=_("All"),
    )
    include_submitted = forms.BooleanField(label=_("Include submitted, not yet approved figures"), required=False)


# Django 6 writes an empty choice as "- Select an option -" and ships no Vietnamese for it; the
# catalogue of this app carries it (any app's catalogue serves every page).
BLANK_CHOICE = _("- Select an option -")


class RoundForm(forms.Form):
    """Staff choose the period by its name ("6 tháng đầu năm 2024"), never type its code."""

    form = forms.ModelChoiceField(label=_("Form"), queryset=ReportForm.objects.all(), empty_label=BLANK_CHOICE)
    period_code = forms.ChoiceField(label=_("Period"))
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, years: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        choices = period_choices(sorted({this_year - 1, this_year, this_year + 1, *years}))
        cast(forms.ChoiceField, self.fields["period_code"]).choices = [("", _("— Choose the period —")), *choices]


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RuleForm(forms.ModelForm):
    class Meta:
        model = ValidationRule
        fields = ["code", "name", "expression", "severity", "message", "active"]
        widgets = {"severity": forms.Select(choices=RuleSeverity.choices)}


class PlanForm(forms.Form):
    unit_code = forms.CharField(label=_("Unit code"), max_length=20)
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.filter(has_plan=True), to_field_name="code"
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    value = forms.CharField(label=_("Plan"), max_length=30)
