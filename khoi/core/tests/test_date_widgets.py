"""Every date and date-time field of every form writes its value as the browser's date widgets take
it (ISO), in Vietnamese and in English, and reads that value back unchanged: a form opened with
stored dates and saved untouched keeps them."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.conf import settings
from django.utils import timezone, translation

import khoi

DAY = dt.date(2026, 12, 1)
MOMENT = dt.datetime(2026, 12, 1, 8, 30)


def _date_fields() -> list[tuple[str, str, forms.Field]]:
    found: list[tuple[str, str, forms.Field]] = []
    for module_info in pkgutil.walk_packages(khoi.__path__, "khoi."):
        name = module_info.name
        if ".tests" in name or ".migrations" in name or not name.endswith(("forms", "admin")):
            continue
        module = importlib.import_module(name)
        for form_name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != name:
                continue
            for field_name, field in getattr(form, "base_fields", {}).items():
                if isinstance(field, forms.DateField | forms.DateTimeField):
                    found.append((f"{name}.{form_name}", field_name, field))
    return found


DATE_FIELDS = _date_fields()


def test_the_walk_finds_the_date_fields_of_the_product():
    names = {f"{form}.{field}" for form, field, _f in DATE_FIELDS}
    assert "khoi.marketplace.forms.ListingForm.valid_until" in names
    assert "khoi.marketplace.forms.MouForm.signed_on" in names
    assert "khoi.contests.forms.ContestForm.opens_at" in names or any(".opens_at" in n for n in names)
    assert len(DATE_FIELDS) >= 8


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(("form", "name", "field"), DATE_FIELDS, ids=[f"{f}.{n}" for f, n, _x in DATE_FIELDS])
def test_a_date_field_shows_iso_in_its_widget_and_reads_it_back(form, name, field, language):
    with translation.override(language):
        if isinstance(field, forms.DateTimeField):
            value = timezone.make_aware(MOMENT)
            rendered = field.widget.render(name, value)
            shown = re.search(r'value="([^"]*)"', rendered).group(1)
            assert re.fullmatch(r"2026-12-01[T ]08:30(:00)?", shown), rendered
            assert field.clean(shown) == value
        else:
            rendered = field.widget.render(name, DAY)
            shown = re.search(r'value="([^"]*)"', rendered).group(1)
            assert shown == "2026-12-01", rendered
            assert field.clean(shown) == DAY


def test_a_vietnamese_user_may_still_type_a_date_the_vietnamese_way():
    with translation.override("vi"):
        assert forms.DateField().clean("01/12/2026") == DAY
