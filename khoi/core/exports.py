"""Leaving is possible: the whole bloc's data as one workbook per module and as JSON.

Core knows no other app. Each app declares on its AppConfig what it contributes:

    exports = [AppModelsExport(key="units", title=_("Register of units"), personal={...}, skip=(...))]

`AppModelsExport` exports every model of the app (or those named in `models`), every concrete
field, many-to-many fields as lists of ids, and, for a foreign key to a model with a `code`, that
code next to the id. An app with something that is not a model row may declare any object with
`key`, `title`, `personal_only` and `tables(with_personal_data=…)` returning `ExportTable`s.

Personal data is left out unless asked for (`with_personal_data`): the fields an app names in
`personal`, every foreign key to a user (who entered, approved, changed what), and whole modules
marked `personal_only` (the accounts). Fields named in `never` (password hashes, participants'
keys) are never exported.

`build_export()` returns the files: `<module>.xlsx` (one sheet per model, Vietnamese headers,
choices by their label) and `<module>.json` (stored values: codes, ISO dates, decimals as
strings), plus `manifest.json` (modules, tables, row counts, when, with or without personal data).
Used by `manage.py export_bloc --dir DIR [--with-personal-data]` and by the export page, whose
zip the task worker writes to private storage (khoi.core.export_jobs).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from django.apps import apps
from django.conf import settings
from django.db.models import Field, JSONField, Model
from django.utils import timezone, translation

from .workbook import WorkbookWriter

# Derived columns kept for search and matching: rebuilt from the others, never exported.
TECHNICAL_FIELDS = ("search_text", "name_key")
EXCEL_MAX_ROWS = 1_000_000  # Excel holds 1,048,576 rows a sheet: a longer table continues on the next
CHUNK = 2_000


@dataclass(frozen=True)
class ExportColumn:
    key: str  # the JSON name (the field's attname: "unit_id"; a code next to a key: "unit__code")
    label: str  # the workbook header, in Vietnamese
    choices: Mapping[Any, str] = field(default_factory=dict)  # stored value → label, for the workbook
    is_json: bool = False


@dataclass
class ExportTable:
    key: str  # "units.Unit"
    title: str  # the sheet's name, in Vietnamese
    columns: list[ExportColumn]
    rows: Iterable[Sequence[Any]]


class ExportProvider(Protocol):
    key: str
    title: Any
    personal_only: bool

    def tables(self, *, with_personal_data: bool) -> list[ExportTable]: ...


@dataclass(frozen=True)
class Derived:
    """A column computed from another: `function(value of source)`."""

    key: str
    label: Any
    source: str
    function: Callable[[Any], Any]


@dataclass(frozen=True)
class AppModelsExport:
    key: str  # the file name: "<key>.xlsx", "<key>.json"
    title: Any
    models: tuple[str, ...] = ()  # "app_label.Model"; empty: every model of the app that declares it
    skip: tuple[str, ...] = ()  # models left out: caches derived from the others, search vocabularies
    personal: tuple[str, ...] = ()  # "Model.field" (or "field" for every model) holding personal data
    never: tuple[str, ...] = ()  # "Model.field" or "field": secrets, never exported
    labels: Mapping[str, Any] = field(default_factory=dict)  # "Model.field" → header, where the model has none
    titles: Mapping[str, Any] = field(default_factory=dict)  # "Model" → sheet title, where the model has none
    derived: Mapping[str, tuple[Derived, ...]] = field(default_factory=dict)  # "Model" → computed columns
    personal_only: bool = False
    app_label: str = ""  # set by `export_providers()` from the AppConfig that declares it

    def _models(self) -> list[type[Model]]:
        if self.models:
            return [apps.get_model(label) for label in self.models]
        config = apps.get_app_config(self.app_label)
        return [
            model
            for model in config.get_models()
            if model.__name__ not in self.skip and not model._meta.auto_created and model._meta.managed
        ]

    @staticmethod
    def _named(names: tuple[str, ...], model: type[Model], field_name: str) -> bool:
        return field_name in names or f"{model.__name__}.{field_name}" in names

    def _is_personal(self, model: type[Model], model_field: Field[Any, Any]) -> bool:
        if self._named(self.personal, model, model_field.name):
            return True
        related = model_field.related_model
        return bool(
            model_field.is_relation and related is not None and related is apps.get_model(settings.AUTH_USER_MODEL)
        )

    def _label(self, model: type[Model], model_field: Any) -> str:
        label = self.labels.get(f"{model.__name__}.{model_field.name}")
        if label:
            return str(label)
        related = model_field.related_model if model_field.is_relation else None
        if related is not None and str(model_field.verbose_name) == model_field.name.replace("_", " "):
            return str(related._meta.verbose_name)  # a key without a name of its own: its model's
        return str(model_field.verbose_name)

    def tables(self, *, with_personal_data: bool) -> list[ExportTable]:
        return [self._table(model, with_personal_data=with_personal_data) for model in self._models()]

    def _table(self, model: type[Model], *, with_personal_data: bool) -> ExportTable:
        columns: list[ExportColumn] = []
        lookups: list[str] = []
        for model_field in model._meta.concrete_fields:
            if model_field.name in TECHNICAL_FIELDS or self._named(self.never, model, model_field.name):
                continue
            if not with_personal_data and self._is_personal(model, model_field):
                continue
            label = self._label(model, model_field)
            choices = {value: str(text) for value, text in model_field.flatchoices} if model_field.choices else {}
            columns.append(ExportColumn(model_field.attname, label, choices, isinstance(model_field, JSONField)))
            lookups.append(model_field.attname)
            related = model_field.related_model if model_field.is_relation else None
            code_field = next((f for f in related._meta.concrete_fields if f.name == "code"), None) if related else None
            if code_field is not None:
                code_label = str(code_field.verbose_name)
                columns.append(ExportColumn(f"{model_field.name}__code", f"{label} ({code_label})"))
                lookups.append(f"{model_field.name}__code")
        many = [
            m2m
            for m2m in model._meta.many_to_many
            if not self._named(self.never, model, m2m.name)
            and (with_personal_data or not self._named(self.personal, model, m2m.name))
        ]
        for m2m in many:
            columns.append(ExportColumn(m2m.name, self._label(model, m2m), is_json=True))
        derived = self.derived.get(model.__name__, ())
        derived = tuple(item for item in derived if item.source in lookups)
        for item in derived:
            columns.append(ExportColumn(item.key, str(item.label)))
        title = str(self.titles.get(model.__name__) or model._meta.verbose_name_plural)
        return ExportTable(
            key=model._meta.label,
            title=title[:1].upper() + title[1:],
            columns=columns,
            rows=_rows(model, lookups, many, derived),
        )


def _rows(model: type[Model], lookups: list[str], many: list[Any], derived: tuple[Derived, ...]) -> Iterator[list[Any]]:
    related_ids: list[dict[Any, list[Any]]] = []
    for m2m in many:
        through = m2m.remote_field.through
        source = m2m.m2m_field_name()
        target = m2m.m2m_reverse_field_name()
        links: dict[Any, list[Any]] = defaultdict(list)
        for owner, other in through.objects.order_by(target).values_list(f"{source}_id", f"{target}_id"):
            links[owner].append(other)
        related_ids.append(links)
    positions = [lookups.index(item.source) for item in derived]
    pk_position = lookups.index(model._meta.pk.attname) if model._meta.pk.attname in lookups else None
    for values in model._default_manager.order_by("pk").values_list(*lookups).iterator(chunk_size=CHUNK):
        row = list(values)
        pk = values[pk_position] if pk_position is not None else None
        row += [links.get(pk, []) for links in related_ids]
        row += [item.function(values[position]) for item, position in zip(derived, positions, strict=True)]
        yield row


# ---- Collecting ----------------------------------------------------------------------------------


def export_providers() -> list[ExportProvider]:
    """Every app's `exports`, in the order of settings.KHOI_APPS."""
    providers: list[ExportProvider] = []
    for app_name in settings.KHOI_APPS:
        config = apps.get_app_config(app_name.rsplit(".", 1)[-1])
        for provider in getattr(config, "exports", []):
            if isinstance(provider, AppModelsExport) and not provider.app_label:
                provider = replace(provider, app_label=config.label)
            providers.append(provider)
    return providers


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return None
    return value


