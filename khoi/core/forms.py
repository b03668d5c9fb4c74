"""Form pieces every app uses alike."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .workbook_read import WorkbookReadError, check_upload_size


class WorkbookUploadForm(forms.Form):
    """One Excel workbook to upload: it must end in .xlsx and stay under the size limit (checked
    before it is read); what is in it is the service's to check."""

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
