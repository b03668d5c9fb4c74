"""Forms: type checks only; the services decide what is valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Difficulty, QuestionKind, Topic
from .services import OTHER_UNIT


class EntryForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("contest", "Full name"), max_length=120)
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("E.g. 0912 345 678. One entry per phone number in each round."),
    )
    unit = forms.ChoiceField(label=pgettext_lazy("contest", "Unit"))
    other_unit = forms.CharField(label=_("Other unit (if not in the list)"), max_length=255, required=False)
    birth_year = forms.IntegerField(
        label=_("Year of birth (optional)"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    # A field people never see: bots that fill every field give themselves away.
    website = forms.CharField(required=False, label=_("Leave this empty"))
    challenge = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, units: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [("", _("— choose your unit —"))]
        choices += [(str(pk), name) for pk, name in units or []]
        choices.append((OTHER_UNIT, _("Other (write it below)")))
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ChoiceField)
        unit_field.choices = choices
        self.fields["name"].widget.attrs["autocomplete"] = "name"


class QuestionForm(forms.Form):
    topic = forms.ModelChoiceField(label=pgettext_lazy("contest", "Topic"), queryset=Topic.objects.all())
    kind = forms.ChoiceField(label=pgettext_lazy("contest", "Kind"), choices=QuestionKind.choices)
    text = forms.CharField(label=pgettext_lazy("contest", "Question"), widget=forms.Textarea(attrs={"rows": 3}))
    option_a = forms.CharField(label=_("Option A"), max_length=500)
    option_b = forms.CharField(label=_("Option B"), max_length=500)
    option_c = forms.CharField(label=_("Option C"), max_length=500)
    option_d = forms.CharField(label=_("Option D"), max_length=500)
    correct = forms.MultipleChoiceField(
        label=pgettext_lazy("contest", "Correct options"),
        choices=[(letter, letter) for letter in "ABCD"],
        widget=forms.CheckboxSelectMultiple,
    )
    explanation = forms.CharField(
        label=pgettext_lazy("contest", "Explanation"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    difficulty = forms.TypedChoiceField(
        label=pgettext_lazy("contest", "Difficulty"), choices=Difficulty.choices, coerce=int, initial=Difficulty.MEDIUM
    )
    is_active = forms.BooleanField(label=_("Active (may be drawn)"), required=False, initial=True)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