def _cell_value(column: ExportColumn, value: Any) -> Any:
    if value is None:
        return None
    if column.choices and value in column.choices:
        return column.choices[value]
    if column.is_json:
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (bytes, memoryview, uuid.UUID)):
        return str(value) if isinstance(value, uuid.UUID) else None
    return value


@dataclass
class ModuleFiles:
    key: str
    title: str
    workbook: bytes
    json: bytes
    counts: dict[str, int]


def export_module(provider: ExportProvider, *, with_personal_data: bool) -> ModuleFiles:
    """One module: its workbook (a sheet per table) and its JSON, read in one pass per table."""
    with translation.override("vi"):
        title = str(provider.title)
        writer = WorkbookWriter()
        document: dict[str, Any] = {"module": provider.key, "title": title, "tables": {}}
        counts: dict[str, int] = {}
        for table in provider.tables(with_personal_data=with_personal_data):
            headers = [column.label for column in table.columns]
            sheet = writer.sheet(table.title)
            sheet.header(headers)
            sheet.freeze("A2")
            json_rows: list[dict[str, Any]] = []
            count = 0
            for row in table.rows:
                if sheet.row_count > EXCEL_MAX_ROWS:
                    sheet = writer.sheet(table.title)
                    sheet.header(headers)
                sheet.append([_cell_value(column, value) for column, value in zip(table.columns, row, strict=True)])
                json_rows.append(
                    {column.key: _json_value(value) for column, value in zip(table.columns, row, strict=True)}
                )
                count += 1
            sheet.column_widths([max(10, min(40, len(header) + 2)) for header in headers])
            counts[table.key] = count
            document["tables"][table.key] = {
                "title": table.title,
                "columns": [{"key": column.key, "label": column.label} for column in table.columns],
                "rows": json_rows,
            }
        # Compact: with `indent` the json module falls back from its C encoder (ten times slower).
        content = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
        return ModuleFiles(provider.key, title, writer.to_bytes(), content, counts)


