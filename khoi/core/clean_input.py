"""Every text field of every form and serializer cleans its input with `clean_text`.

Django's `forms.CharField` and DRF's `serializers.CharField` (and their subclasses: email, slug,
username, ModelForm and ModelSerializer fields, the admin's) are the two doors text comes in by.
`install()`, run once when the project starts (CoreConfig.ready), makes both clean what they
receive before their own checks run, so a length limit or a required field is checked on the
clean text, and no form or serializer of the project can forget it.

A field is multi-line when it is shown as a text area: a Django field with a `Textarea` widget
(every model TextField's form field), a DRF field whose style is `MULTILINE` (DRF gives it to
every model TextField; explicit fields state it). A field that keeps its input verbatim
(`strip=False`, `trim_whitespace=False`: passwords, the article checker's text, whose offsets
must match) is left as it came. A field that states no length takes the longest a model's text
column holds (`TEXT_MAX_LENGTH`), so no way in stores more than a column allows.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from rest_framework import fields as drf_fields

from .text import TEXT_MAX_LENGTH, clean_text

# The DRF style of a multi-line text: `serializers.CharField(style=MULTILINE, ...)`.
MULTILINE = {"base_template": "textarea.html"}

_installed = False


def form_field_is_multiline(field: forms.CharField) -> bool:
    return isinstance(field.widget, forms.Textarea)


def serializer_field_is_multiline(field: drf_fields.CharField) -> bool:
    return field.style.get("base_template") == MULTILINE["base_template"]


def install() -> None:
    """Wraps the two CharFields' first step; safe to call twice."""
    global _installed
    if _installed:
        return
    _installed = True
    form_to_python = forms.CharField.to_python
    serializer_run_validation = drf_fields.CharField.run_validation

    def to_python(self: forms.CharField, value: Any) -> Any:
        if self.strip and isinstance(value, str):
            value = clean_text(value, multiline=form_field_is_multiline(self))
            if self.max_length is None:
                MaxLengthValidator(TEXT_MAX_LENGTH)(value)
        return form_to_python(self, value)

    def run_validation(self: drf_fields.CharField, data: Any = drf_fields.empty) -> Any:
        if self.trim_whitespace and isinstance(data, str):
            data = clean_text(data, multiline=serializer_field_is_multiline(self))
            if self.max_length is None and len(data) > TEXT_MAX_LENGTH:
                self.fail("max_length", max_length=TEXT_MAX_LENGTH)
        return serializer_run_validation(self, data)

    forms.CharField.to_python = to_python  # type: ignore[method-assign]
    drf_fields.CharField.run_validation = run_validation  # type: ignore[method-assign,assignment]
