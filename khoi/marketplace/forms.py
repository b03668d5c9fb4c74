"""Input forms of the marketplace pages: they parse input; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .categories import PROVINCES
from .models import Category, ListingKind, MouStatus

REGION_CHOICES = [(name, name) for name in PROVINCES]


class CategoryChoiceField(forms.ModelChoiceField):
    """Fields and their categories, the categories indented."""

    def label_from_instance(self, obj: Any) -> str:
        return f"— {obj.name}" if obj.parent_id else str(obj.name)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Offer or need"), required=False, choices=[("", _("All")), *ListingKind.choices])
    category = CategoryChoiceField(
        label=_("Category"), required=False, queryset=Category.objects.all(), empty_label=_("All")
    )
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("All")), *REGION_CHOICES])
    bloc = forms.ChoiceField(
        label=_("Enterprises"),
        required=False,
        choices=[("", _("All")), ("in", _("Inside the bloc")), ("out", _("Outside the bloc"))],
    )

    def in_bloc(self) -> bool | None:
        value = self.cleaned_data.get("bloc")
        return {"in": True, "out": False}.get(value or "")


class ListingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Offer or need"), choices=ListingKind.choices)
    category = CategoryChoiceField(label=_("Category"), queryset=Category.objects.all(), empty_label="—")
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    regions = forms.MultipleChoiceField(
        label=_("Regions served"), choices=REGION_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)
    contact_email = forms.EmailField(label=_("Contact email"), required=False, max_length=254)
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .selectors import region_choices

        regions = self.fields["regions"]
        assert isinstance(regions, forms.MultipleChoiceField)
        regions.choices = region_choices()


class OutsideEnterpriseForm(forms.Form):
    name = forms.CharField(label=_("Enterprise name"), max_length=255)
    tax_code = forms.CharField(label=_("Tax code"), max_length=20)
    province = forms.ChoiceField(label=_("Province"), choices=REGION_CHOICES[:-1])
    representative = forms.CharField(label=_("Representative"), max_length=120, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email"), required=False, max_length=254)


class ConferenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    venue = forms.CharField(label=_("Venue"), max_length=255)
    table_count = forms.IntegerField(label=_("Number of tables"), min_value=1, max_value=500)
    starts_at = forms.TimeField(label=_("First slot starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    slot_minutes = forms.IntegerField(label=_("Slot length (minutes)"), min_value=1, initial=20)
    slot_count = forms.IntegerField(label=_("Number of slots"), min_value=1, initial=10)
    break_after = forms.IntegerField(label=_("Break after slot"), required=False)
    break_minutes = forms.IntegerField(label=_("Break length (minutes)"), required=False, min_value=1)


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class MouForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=255)
    category = CategoryChoiceField(label=_("Category"), queryset=Category.objects.all(), empty_label="—")
    signed_on = forms.DateField(label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}))


class MouStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MouStatus.choices)
    on_date = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
