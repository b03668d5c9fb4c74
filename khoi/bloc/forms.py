from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from khoi.core.text import clean_text

from . import services


class BlocSetupForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the Party committee"),
        max_length=255,
        help_text=_("As it heads the documents, e.g. “Đảng ủy Khối Doanh nghiệp tỉnh Đồng Nai”."),
    )
    short_name = forms.CharField(label=_("Short name"), max_length=50, help_text=_("e.g. “ĐUK”."))
    parent_body = forms.CharField(
        label=_("Parent body (document header)"), max_length=200, help_text=_("e.g. “ĐẢNG BỘ TỈNH ĐỒNG NAI”.")
    )
    place = forms.CharField(
        label=_("Place name"), max_length=100, help_text=_("Written before the date of documents, e.g. “Đồng Nai”.")
    )
    signer_name = forms.CharField(label=_("Default signer"), max_length=100, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=100, initial="BÍ THƯ")
    number_suffix = forms.CharField(
        label=_("Document number suffix"), max_length=30, initial="-BC/ĐUK", help_text=_("e.g. “-BC/ĐUK”.")
    )
    logo = forms.FileField(label=_("Logo (optional)"), required=False, help_text=_("PNG or JPEG, at most 300 KB."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("name", "short_name", "parent_body", "place", "signer_name", "signer_title", "number_suffix"):
            if name in data:
                data[name] = clean_text(data[name], multiline=False)
        if data.get("number_suffix"):
            try:
                services.parse_suffix(data["number_suffix"])
            except ValidationError as error:
                self.add_error("number_suffix", error.message_dict["number_suffix"])
        upload = data.get("logo")
        if upload:
            if upload.size > services.LOGO_MAX_BYTES:
                self.add_error("logo", _("The logo is larger than 300 KB."))
            else:
                content = upload.read()
                try:
                    services.logo_type(content)
                    data["logo"] = content
                except ValidationError as error:
                    self.add_error("logo", error.message_dict["logo"])
        else:
            data["logo"] = b""
        return data

    def answers(self) -> services.BlocAnswers:
        data = self.cleaned_data
        return services.BlocAnswers(
            name=data["name"],
            short_name=data["short_name"],
            parent_body=data["parent_body"],
            place=data["place"],
            signer_name=data.get("signer_name", ""),
            signer_title=data["signer_title"],
            number_suffix=data["number_suffix"],
            logo=data.get("logo") or b"",
        )
