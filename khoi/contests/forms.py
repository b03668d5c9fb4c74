"""Forms: type checks only; the services decide what is valid."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Difficulty, QuestionKind, Topic
from .services import OTHER_UNIT


class UnitSelect(forms.Select):
    """The entry form's list of units (about a hundred options), written out without a template per
    option (those took most of the landing page's time) and kept per process for the same list,
    value, attributes and language: every visitor gets the same few kilobytes. Its options are
    given as they are (`units`): Django's choices would be normalised again for every form."""

    units: tuple[tuple[str, Any], ...] = ()  # (value, label): a label may be a lazy translation

    def use_required_attribute(self, initial: Any) -> bool:
        return bool(self.units) and self.units[0][0] == "" and not self.is_hidden

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        options = tuple((option, str(label)) for option, label in self.units)
        return _select_html(name, tuple(self.format_value(value)), tuple(final_attrs.items()), options)


@functools.lru_cache(maxsize=64)
def _select_html(
    name: str, chosen: tuple[str, ...], attrs: tuple[tuple[str, Any], ...], options: tuple[tuple[str, str], ...]
) -> SafeString:
    selected = mark_safe(" selected")
    parts: list[str] = [format_html('<select name="{}"{}>', name, flatatt(dict(attrs)))]
    parts += [
        format_html('<option value="{}"{}>{}</option>', value, selected if value in chosen else "", label)
        for value, label in options
    ]
    parts.append("</select>")
    return mark_safe("\n".join(parts))  # noqa: S308 (every part comes from format_html)


class _Direct:
    """An input that writes itself out without a template (the entry form is on the busiest page);
    the same markup as Django's input.html and attrs.html."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        shown = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], name, shown, flatatt(widget["attrs"]))


class DirectTextInput(_Direct, forms.TextInput):
    pass


class DirectNumberInput(_Direct, forms.NumberInput):
    pass


class DirectHiddenInput(_Direct, forms.HiddenInput):
    pass


class EntryForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("contest", "Full name"), max_length=120, widget=DirectTextInput)
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        widget=DirectTextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("E.g. 0912 345 678. One entry per phone number in each round."),
    )
    # Whether the unit is one of the list is the service's check (entry_start).
    unit = forms.CharField(label=pgettext_lazy("contest", "Unit"), widget=UnitSelect)
    other_unit = forms.CharField(
        label=_("Other unit (if not in the list)"), max_length=255, required=False, widget=DirectTextInput
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth (optional)"),
        required=False,
        widget=DirectNumberInput(attrs={"inputmode": "numeric"}),
    )
    # A field people never see: bots that fill every field give themselves away.
    website = forms.CharField(required=False, label=_("Leave this empty"))
    challenge = forms.CharField(widget=DirectHiddenInput)

    def __init__(self, *args: Any, units: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.fields["unit"].widget
        assert isinstance(widget, UnitSelect)
        widget.units = (
            ("", _("— choose your unit —")),
            *_unit_options(tuple(units or ())),
            (OTHER_UNIT, _("Other (write it below)")),
        )
        self.fields["name"].widget.attrs["autocomplete"] = "name"


@functools.lru_cache(maxsize=8)
def _unit_options(units: tuple[tuple[int, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((str(pk), name) for pk, name in units)


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


class ContestForm(forms.Form):
    title = forms.CharField(label=_("Title of the contest"), max_length=500)
    slug = forms.SlugField(label=_("Address (letters, digits, dashes)"), max_length=80)
    organiser = forms.CharField(label=_("Organiser"), max_length=255, required=False)
    rules = forms.CharField(
        label=pgettext_lazy("contest", "Rules"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    starts_per_ip_per_minute = forms.IntegerField(
        label=_("Entries started per minute from one network address"),
        min_value=1,
        initial=30,
        help_text=_("Raise it when whole factories share one Internet connection."),
    )


class RoundForm(forms.Form):
    number = forms.IntegerField(label=_("Round number"), min_value=1)
    title = forms.CharField(label=_("Round title"), max_length=255, required=False)
    opens_at = forms.DateTimeField(
        label=_("Opens at (Vietnam time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at (Vietnam time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    time_limit_minutes = forms.IntegerField(label=_("Time limit (minutes)"), min_value=1, initial=15)
    prediction_question = forms.CharField(
        label=_("Prediction question"),
        max_length=500,
        required=False,
        initial="Dự đoán có bao nhiêu người trả lời đúng tất cả các câu hỏi của tuần này?",
    )

    def __init__(self, *args: Any, topics: list[Topic] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topics = topics or []
        for topic in self.topics:
            self.fields[f"topic_{topic.pk}"] = forms.IntegerField(
                label=_("Questions drawn from “%(topic)s”") % {"topic": topic.name},
                min_value=0,
                initial=0,
                required=False,
            )

    def draw(self) -> list[tuple[Topic, int]]:
        return [
            (topic, self.cleaned_data.get(f"topic_{topic.pk}") or 0)
            for topic in self.topics
            if self.cleaned_data.get(f"topic_{topic.pk}")
        ]


class PrizesForm(forms.Form):
    def __init__(self, *args: Any, current: dict[tuple[str, str], int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import PRIZE_ORDER, PrizeKind, PrizeScope

        current = current or {}
        for scope, scope_label in PrizeScope.choices:
            kinds = [*PRIZE_ORDER, PrizeKind.COLLECTIVE] if scope == PrizeScope.OVERALL else PRIZE_ORDER
            for kind in kinds:
                self.fields[f"{scope}__{kind}"] = forms.IntegerField(
                    label=f"{scope_label}: {PrizeKind(kind).label}",
                    min_value=0,
                    initial=current.get((scope, kind), 0),
                )

    def counts(self) -> dict[tuple[str, str], int]:
        return {tuple(name.split("__", 1)): value or 0 for name, value in self.cleaned_data.items()}  # type: ignore[misc]
