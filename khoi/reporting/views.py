"""Pages of periodic reporting: thin callers of selectors and services."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.accounts.permissions import member_required, require, signed_in_member
from khoi.core.inputs import parse_id
from khoi.core.service_errors import add_form_errors, flash_errors
from khoi.core.versioning import posted_version
from khoi.units.models import Unit
from khoi.units.scope import visible_units

from . import plan_services, round_services, rule_services, selectors, services
from .access import can_review, can_view_bloc, require_review, submission_for
from .forms import CommentForm, OverviewFilterForm, PlanForm, RoundForm, RuleForm, UploadForm
from .models import Indicator, ReportingRound, SubmissionStatus, ValidationRule
from .periods import Period, period_choices
from .rules import expression_in_words


def _default_period() -> Period:
    """Every period picker opens on the latest period with approved data."""
    return selectors.latest_approved_period() or Period(timezone.localdate().year, "Y")


def _period_from(request: HttpRequest) -> Period:
    code = request.GET.get("period") or str(_default_period())
    try:
        return Period.parse(code)
    except ValueError as error:
        raise Http404(_("No such period.")) from error


def _scope_from(request: HttpRequest) -> tuple[selectors.Scope, OverviewFilterForm]:
    form = OverviewFilterForm(request.GET or None)
    scope = selectors.Scope()
    if form.is_valid():
        data = form.cleaned_data
        root = request.GET.get("root")
        scope = selectors.Scope(
            root_unit_id=parse_id(root),
            ownership=data.get("ownership") or None,
            sector_code=data.get("sector") or None,
            zone_id=data["zone"].pk if data.get("zone") else None,
            group_code=data["group"].code if data.get("group") else None,
        )
    return scope, form


# ---- home: a reporter's to-do list, staff's rounds -----------------------------------------------


@member_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    todo = selectors.submission_todo_list(units=visible_units(user)) if not can_view_bloc(user) else None
    recent = None
    if not can_view_bloc(user):
        recent = (
            selectors.submission_list_visible(units=visible_units(user))
            .exclude(status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED])
            .order_by("-reporting_round__deadline")[:10]
        )
    rounds = selectors.round_list()[:20] if can_view_bloc(user) else None
    notices = selectors.notice_list(user=user).filter(read_at__isnull=True)[:10]
    return render(
        request,
        "reporting/home.html",
        {"todo": todo, "recent": recent, "rounds": rounds, "notices": notices, "can_review": can_review(user)},
    )


@member_required
def home_panel(request: HttpRequest) -> HttpResponse:
    """The forms a reporter has due, as a fragment for the home page."""
    user = request.user
    if can_view_bloc(user):
        return HttpResponse("")
    todo = selectors.submission_todo_list(units=visible_units(user))
    return render(request, "reporting/_home_panel.html", {"todo": todo})


# ---- overview and drill-down ------------------------------------------------------------------


@member_required
def overview(request: HttpRequest) -> HttpResponse:
    require(can_view_bloc(request.user))
    period = _period_from(request)
    scope, form = _scope_from(request)
    include_submitted = request.GET.get("include_submitted") in ("on", "1", "true")
    figures = selectors.bloc_overview(period=period, scope=scope, include_submitted=include_submitted)
    years = selectors.reporting_years() or [period.year]
    return render(
        request,
        "reporting/overview.html",
        {
            "period": period,
            "figures": figures,
            "form": form,
            "period_choices": period_choices(sorted(set(years) | {period.year})),
            "include_submitted": include_submitted,
            "query": request.GET.urlencode(),
        },
    )


@member_required
def drilldown(request: HttpRequest, code: str) -> HttpResponse:
    require(can_view_bloc(request.user))
    period = _period_from(request)
    scope, _form = _scope_from(request)
    include_submitted = request.GET.get("include_submitted") in ("on", "1", "true")
    try:
        figure = selectors.indicator_figure(code=code, period=period, scope=scope, include_submitted=include_submitted)
        rows = (
            []
            if code == selectors.UNITS_CODE
            else selectors.figure_drilldown(code=code, period=period, scope=scope, include_submitted=include_submitted)
        )
    except Indicator.DoesNotExist as error:
        raise Http404(_("No such indicator.")) from error
    context = {"figure": figure, "rows": rows, "period": period, "query": request.GET.urlencode()}
    template = "reporting/drilldown.html#table" if getattr(request, "htmx", False) else "reporting/drilldown.html"
    return render(request, template, context)


# ---- rounds -------------------------------------------------------------------------------------


@member_required
def round_list(request: HttpRequest) -> HttpResponse:
    require(can_view_bloc(request.user))
    return render(
        request, "reporting/round_list.html", {"rounds": selectors.round_list(), "can_review": can_review(request.user)}
    )


@member_required
def round_create(request: HttpRequest) -> HttpResponse:
    require_review(request.user)
    form = RoundForm(request.POST or None, years=selectors.reporting_years())
    if request.method == "POST" and form.is_valid():
        try:
            reporting_round = round_services.round_open(
                form=form.cleaned_data["form"],
                period_code=form.cleaned_data["period_code"],
                deadline=form.cleaned_data["deadline"],
                actor=signed_in_member(request),
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The reporting round is open."))
            return redirect("reporting:round_detail", pk=reporting_round.pk)
    return render(request, "reporting/round_form.html", {"form": form})


@member_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_view_bloc(request.user))
    reporting_round = get_object_or_404(ReportingRound.objects.select_related("form"), pk=pk)
    completeness = selectors.submission_completeness(reporting_round=reporting_round)
    return render(
        request,
        "reporting/round_detail.html",
        {
            "round": reporting_round,
            "period": Period.parse(reporting_round.period_code),
            "completeness": completeness,
            "can_review": can_review(request.user),
            "return_form": CommentForm(),
        },
    )


@require_POST
@member_required
def round_bulk_approve(request: HttpRequest, pk: int) -> HttpResponse:
    require_review(request.user)
    reporting_round = get_object_or_404(ReportingRound, pk=pk)
    ids = [i for i in map(parse_id, request.POST.getlist("submission_ids")) if i is not None]
    ids = list(reporting_round.submissions.filter(pk__in=ids).values_list("pk", flat=True))
    try:
        count = services.submission_bulk_approve(submission_ids=ids, actor=signed_in_member(request))
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("%(count)d forms approved.") % {"count": count})
    return redirect("reporting:round_detail", pk=pk)


@require_POST
@member_required
def submission_remind(request: HttpRequest, pk: int) -> HttpResponse:
    require_review(request.user)
    submission = submission_for(request.user, pk)
    try:
        count = services.submission_remind(submission=submission, actor=signed_in_member(request))
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request, _("%(unit)s reminded (%(count)d people).") % {"unit": submission.unit.code, "count": count}
        )
    if getattr(request, "htmx", False):
        return HttpResponse(_("Reminded"))
    return redirect("reporting:round_detail", pk=submission.reporting_round_id)


@require_POST
@member_required
def round_remind_all(request: HttpRequest, pk: int) -> HttpResponse:
    require_review(request.user)
    reporting_round = get_object_or_404(ReportingRound, pk=pk)
    count = 0
    for submission in reporting_round.submissions.filter(
        status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED]
    ).select_related("unit", "reporting_round__form"):
        services.submission_remind(submission=submission, actor=signed_in_member(request))
        count += 1
    messages.success(request, _("%(count)d units reminded.") % {"count": count})
    return redirect("reporting:round_detail", pk=pk)


# ---- audit, rules, plans, notices ---------------------------------------------------------------


@member_required
def audit_list(request: HttpRequest) -> HttpResponse:
    units = visible_units(request.user)
    unit_code = request.GET.get("unit", "").strip()
    indicator_code = request.GET.get("indicator", "").strip() or None
    unit_ids = units.values_list("id", flat=True)
    if unit_code:
        unit = get_object_or_404(units, code=unit_code)
        unit_ids = Unit.objects.filter(pk=unit.pk).values_list("id", flat=True)
    entries = selectors.value_audit_list(unit_ids=unit_ids, indicator_code=indicator_code)[:300]
    return render(
        request,
        "reporting/audit_list.html",
        {
            "entries": entries,
            "unit_code": unit_code,
            "indicator_code": indicator_code or "",
            "indicators": Indicator.objects.all(),
        },
    )


@member_required
def rule_list(request: HttpRequest) -> HttpResponse:
    require(can_view_bloc(request.user))
    names = dict(Indicator.objects.values_list("code", "name"))
    rules = list(selectors.validation_rule_list())
    for rule in rules:  # indicator names on the screen; the codes stay in the rule editor
        rule.expression_words = expression_in_words(rule.expression, names)  # type: ignore[attr-defined]
    return render(request, "reporting/rule_list.html", {"rules": rules, "can_review": can_review(request.user)})


@member_required
def rule_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_review(request.user)
    rule = get_object_or_404(ValidationRule, pk=pk) if pk else None
    form = RuleForm(request.POST or None, instance=rule)
    test_results = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = rule_services.validation_rule_save(
                rule=rule,
                actor=signed_in_member(request),
                fields=form.cleaned_data,
                expected_version=posted_version(request),
            )
        except ValidationError as error:
            add_form_errors(form, error, default_field="expression")
        else:
            messages.success(request, _("Rule saved."))
            return redirect("reporting:rule_edit", pk=saved.pk)
    submission_id = request.GET.get("submission")
    if rule is not None and submission_id and submission_id.isdigit():
        submission = submission_for(request.user, int(submission_id))
        test_results = services.submission_check(submission=submission, rules=[rule])
    return render(request, "reporting/rule_form.html", {"form": form, "rule": rule, "test_results": test_results})


@member_required
def plan_list(request: HttpRequest) -> HttpResponse:
    require(can_view_bloc(request.user))
    default_year = _default_period().year
    year_text = request.GET.get("year", str(default_year))
    year = int(year_text) if year_text.isdigit() else default_year
    form = PlanForm(request.POST or None, initial={"year": year})
    upload = UploadForm()
    if request.method == "POST":
        require_review(request.user)
        upload_file = request.FILES.get("file")
        if upload_file is not None:
            try:
                count = plan_services.plan_import_excel(content=upload_file, actor=signed_in_member(request))
            except ValidationError as error:
                flash_errors(request, error)
            else:
                messages.success(request, _("%(count)d plans imported.") % {"count": count})
            return redirect(f"{request.path}?year={year}")
        if form.is_valid():
            unit = Unit.objects.filter(code=form.cleaned_data["unit_code"]).first()
            if unit is None:
                form.add_error("unit_code", _("No unit has this code."))
            else:
                try:
                    plan_services.plan_set(
                        unit=unit,
                        indicator=form.cleaned_data["indicator"],
                        year=form.cleaned_data["year"],
                        value=form.cleaned_data["value"],
                        actor=signed_in_member(request),
                    )
                except ValidationError as error:
                    flash_errors(request, error)
                else:
                    messages.success(request, _("Plan saved."))
                    return redirect(f"{request.path}?year={form.cleaned_data['year']}")
    plans = selectors.plan_list(year=year).order_by("unit__code")
    return render(
        request,
        "reporting/plan_list.html",
        {
            "plans": plans,
            "year": year,
            "form": form,
            "upload": upload,
            "can_review": can_review(request.user),
            "total": sum((p.value for p in plans), Decimal(0)),
        },
    )


@member_required
def notice_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.notice_mark_read(user=signed_in_member(request))
        return redirect("reporting:notices")
    return render(request, "reporting/notice_list.html", {"notices": selectors.notice_list(user=request.user)[:100]})
