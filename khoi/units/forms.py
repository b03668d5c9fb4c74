"""Forms of the register pages. They only shape input; the services check the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from khoi.core.forms import WorkbookUploadForm

from . import selectors
from .models import Ownership, Unit, UnitKind, ZoneKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), input_formats=["%Y-%m-%d", "%d/%m/%Y"])


class UnitProfileForm(forms.Form):
    """The profile fields named in `fields`, built from the model (labels, choices, lengths)."""

    def __init__(self, *args: Any, fields: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Unit, fields=[name for name in fields if name != "parent"]))
        kind_field = self.fields.get("kind")
        if isinstance(kind_field, forms.ChoiceField):
            kind_field.choices = [(value, label) for value, label in UnitKind.choices if value != UnitKind.BLOC]
        self.order_fields(fields)

    def unit_fields(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name not in ("parent", "joined_on")}


class UnitCreateForm(UnitProfileForm):
    parent = forms.ModelChoiceField(label=_("parent unit"), queryset=Unit.objects.none())
    joined_on = _date_field(_("joined the bloc on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent_field = self.fields["parent"]
        assert isinstance(parent_field, forms.ModelChoiceField)
        parent_field.queryset = selectors.parent_choices()
        self.order_fields(["code", "name", "short_name", "kind", "parent", "joined_on"])


class MoveForm(forms.Form):
    parent = forms.ModelChoiceField(label=_("new parent unit"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent_field = self.fields["parent"]
        assert isinstance(parent_field, forms.ModelChoiceField)
        parent_field.queryset = selectors.parent_choices(exclude=unit)


class CloseForm(forms.Form):
    left_on = _date_field(_("left the bloc on"))


class ImportUploadForm(WorkbookUploadForm):
    """The register's workbook."""


class GroupMemberForm(forms.Form):
    code = forms.CharField(label=_("unit code"), max_length=20)


class ZoneForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=255)
    kind = forms.ChoiceField(label=_("kind"), choices=ZoneKind.choices)
    province = forms.CharField(label=_("province"), max_length=100, required=False)


class TreeFilterForm(forms.Form):
    """The tree page's filters; every field is optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    as_of = _date_field(_("Units of the bloc on"), required=False)
    all = forms.BooleanField(label=_("Include units that have left"), required=False)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", "—"), *UnitKind.choices])
    ownership = forms.ChoiceField(label=_("ownership"), required=False, choices=[("", "—"), *Ownership.choices])

    def on_date(self) -> dt.date | None:
        """The date the page shows: the chosen one, today by default, none with "include left"."""
        if not self.is_valid():
            return timezone.localdate()
        if self.cleaned_data.get("all"):
            return None
        return self.cleaned_data.get("as_of") or timezone.localdate()
