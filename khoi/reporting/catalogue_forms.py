"""Forms of the catalogue pages (khoi.reporting.catalogue_views)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from khoi.units.models import UnitGroup

from .catalogue_services import INDICATOR_FIELDS
from .models import Indicator, ReportForm


class IndicatorForm(forms.ModelForm):
    groups = forms.ModelMultipleChoiceField(
        label=_("Unit groups that report it"),
        queryset=UnitGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every unit reports it."),
    )

    class Meta:
        model = Indicator
        fields = ["code", *INDICATOR_FIELDS]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Left empty: made from the name. Never shown on reports.")
        if self.instance.pk:
            del self.fields["code"]
            self.fields["groups"].initial = list(self.instance.groups.all())
            others = Indicator.objects.exclude(pk=self.instance.pk)
        else:
            others = Indicator.objects.all()
        for name in ("numerator", "denominator", "base", "part_of"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = others

    def _post_clean(self) -> None:  # the service validates the model (and the version)
        pass


class ReportFormForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    frequency = forms.ChoiceField(label=_("Values per"), choices=ReportForm.Frequency.choices)
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators"),
        queryset=Indicator.objects.exclude(unit_aggregation__in=["ratio", "count_if"]),
        widget=forms.CheckboxSelectMultiple,
    )
    optional = forms.ModelMultipleChoiceField(
        label=_("Of which optional"),
        queryset=Indicator.objects.exclude(unit_aggregation__in=["ratio", "count_if"]),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Units may leave these empty."),
    )
