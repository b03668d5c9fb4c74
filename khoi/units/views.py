"""Register pages: thin callers of selectors and services, scoped by the permission layer.

Who may do what (khoi.accounts.permissions):
- every member reads the units in their scope (a reporter: their unit and its subtree; others → 404);
- the Office and the Organisation Board (can_manage_register) create, edit, move, close, reopen,
  import and keep the groups and zones; everyone else gets 403 on those;
- a unit's reporter edits the profile of its own unit (services.REPORTER_EDITABLE_FIELDS).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.accounts.permissions import (
    can_manage_register,
    is_committee_staff,
    member_required,
    require,
    role_required,
)
from khoi.core.downloads import file_response
from khoi.core.service_errors import add_form_errors, flash_errors
from khoi.core.versioning import posted_version

from . import register_excel, register_export, selectors, services
from .forms import (
    CloseForm,
    GroupMemberForm,
    ImportUploadForm,
    MoveForm,
    TreeFilterForm,
    UnitCreateForm,
    UnitProfileForm,
    ZoneForm,
)
from .models import Unit, UnitGroup, UnitKind
from .scope import (
    can_read_unit,
    can_write_unit_data,
    require_unit_readable,
    visible_units,
)

CHILDREN_PER_PAGE = 100
DETAIL_CHILDREN = 200
SEARCH_LIMIT = 200
IMPORT_SESSION_KEY = "units_import_token"


def _readable_unit(request: HttpRequest, pk: int) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("parent", "sector", "zone"), pk=pk)
    require_unit_readable(request.user, unit)
    return unit


def _tree_root(request: HttpRequest) -> Unit | None:
    """The top of what this user sees: the bloc, or a reporter's own unit."""
    user = request.user
    if getattr(user, "reads_all", False):
        return selectors.unit_get_bloc()
    return getattr(user, "unit", None)


def _query_string(request: HttpRequest, **changes: Any) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


# ---- Browse -----------------------------------------------------------------------------------


@member_required
def tree(request: HttpRequest) -> HttpResponse:
    """The bloc as a tree: the root and its children (a page at a time), subtrees loaded on demand.

    With 5,000 units the page stays small: the first level is paginated (100 per page, in
    Vietnamese order) and each node's children come by htmx when it is opened. A search shows a
    flat list of matches in Vietnamese order instead.
    """
    form = TreeFilterForm(request.GET or None)
    on_date = form.on_date()
    filters = form.cleaned_data if form.is_valid() else {}
    visible = visible_units(request.user)
    in_scope = selectors.unit_filter(
        queryset=visible, as_of=on_date, kind=filters.get("kind"), ownership=filters.get("ownership")
    )
    root = _tree_root(request)
    context: dict[str, Any] = {
        "form": form,
        "on_date": on_date,
        "root": root,
        "counts": selectors.unit_kind_counts(queryset=in_scope),
        "base_count": None,
        "date_query": _query_string(request, page=None, q=None),
        "export_query": request.GET.urlencode(),
        "can_manage": can_manage_register(request.user),
    }
    counts = context["counts"]
    context["base_count"] = counts[UnitKind.BASE_COMMITTEE] + counts[UnitKind.BASE_CELL]
    context["kind_counts"] = [(kind.label, counts[kind.value]) for kind in UnitKind if kind != UnitKind.BLOC]
    query = filters.get("q")
    if query or filters.get("kind") or filters.get("ownership"):
        results, total = selectors.unit_search_sorted(queryset=in_scope, query=query or "", limit=SEARCH_LIMIT)
        context.update(results=results, total=total, limit=SEARCH_LIMIT, searching=True)
    elif root is not None:
        page_number = _page_number(request)
        children, total = selectors.unit_children_page(
            parent=root, as_of=on_date, offset=(page_number - 1) * CHILDREN_PER_PAGE, limit=CHILDREN_PER_PAGE
        )
        paginator = Paginator(range(total), CHILDREN_PER_PAGE)
        context.update(
            children=children,
            total=total,
            page=paginator.get_page(page_number),
            page_query=_query_string(request, page=None),
        )
    htmx = getattr(request, "htmx", None)
    template = "units/tree.html#results" if htmx and htmx.target == "tree-results" else "units/tree.html"
    return render(request, template, context)


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _on_date_param(request: HttpRequest) -> dt.date | None:
    if request.GET.get("all"):
        return None
    try:
        return dt.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


@member_required
def children(request: HttpRequest, pk: int) -> HttpResponse:
    """A node's children, for htmx to put under it when it is opened."""
    unit = _readable_unit(request, pk)
    on_date = _on_date_param(request)
    page_number = _page_number(request)
    units, total = selectors.unit_children_page(
        parent=unit, as_of=on_date, offset=(page_number - 1) * CHILDREN_PER_PAGE, limit=CHILDREN_PER_PAGE
    )
    next_page = page_number + 1 if page_number * CHILDREN_PER_PAGE < total else None
    return render(
        request,
        "units/tree.html#nodes",
        {
            "nodes": units,
            "parent": unit,
            "next_page": next_page,
            "date_query": _query_string(request, page=None),
        },
    )


