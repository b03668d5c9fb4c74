"""Report files: the Party document header and signature, and the report as .txt/.docx/.xlsx/.pdf
(Vietnamese whatever the interface language); large scopes go to a background job.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from khoi.core.downloads import content_type_for
from khoi.core.party_document import PartyDocumentHeader, SignatureBlock
from khoi.reporting import selectors as reporting
from khoi.reporting.periods import Period
from khoi.units.selectors import unit_get_bloc

from . import documents
from .documents import DocumentHead
from .report_build import Progress, bloc_report
from .selectors import document_settings_for

# The formats a report comes in, with their content types from the one download table.
CONTENT_TYPES = {fmt: content_type_for(f"report.{fmt}") for fmt in ("docx", "xlsx", "pdf", "txt")}
# Above this many units a document is generated in the background.
IMMEDIATE_UNIT_LIMIT = 150


def document_head(*, number: str = "", on: dt.date | None = None, signer_name: str = "") -> DocumentHead:
    """The Party document header and signature of the bloc (editable per bloc by staff); the
    number, the date and the signer's name of one document may be given."""
    bloc = unit_get_bloc()
    row = document_settings_for(bloc=bloc)
    today = on or timezone.localdate()
    if row is None:
        name = bloc.name if bloc else ""
        header = PartyDocumentHeader(
            parent_body="", issuing_body=name, number_symbol=f"Số {number or '    '}-BC", place="", date=today
        )
        return DocumentHead(header=header, signature=SignatureBlock("T/M BAN THƯỜNG VỤ", "BÍ THƯ", signer_name))
    header = PartyDocumentHeader(
        parent_body=row.parent_body,
        issuing_body=row.issuing_body,
        number_symbol=f"Số {number or '    '}-{row.symbol}",
        place=row.place,
        date=today,
    )
    signature = SignatureBlock(row.signing_authority, row.signer_title, signer_name or row.signer_name)
    return DocumentHead(header=header, signature=signature, recipients=tuple(row.recipient_list))


def report_filename(*, period: Period, format: str) -> str:
    return f"bao-cao-{period}.{format}"


def report_document(
    *,
    period: Period,
    scope: reporting.Scope | None = None,
    format: str,
    number: str = "",
    on: dt.date | None = None,
    signer_name: str = "",
    include_submitted: bool = False,
    progress: Progress | None = None,
) -> tuple[str, bytes]:
    """(filename, bytes) of the report in a format, in Vietnamese whatever the interface's
    language (an official document); raises ValidationError when there is no data."""
    with translation.override("vi"):
        return _report_document(
            period=period,
            scope=scope,
            format=format,
            head=document_head(number=number, on=on, signer_name=signer_name),
            include_submitted=include_submitted,
            progress=progress,
        )


def _report_document(
    *,
    period: Period,
    scope: reporting.Scope | None,
    format: str,
    head: DocumentHead,
    include_submitted: bool,
    progress: Progress | None,
) -> tuple[str, bytes]:
    step = progress or (lambda _percent: None)
    report = bloc_report(
        period=period,
        scope=scope,
        include_submitted=include_submitted,
        progress=lambda percent: step(percent // 2),
    )
    if not any(row.value is not None for row in report.key_rows if row.code != reporting.UNITS_CODE):
        raise ValidationError(
            {"period": _("There are no approved figures for %(period)s in this scope.") % {"period": period.label}}
        )
    later: Progress = lambda percent: step(50 + percent // 2)  # noqa: E731
    if format == "txt":
        content = documents.report_text(report).encode("utf-8")
    elif format == "docx":
        content = documents.report_docx(report, head, later)
    elif format == "xlsx":
        content = documents.report_xlsx(report, later)
    elif format == "pdf":
        content = documents.report_pdf(report, head, later)
    else:
        raise ValidationError({"format": _("Unknown format.")})
    return report_filename(period=period, format=format), content


def needs_background(*, period: Period, scope: reporting.Scope) -> bool:
    return reporting.scope_units(scope=scope, period=period).count() > IMMEDIATE_UNIT_LIMIT
