from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from khoi.core.workbook_read import WorkbookReadError, check_upload_size

from .services import TOKEN_VALIDITY_DAYS


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “monthly export script”.")
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        initial=90,
        choices=[(days, _("%(days)d days") % {"days": days}) for days in TOKEN_VALIDITY_DAYS],
    )


class PeopleUploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Choose an Excel file ending in .xlsx."))
        try:
            check_upload_size(upload)
        except WorkbookReadError as error:
            raise ValidationError(error.message) from None
        return upload


class DeliveryForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    delivery = forms.ChoiceField(
        label=_("How people receive their access"),
        choices=[
            ("print", _("A printable sheet of first-login passwords")),
            ("invite", _("An email invitation to those with an email (the others get a password on the sheet)")),
        ],
        initial="print",
        widget=forms.RadioSelect,
    )


class FirstPasswordChangeForm(PasswordChangeForm):
    """Django's change form; the new password may not be the one it replaces.

    The old password has been checked already (one hash): the new one is compared with it as
    typed, not hashed a second time to check it against the account."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        new = cleaned.get("new_password1")
        old = cleaned.get("old_password")
        if new and old and constant_time_compare(new, old):
            self.add_error("new_password1", _("Choose a password different from the one you were given."))
        return cleaned