def export_files(
    *, with_personal_data: bool = False, progress: Callable[[int, int], None] | None = None
) -> Iterator[tuple[str, bytes]]:
    """Every module's files, one module at a time, then the manifest; `progress(done, total)` is
    told after each module."""
    manifest: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "with_personal_data": with_personal_data,
        "modules": [],
    }
    providers = [p for p in export_providers() if with_personal_data or not p.personal_only]
    for done, provider in enumerate(providers, start=1):
        module = export_module(provider, with_personal_data=with_personal_data)
        yield f"{module.key}.xlsx", module.workbook
        yield f"{module.key}.json", module.json
        manifest["modules"].append(
            {
                "key": module.key,
                "title": module.title,
                "files": [f"{module.key}.xlsx", f"{module.key}.json"],
                "rows": module.counts,
            }
        )
        if progress is not None:
            progress(done, len(providers))
    yield "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode()


def build_export(*, with_personal_data: bool = False) -> dict[str, bytes]:
    """Every module's files and the manifest, by file name."""
    return dict(export_files(with_personal_data=with_personal_data))


def write_export(directory: Path, *, with_personal_data: bool = False) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in export_files(with_personal_data=with_personal_data):
        path = directory / name
        path.write_bytes(content)
        written.append(path)
    return written


def write_export_zip(
    target: BinaryIO, *, with_personal_data: bool = False, progress: Callable[[int, int], None] | None = None
) -> None:
    """The zip the export page gives, written to a file as each module is made (one module in
    memory at a time)."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in export_files(with_personal_data=with_personal_data, progress=progress):
            archive.writestr(name, content)


def export_zip(*, with_personal_data: bool = False) -> bytes:
    buffer = io.BytesIO()
    write_export_zip(buffer, with_personal_data=with_personal_data)
    return buffer.getvalue()