@member_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _readable_unit(request, pk)
    user = request.user
    manage = can_manage_register(user)
    children, children_total = selectors.unit_children_page(parent=unit, as_of=None, limit=DETAIL_CHILDREN)
    context = {
        "unit": unit,
        "ancestors": [a for a in selectors.unit_ancestors(unit=unit) if can_read_unit(user, a)],
        "children": children,
        "children_total": children_total,
        "groups": unit.groups.order_by("name"),
        "history": selectors.unit_history(unit=unit),
        "can_manage": manage,
        "can_edit": manage or can_write_unit_data(user, unit),
        "can_add_child": manage and unit.kind in (UnitKind.BLOC, UnitKind.BASE_COMMITTEE) and not unit.is_closed,
        "today": timezone.localdate(),
    }
    return render(request, "units/detail.html", context)


# ---- Create, edit, move, close, reopen ----------------------------------------------------------


@role_required(can_manage_register)
def create(request: HttpRequest) -> HttpResponse:
    fields = list(services.EDITABLE_FIELDS)
    initial: dict[str, Any] = {"joined_on": timezone.localdate()}
    parent_id = request.GET.get("parent")
    if parent_id and parent_id.isdigit():
        initial["parent"] = int(parent_id)
        initial["kind"] = (
            UnitKind.SUBORDINATE_CELL
            if Unit.objects.filter(pk=parent_id, kind=UnitKind.BASE_COMMITTEE).exists()
            else UnitKind.BASE_CELL
        )
    form = UnitCreateForm(request.POST or None, fields=fields, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(
                actor=request.user,  # type: ignore[arg-type]
                parent=form.cleaned_data["parent"],
                joined_on=form.cleaned_data["joined_on"],
                fields=form.unit_fields(),
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The unit “%(name)s” was added to the register.") % {"name": unit.name})
            return redirect("units:detail", pk=unit.pk)
    return render(request, "units/form.html", {"form": form, "title": _("New unit"), "unit": None})


@member_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _readable_unit(request, pk)
    if can_manage_register(request.user):
        fields: tuple[str, ...] = services.EDITABLE_FIELDS
        if unit.kind == UnitKind.BLOC:
            fields = tuple(name for name in fields if name != "kind")
    else:
        require(can_write_unit_data(request.user, unit))
        fields = services.REPORTER_EDITABLE_FIELDS
    initial = {name: getattr(unit, f"{name}_id" if name in ("sector", "zone") else name) for name in fields}
    form = UnitProfileForm(request.POST or None, fields=fields, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(
                unit=unit,
                actor=request.user,  # type: ignore[arg-type]
                fields=form.unit_fields(),
                expected_version=posted_version(request),
            )
        except ValidationError as error:
            unit.refresh_from_db()
            add_form_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("units:detail", pk=unit.pk)
    return render(
        request,
        "units/form.html",
        {
            "form": form,
            "title": _("Edit “%(name)s”") % {"name": unit.name},
            "unit": unit,
            "reporter_only": fields == services.REPORTER_EDITABLE_FIELDS,
        },
    )


@role_required(can_manage_register)
def move(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _readable_unit(request, pk)
    form = MoveForm(request.POST or None, unit=unit, initial={"parent": unit.parent_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_move(unit=unit, new_parent=form.cleaned_data["parent"], actor=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The unit was moved."))
            return redirect("units:detail", pk=unit.pk)
    return render(
        request, "units/form.html", {"form": form, "title": _("Move “%(name)s”") % {"name": unit.name}, "unit": unit}
    )


@role_required(can_manage_register)
def close(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _readable_unit(request, pk)
    form = CloseForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_close(unit=unit, left_on=form.cleaned_data["left_on"], actor=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The unit has left the bloc; its history is kept."))
            return redirect("units:detail", pk=unit.pk)
    return render(
        request,
        "units/form.html",
        {
            "form": form,
            "title": _("“%(name)s” leaves the bloc") % {"name": unit.name},
            "unit": unit,
            "note": _("Its subordinate cells leave with it. Reports for earlier dates still count it."),
        },
    )


@require_POST
@role_required(can_manage_register)
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _readable_unit(request, pk)
    try:
        services.unit_reopen(unit=unit, actor=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The unit is a member of the bloc again."))
    return redirect("units:detail", pk=unit.pk)


# ---- Excel ------------------------------------------------------------------------------------


@member_required
def export(request: HttpRequest) -> HttpResponse:
    """The register as .xlsx: the same filters as the tree page; `root` limits to a subtree."""
    form = TreeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    root = None
    if request.GET.get("root", "").isdigit():
        root = _readable_unit(request, int(request.GET["root"]))
    units = selectors.unit_filter(
        queryset=visible_units(request.user),
        as_of=form.on_date(),
        kind=filters.get("kind"),
        ownership=filters.get("ownership"),
        query=filters.get("q"),
        root=root,
    )
    content = register_export.build_workbook(units.select_related("parent", "sector", "zone").order_by("path"))
    return file_response(content, "danh-sach-don-vi.xlsx")


@role_required(can_manage_register)
def import_template(request: HttpRequest) -> HttpResponse:
    return file_response(register_export.build_template(), "mau-danh-sach-don-vi.xlsx")


def _upload_path(token: str) -> str:
    return f"register-imports/{token}.xlsx"


@role_required(can_manage_register)
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload → preview with every row's errors. The file is kept server-side under a token in the
    session; confirming checks it again (the preview is not trusted) and imports it."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        result = register_excel.check_workbook(content, selectors.register_import_context())
        old = request.session.pop(IMPORT_SESSION_KEY, None)
        if old:
            default_storage.delete(_upload_path(old))
        if result.is_valid:
            token = secrets.token_urlsafe(16)
            default_storage.save(_upload_path(token), ContentFile(content))
            request.session[IMPORT_SESSION_KEY] = token
            context["token"] = token
        by_row = result.errors_by_row()
        context.update(
            result=result,
            preview=[(row, by_row.get(row.row, [])) for row in result.rows[:200]],
            file_name=form.cleaned_data["file"].name,
        )
    return render(request, "units/import.html", context)


@require_POST
@role_required(can_manage_register)
def import_confirm(request: HttpRequest) -> HttpResponse:
    token = request.session.get(IMPORT_SESSION_KEY)
    if not token or request.POST.get("token") != token or not default_storage.exists(_upload_path(token)):
        messages.error(request, _("This import has expired; upload the file again."))
        return redirect("units:import")
    with default_storage.open(_upload_path(token), "rb") as handle:
        content = handle.read()
    try:
        created = services.unit_import(content=content, actor=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        for message in error.messages[:20]:
            messages.error(request, message)
        messages.error(request, _("Nothing was imported: the register changed since the preview."))
        return redirect("units:import")
    finally:
        default_storage.delete(_upload_path(token))
        request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(request, _("%(count)s units were imported.") % {"count": len(created)})
    return redirect("units:tree")


# ---- Groups and zones ---------------------------------------------------------------------------


@member_required
def group_list(request: HttpRequest) -> HttpResponse:
    groups = selectors.unit_group_list_with_counts(visible=visible_units(request.user))
    return render(request, "units/groups.html", {"groups": groups, "can_manage": can_manage_register(request.user)})


@member_required
def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    group = get_object_or_404(UnitGroup, code=code)
    manage = can_manage_register(request.user)
    form = GroupMemberForm(request.POST or None)
    if request.method == "POST":
        require(manage)
        if form.is_valid():
            unit = Unit.objects.filter(code=form.cleaned_data["code"].strip()).first()
            if unit is None:
                form.add_error("code", _("No unit has this code."))
            else:
                try:
                    services.unit_group_add_member(group=group, unit=unit)
                except ValidationError as error:
                    form.add_error("code", error.messages)
                else:
                    messages.success(request, _("“%(unit)s” was added to the group.") % {"unit": unit.name})
                    return redirect("units:group_detail", code=group.code)
    members = selectors.unit_group_detail_members(group=group, queryset=visible_units(request.user))
    return render(
        request, "units/group_detail.html", {"group": group, "members": members, "can_manage": manage, "form": form}
    )


@require_POST
@role_required(can_manage_register)
def group_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    group = get_object_or_404(UnitGroup, code=code)
    unit = get_object_or_404(Unit, pk=pk)
    services.unit_group_remove_member(group=group, unit=unit)
    messages.success(request, _("“%(unit)s” was removed from the group.") % {"unit": unit.name})
    return redirect("units:group_detail", code=group.code)


@role_required(is_committee_staff)
def zone_list(request: HttpRequest) -> HttpResponse:
    manage = can_manage_register(request.user)
    form = ZoneForm(request.POST or None)
    if request.method == "POST":
        require(manage)
        if form.is_valid():
            try:
                zone = services.zone_create(**form.cleaned_data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("“%(zone)s” was added.") % {"zone": zone.name})
                return redirect("units:zones")
    zones = selectors.zone_list_with_counts(on_date=timezone.localdate())
    return render(request, "units/zones.html", {"zones": zones, "form": form, "can_manage": manage})
