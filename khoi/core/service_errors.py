"""A service's ValidationError on a page: on the form's fields, as flash messages, or as text.

Services raise ValidationError with a dict (field -> messages) when the fault is one field's, or a
plain message otherwise. Views show it through these helpers only, so a message is never lost
(a plain one goes on the form as a whole, or on `default_field`) and never crashes the page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest


def error_messages(error: ValidationError, *, default_field: str = NON_FIELD_ERRORS) -> dict[str, list[str]]:
    """Field -> messages; a plain error's messages under `default_field`."""
    if hasattr(error, "error_dict"):
        return {field: [str(message) for message in messages_] for field, messages_ in error.message_dict.items()}
    return {default_field: [str(message) for message in error.messages]}


def error_text(error: ValidationError) -> str:
    """Every message in one line (a plain page or an htmx fragment)."""
    return " ".join(str(message) for message in error.messages)


def add_form_errors(form: Any, error: ValidationError, *, default_field: str | None = None) -> None:
    """Put the messages on the form's fields; a field the form does not have, and a plain error
    (unless `default_field` names a field), go on the form as a whole."""
    for field, messages_ in error_messages(error, default_field=default_field or NON_FIELD_ERRORS).items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target, message)


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    """Each message as an error message on the next page."""
    for message in error.messages:
        messages.error(request, str(message))
