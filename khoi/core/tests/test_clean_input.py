"""Every text field of every form and every API serializer of the project cleans what it receives."""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.test import RequestFactory
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers

import khoi
from khoi.core.clean_input import MULTILINE, form_field_is_multiline, serializer_field_is_multiline
from khoi.core.text import TEXT_MAX_LENGTH
from khoi.units import services as unit_services
from khoi.units.forms import UnitProfileForm

# What an attacker (or a copy from another program) sends: NFD, control characters, CRLF.
DIRTY = unicodedata.normalize("NFD", " Lê\x01\x1f\r\nA\x7f ")
SINGLE_LINE = "Lê A"
MULTI_LINE = "Lê\nA"


def _project_modules(leaf: str) -> Iterator[Any]:
    for app in pkgutil.iter_modules(khoi.__path__):
        try:
            yield importlib.import_module(f"khoi.{app.name}.{leaf}")
        except ModuleNotFoundError:
            continue


def _subclasses(base: Any) -> Iterator[Any]:
    for cls in base.__subclasses__():
        yield cls
        yield from _subclasses(cls)


def _project_form_fields() -> Iterator[tuple[str, forms.Field]]:
    list(_project_modules("forms"))
    # In a stable order: the parallel workers must collect the same tests.
    for cls in sorted(set(_subclasses(forms.BaseForm)), key=lambda cls: (cls.__module__, cls.__qualname__)):
        if cls.__module__.startswith("khoi."):
            for name, field in cls.base_fields.items():
                yield f"{cls.__module__}.{cls.__qualname__}.{name}", field
    profile = UnitProfileForm(fields=list(unit_services.EDITABLE_FIELDS))
    for name, field in profile.fields.items():
        yield f"UnitProfileForm.{name}", field
    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_config.name.startswith("khoi."):
            form_class = model_admin.get_form(request)
            for name, field in form_class.base_fields.items():
                yield f"admin {model.__name__}.{name}", field


def _schema_serializer_fields() -> Iterator[tuple[str, serializers.Field]]:
    generator = SchemaGenerator()
    generator.get_schema(request=None, public=True)
    for (name, _kind), component in generator.registry._components.items():
        serializer = component.object
        if isinstance(serializer, type) and issubclass(serializer, serializers.BaseSerializer):
            serializer = serializer()
        if isinstance(serializer, serializers.Serializer):
            yield from _writable_fields(name, serializer)


def _writable_fields(prefix: str, field: Any) -> Iterator[tuple[str, serializers.Field]]:
    if isinstance(field, serializers.ListSerializer):
        field = field.child
    if isinstance(field, serializers.Serializer):
        for name, child in field.fields.items():
            if not child.read_only:
                yield from _writable_fields(f"{prefix}.{name}", child)
    elif isinstance(field, serializers.ListField | serializers.DictField):
        yield from _writable_fields(f"{prefix}[]", field.child)
    else:
        yield prefix, field


FORM_FIELDS = [
    (name, field)
    for name, field in _project_form_fields()
    if isinstance(field, forms.CharField) and not isinstance(field, forms.JSONField)  # JSON is data, not text
]


def test_the_project_has_text_fields_in_forms_to_walk():
    assert len(FORM_FIELDS) > 50
    assert any(form_field_is_multiline(field) for _name, field in FORM_FIELDS)


@pytest.mark.parametrize(("name", "field"), FORM_FIELDS, ids=[name for name, _field in FORM_FIELDS])
def test_every_text_field_of_every_form_stores_nfc_without_control_characters(name, field):
    if not field.strip:  # a password: kept as typed
        assert isinstance(field.widget, forms.PasswordInput)
        return
    expected = MULTI_LINE if form_field_is_multiline(field) else SINGLE_LINE
    try:
        value = field.clean(DIRTY)
    except forms.ValidationError:
        # A format (slug, e-mail, tax code) or a choice refuses the sample: nothing is stored.
        assert type(field) is not forms.CharField or field.validators, name
        value = field.to_python(DIRTY)
    assert value == expected


@pytest.mark.django_db
def test_every_text_field_of_every_api_serializer_stores_nfc_without_control_characters():
    checked = 0
    for name, field in _schema_serializer_fields():
        if not isinstance(field, serializers.CharField):
            continue
        if not field.trim_whitespace:  # the article checker's text: offsets must match what was sent
            assert name.startswith("CheckInput"), name
            continue
        expected = MULTI_LINE if serializer_field_is_multiline(field) else SINGLE_LINE
        try:
            value = field.run_validation(DIRTY)
        except serializers.ValidationError:
            # Formats (slugs, e-mails) refuse the sample; they still see it cleaned first.
            assert type(field) is not serializers.CharField, name
            continue
        assert value == expected, name
        checked += 1
    assert checked > 30


def test_a_text_that_is_only_control_characters_is_blank_for_a_required_field():
    with pytest.raises(forms.ValidationError):
        forms.CharField().clean("\x01\x02 \x1f")
    with pytest.raises(serializers.ValidationError):
        serializers.CharField().run_validation("\x01\x02 \x1f")


def test_a_length_limit_counts_the_clean_nfc_text():
    typed = unicodedata.normalize("NFD", "Lễ\x01")  # 4 code points typed, 2 stored
    assert forms.CharField(max_length=2).clean(typed) == "Lễ"
    assert serializers.CharField(max_length=2).run_validation(typed) == "Lễ"
    assert serializers.CharField(style=MULTILINE).run_validation("a\r\nb") == "a\nb"


def test_the_models_of_every_app_are_loaded_for_the_walk():
    assert apps.get_app_config("emulation").models_module is not None


def test_a_text_field_that_states_no_length_refuses_more_than_a_text_column_holds():
    too_long = "a" * (TEXT_MAX_LENGTH + 1)
    for field in (forms.CharField(widget=forms.Textarea), forms.CharField()):
        with pytest.raises(forms.ValidationError):
            field.clean(too_long)
    for serializer_field in (serializers.CharField(style=MULTILINE), serializers.CharField()):
        with pytest.raises(serializers.ValidationError) as error:
            serializer_field.run_validation(too_long)
        assert "10000" in str(error.value.detail)
    assert len(forms.CharField(widget=forms.Textarea).clean("a" * TEXT_MAX_LENGTH)) == TEXT_MAX_LENGTH


def test_every_model_text_column_people_type_into_has_a_length_limit():
    for model in apps.get_models():
        if not model.__module__.startswith("khoi."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and field.editable:
                assert field.max_length, f"{model._meta.label}.{field.name}"
