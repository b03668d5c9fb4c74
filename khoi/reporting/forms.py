"""Page forms: they only shape input; the services decide and raise field-named errors."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from khoi.units.models import Ownership, UnitGroup, Zone

from .models import Indicator, ReportForm, RuleSeverity, ValidationRule


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


class RoundForm(forms.Form):
    form = forms.ModelChoiceField(label=_("Form"), queryset=ReportForm.objects.all())
    period_code = forms.CharField(label=_("Period"), help_text=_("e.g. 2021-H1, 2021-Y, 2021-Q3, 2021-9M, 2021-03"))
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))


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
