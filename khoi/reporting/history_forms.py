"""Forms of the history import pages (khoi.reporting.history_views)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from khoi.core.workbook_read import WorkbookReadError, check_upload_size

from .models import HistoryImport

KIND_CHOICES = [
    ("Q", _("Quarters")),
    ("H1", _("First six months")),
    ("9M", _("First nine months")),
    ("Y", _("Whole year")),
]


def _year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year, this_year - 11, -1)]


class HistoryTemplateForm(forms.Form):
    first_year = forms.TypedChoiceField(label=_("From the year"), coerce=int, choices=_year_choices)
    last_year = forms.TypedChoiceField(label=_("To the year"), coerce=int, choices=_year_choices)
    kinds = forms.MultipleChoiceField(
        label=_("Periods"), choices=KIND_CHOICES, widget=forms.CheckboxSelectMultiple, initial=["H1", "Y"]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and first > last:
            self.add_error("last_year", _("The last year comes after the first."))
        return data


class HistoryUploadForm(forms.Form):
    layout = forms.ChoiceField(
        label=_("Layout of the file"),
        choices=HistoryImport.Layout.choices,
        widget=forms.RadioSelect,
        initial=HistoryImport.Layout.TEMPLATE,
    )
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_upload_size(upload)
        except WorkbookReadError as error:
            raise forms.ValidationError(error.message) from None
        return upload


class HistoryMappingForm(forms.Form):
    """A period for each sheet and an indicator for each column header, as suggested."""

    def __init__(
        self,
        *args: Any,
        sheets: list[tuple[str, str]],
        headers: list[tuple[str, str]],
        period_choices: list[tuple[str, str]],
        indicator_choices: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sheet_titles = [title for title, _suggested in sheets]
        self.header_texts = [text for text, _suggested in headers]
        for index, (title, suggested) in enumerate(sheets):
            self.fields[f"sheet_{index}"] = forms.ChoiceField(
                label=title,
                choices=[("", _("— skip this sheet —")), *period_choices],
                required=False,
                initial=suggested,
            )
        for index, (text, suggested) in enumerate(headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=text,
                choices=[("", _("— not imported —")), *indicator_choices],
                required=False,
                initial=suggested,
            )

    def sheet_fields(self) -> list[Any]:
        return [self[f"sheet_{i}"] for i in range(len(self.sheet_titles))]

    def column_fields(self) -> list[Any]:
        return [self[f"column_{i}"] for i in range(len(self.header_texts))]

    def mapping(self) -> tuple[dict[str, str], dict[str, str]]:
        data = self.cleaned_data
        sheets = {title: data.get(f"sheet_{i}") or "" for i, title in enumerate(self.sheet_titles)}
        columns = {text: data.get(f"column_{i}") or "" for i, text in enumerate(self.header_texts)}
        return {k: v for k, v in sheets.items() if v}, {k: v for k, v in columns.items() if v}
