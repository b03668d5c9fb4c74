from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
