"""One way from a service's ValidationError to the page (khoi.core.service_errors)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from khoi.core.service_errors import add_form_errors, error_messages, error_text


class NameForm(forms.Form):
    name = forms.CharField()
    note = forms.CharField(required=False)


def _form() -> NameForm:
    form = NameForm({"name": "Cảng", "note": ""})
    assert form.is_valid()
    return form


def test_a_field_error_goes_on_its_field_and_an_unknown_field_on_the_form():
    form = _form()
    add_form_errors(form, ValidationError({"name": "Tên đã có.", "code": ["Mã đã có.", "Mã quá dài."]}))
    assert form.errors["name"] == ["Tên đã có."]
    assert form.non_field_errors() == ["Mã đã có.", "Mã quá dài."]


def test_a_plain_error_goes_on_the_form_or_on_the_default_field():
    form = _form()
    add_form_errors(form, ValidationError(["Kỳ đã khóa.", "Hạn đã qua."]))
    assert form.non_field_errors() == ["Kỳ đã khóa.", "Hạn đã qua."]
    form = _form()
    add_form_errors(form, ValidationError("Biểu thức sai."), default_field="note")
    assert form.errors["note"] == ["Biểu thức sai."]


def test_messages_by_field_and_as_one_line():
    assert error_messages(ValidationError({"text": "Trống."})) == {"text": ["Trống."]}
    assert error_messages(ValidationError("Sai.")) == {NON_FIELD_ERRORS: ["Sai."]}
    assert error_messages(ValidationError("Sai."), default_field="text") == {"text": ["Sai."]}
    assert error_text(ValidationError({"a": "Một.", "b": "Hai."})) == "Một. Hai."
