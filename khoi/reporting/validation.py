"""The validation service: what a reporter posts, checked all at once (reads only, no writes).

``submission_validate(submission=…, values=…, explanations=…)`` is what the web form, the API and
the Excel upload call before anything is saved. It reads the posted text over the form's stored
values and returns one ``ValidationReport`` with *every* problem: cells that are not numbers,
required values missing, parts that do not add up to their total, error rules broken (for the
period itself, against the same period last year, and across the periods of a year), and each
broken warning rule with the explanation given for it, if any. Nothing is checked on stale saved
values, so a warning can be explained on the first submit.

``rule_findings()`` runs every active rule over every counted (approved or submitted) value in
the database: the ``check_rules`` command, and the test that the demo keeps every rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from khoi.core.text import clean_text

from .aggregation import StoredValue, resolve, standard_windows
from .entry import field_name, parse_posted, submission_items, value_periods
from .models import (
    FormIndicator,
    Indicator,
    IndicatorValue,
    RuleSeverity,
    Submission,
    SubmissionStatus,
    TimeAggregation,
    ValidationRule,
)
from .periods import Period
from .rules import ParsedRule, RuleSyntaxError, evaluate_rule, parse_rule

NON_FIELD = "__all__"
COUNTED_STATUSES = (SubmissionStatus.APPROVED, SubmissionStatus.SUBMITTED)
_VALUE_FIELDS = ("indicator__code", "period_code", "value")


def explanation_field(rule_code: str) -> str:
    """The form field (and API key) of a warning's explanation."""
    return f"explanation-{rule_code}"


@dataclass(frozen=True)
class RuleResult:
    rule: ValidationRule
    period_code: str
    passed: bool | None  # None: skipped (a value is missing)
    enclosing_code: str = ""  # cross-period rules: the longer window compared with

    @property
    def failed(self) -> bool:
        return self.passed is False

    @property
    def period_label(self) -> str:
        return Period.parse(self.period_code).label

    @property
    def message(self) -> str:
        """The rule's message, with the periods it compared when it spans two."""
        if not self.enclosing_code:
            return self.rule.message
        return _("%(message)s (%(part)s compared with %(whole)s)") % {
            "message": self.rule.message,
            "part": Period.parse(self.period_code).label,
            "whole": Period.parse(self.enclosing_code).label,
        }


@dataclass(frozen=True)
class Issue:
    message: str
    field: str = NON_FIELD  # a value's field, "explanation-<rule>", or NON_FIELD
    severity: str = RuleSeverity.ERROR
    rule_code: str = ""
    rule_name: str = ""
    explanation: str = ""  # a warning's explanation, as given


@dataclass
class ValidationReport:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)  # one per broken warning rule
    values: dict[tuple[int, str], Decimal | None] = field(default_factory=dict)  # the posted cells that parse

    @property
    def unexplained(self) -> list[Issue]:
        return [warning for warning in self.warnings if not warning.explanation]

    @property
    def explanations(self) -> dict[str, str]:
        """{rule code: explanation} of the broken warnings that were explained."""
        return {w.rule_code: w.explanation for w in self.warnings if w.explanation}

    @property
    def blocks_submission(self) -> bool:
        return bool(self.errors or self.unexplained)

    def as_error(self) -> ValidationError:
        """Every error and every unexplained warning, by field."""
        by_field: dict[str, list[str]] = {}
        for issue in self.errors:
            by_field.setdefault(issue.field, []).append(issue.message)
        for warning in self.unexplained:
            by_field.setdefault(warning.field, []).append(
                _("Warning “%(rule)s”: %(message)s Type the explanation in its box.")
                % {"rule": warning.rule_name, "message": warning.message}
            )
        return ValidationError(by_field)

    def raise_if_blocking(self) -> None:
        if self.blocks_submission:
            raise self.as_error()


def active_rules(rules: Iterable[ValidationRule] | None = None) -> list[tuple[ValidationRule, ParsedRule]]:
    """The rules to run (the active ones by default) with their parsed expressions."""
    parsed = []
    for rule in rules if rules is not None else ValidationRule.objects.filter(active=True):
        try:
            parsed.append((rule, parse_rule(rule.expression)))
        except RuleSyntaxError:  # rules are checked when saved; an old bad one is skipped
            continue
    return parsed


# ---- pure evaluation ----------------------------------------------------------------------------


def evaluate_period_rules(
    rules: list[tuple[ValidationRule, ParsedRule]],
    current: Mapping[str, Mapping[str, Decimal]],
    previous: Mapping[str, Mapping[str, Decimal]],
) -> list[RuleResult]:
    """The rules of one period ({period code: {indicator code: value}}), with same_period() fed
    from `previous` (keyed by the current period's code)."""
    results = []
    for rule, parsed in rules:
        if parsed.is_cross_period:
            continue
        for period_code, values in current.items():
            passed = evaluate_rule(parsed, values, previous.get(period_code, {}))
            results.append(RuleResult(rule=rule, period_code=period_code, passed=passed))
    return results


def window_table(
    stored: Iterable[tuple[str, Period, Decimal]], *, stocks: set[str], year: int
) -> dict[str, dict[str, Decimal]]:
    """{window code: {indicator code: value}} for the standard windows of a year, from a unit's
    stored values (code, period, value) — summed or taken at the end as the reports do."""
    by_code: dict[str, list[StoredValue]] = defaultdict(list)
    for code, period, value in stored:
        if period.year == year:
            by_code[code].append(StoredValue(0, period, value, True))
    table: dict[str, dict[str, Decimal]] = {}
    for window in standard_windows(year):
        for code, values in by_code.items():
            resolved = resolve(values, window, stock=code in stocks)
            if resolved is not None:
                table.setdefault(str(window), {})[code] = resolved
    return table


def evaluate_nested_rules(
    rules: list[tuple[ValidationRule, ParsedRule]],
    table: Mapping[str, Mapping[str, Decimal]],
    *,
    year: int,
    relevant: Callable[[Period, Period], bool] = lambda inner, outer: True,
) -> list[RuleResult]:
    """The cross-period rules over every pair of nested windows of a year (a part and a longer
    window containing it), one failure per rule and part at most."""
    results: list[RuleResult] = []
    cross = [(rule, parsed) for rule, parsed in rules if parsed.is_cross_period]
    if not cross:
        return results
    windows = [w for w in standard_windows(year) if str(w) in table]
    # The nested pairs do not depend on the rule: found once, in the order the loops below need
    # (each part, then the windows containing it).
    pairs: list[tuple[Period, list[Period]]] = []
    for inner in windows:
        outers = [o for o in windows if o != inner and o.contains(inner) and relevant(inner, o)]
        if outers:
            pairs.append((inner, outers))
    for rule, parsed in cross:
        for inner, outers in pairs:
            for outer in outers:
                passed = evaluate_rule(parsed, table[str(inner)], enclosing=table[str(outer)])
                if passed is False:
                    results.append(
                        RuleResult(rule=rule, period_code=str(inner), passed=False, enclosing_code=str(outer))
                    )
                    break
    return results


def parts_by_total() -> dict[str, list[Indicator]]:
    """{total's code: its parts} of the disaggregated indicators."""
    parts: dict[str, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(part_of__isnull=False).select_related("part_of").order_by("order"):
        assert indicator.part_of is not None
        parts.setdefault(indicator.part_of.code, []).append(indicator)
    return parts


def disaggregation_errors(
    values: Mapping[tuple[str, str], Decimal], parts: Mapping[str, list[Indicator]] | None = None
) -> list[str]:
    """Parts of a disaggregated indicator must add up to its total (when all are given);
    `values` is {(indicator code, period code): value}."""
    errors = []
    by_total = parts if parts is not None else parts_by_total()
    period_codes = sorted({period_code for _code, period_code in values})
    for total_code, part_list in by_total.items():
        for period_code in period_codes:
            total = values.get((total_code, period_code))
            part_values = [values.get((part.code, period_code)) for part in part_list]
            if total is None or any(v is None for v in part_values):
                continue
            if sum(v for v in part_values if v is not None) != total:
                errors.append(
                    _("%(parts)s must add up to %(total)s (%(period)s).")
                    % {
                        "parts": " + ".join(part.name for part in part_list),
                        "total": part_list[0].part_of.name if part_list[0].part_of else "",
                        "period": Period.parse(period_code).label,
                    }
                )
    return errors


# ---- one submission ------------------------------------------------------------------------------


def _previous(*, submission: Submission, periods: list[Period]) -> dict[str, dict[str, Decimal]]:
    previous_codes = {str(p.same_period_last_year()): str(p) for p in periods}
    result: dict[str, dict[str, Decimal]] = {str(p): {} for p in periods}
    for code, period_code, value in IndicatorValue.objects.filter(
        unit_id=submission.unit_id, period_code__in=list(previous_codes), submission__status=SubmissionStatus.APPROVED
    ).values_list("indicator__code", "period_code", "value"):
        result[previous_codes[period_code]][code] = value
    return result


def _nested_results(
    *, submission: Submission, periods: list[Period], merged: Mapping[tuple[str, str], Decimal], rules: Any
) -> list[RuleResult]:
    """Cross-period rules between this form's values and the unit's other counted values."""
    if not any(parsed.is_cross_period for _rule, parsed in rules):
        return []
    years = sorted({p.year for p in periods})
    stocks = set(Indicator.objects.filter(time_aggregation=TimeAggregation.STOCK).values_list("code", flat=True))
    others = IndicatorValue.objects.filter(
        unit_id=submission.unit_id, period_start__year__in=years, submission__status__in=COUNTED_STATUSES
    ).exclude(submission_id=submission.pk)
    stored = [
        (code, Period.parse(pc), value)
        for code, pc, value in others.values_list("indicator__code", "period_code", "value")
    ]
    stored += [(code, Period.parse(pc), value) for (code, pc), value in merged.items()]

    def touches(inner: Period, outer: Period) -> bool:
        return any(p.start <= w.end and w.start <= p.end for p in periods for w in (inner, outer))

    results = []
    for year in years:
        table = window_table(stored, stocks=stocks, year=year)
        results += evaluate_nested_rules(rules, table, year=year, relevant=touches)
    return results


def submission_validate(
    *,
    submission: Submission,
    values: Mapping[str, Any] | None = None,
    explanations: Mapping[str, str] | None = None,
    require_complete: bool = True,
    rules: Iterable[ValidationRule] | None = None,
    items: list[FormIndicator] | None = None,
) -> ValidationReport:
    """Check a form as it would stand with `values` ({field name: text}, e.g. what was posted or
    read from an Excel sheet) written over its stored values: every problem at once. With
    `require_complete`, a missing required value is an error (as on submit). `items` are the
    form's `submission_items`, when the caller has them already (the form page)."""
    period = Period.parse(submission.reporting_round.period_code)
    periods = value_periods(form=submission.reporting_round.form, period=period)
    if items is None:
        items = submission_items(submission=submission)
    report = ValidationReport()
    parsed, cell_errors = parse_posted(raw=values or {}, items=items, periods=periods)
    report.values = parsed
    for name, message in cell_errors.items():
        report.errors.append(Issue(message=message, field=name))
    merged: dict[tuple[str, str], Decimal] = {
        (code, pc): value for code, pc, value in submission.values.values_list(*_VALUE_FIELDS)
    }
    code_of = {item.indicator.pk: item.indicator.code for item in items}
    for (indicator_id, period_code), value in parsed.items():
        key = (code_of[indicator_id], period_code)
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    bad_cells = set(cell_errors)
    if require_complete:
        for item in items:
            for p in periods:
                name = field_name(item.indicator.code, str(p))
                if item.required and (item.indicator.code, str(p)) not in merged and name not in bad_cells:
                    report.errors.append(
                        Issue(
                            message=_("%(indicator)s, %(period)s: a value is required.")
                            % {"indicator": item.indicator.name, "period": p.label},
                            field=name,
                        )
                    )
    report.errors += [Issue(message=text) for text in disaggregation_errors(merged)]
    parsed_rules = active_rules(rules)
    current: dict[str, dict[str, Decimal]] = {str(p): {} for p in periods}
    for (code, pc), value in merged.items():
        current.setdefault(pc, {})[code] = value
    results = evaluate_period_rules(parsed_rules, current, _previous(submission=submission, periods=periods))
    results += _nested_results(submission=submission, periods=periods, merged=merged, rules=parsed_rules)
    _add_rule_issues(report, results, explanations or {}, several_periods=len(periods) > 1)
    return report


def _add_rule_issues(
    report: ValidationReport, results: list[RuleResult], explanations: Mapping[str, str], *, several_periods: bool
) -> None:
    warned: set[str] = set()
    for result in results:
        if not result.failed:
            continue
        rule = result.rule
        message = result.message
        if several_periods and not result.enclosing_code:
            message = f"{message} ({Period.parse(result.period_code).label})"
        if rule.severity == RuleSeverity.ERROR:
            report.errors.append(Issue(message=message, rule_code=rule.code, rule_name=rule.name))
        elif rule.code not in warned:
            warned.add(rule.code)
            report.warnings.append(
                Issue(
                    message=message,
                    field=explanation_field(rule.code),
                    severity=RuleSeverity.WARNING,
                    rule_code=rule.code,
                    rule_name=rule.name,
                    explanation=clean_text(explanations.get(rule.code) or "", multiline=True),
                )
            )


def submission_check(*, submission: Submission, rules: Iterable[ValidationRule] | None = None) -> list[RuleResult]:
    """Run the active rules (or the given ones) against a form's stored values: every result,
    passed, failed or skipped (the rule page's test against a form)."""
    period = Period.parse(submission.reporting_round.period_code)
    periods = value_periods(form=submission.reporting_round.form, period=period)
    merged = {(code, pc): value for code, pc, value in submission.values.values_list(*_VALUE_FIELDS)}
    current: dict[str, dict[str, Decimal]] = {str(p): {} for p in periods}
    for (code, pc), value in merged.items():
        current.setdefault(pc, {})[code] = value
    parsed_rules = active_rules(rules)
    results = evaluate_period_rules(parsed_rules, current, _previous(submission=submission, periods=periods))
    return results + _nested_results(submission=submission, periods=periods, merged=merged, rules=parsed_rules)


# ---- all data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    unit_code: str
    rule_code: str
    rule_name: str
    severity: str
    period_code: str
    message: str


def rule_findings() -> list[Finding]:
    """Every active rule over every counted value of every unit: period rules per form, cross-
    period rules over each unit's year. A broken warning the unit explained is not a finding."""
    rules = active_rules()
    parts = parts_by_total()
    stocks = set(Indicator.objects.filter(time_aggregation=TimeAggregation.STOCK).values_list("code", flat=True))
    by_submission: dict[int, dict[str, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    approved: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(dict)
    by_unit_year: dict[tuple[int, int], list[tuple[str, Period, Decimal]]] = defaultdict(list)
    units: dict[int, str] = {}
    unit_of: dict[int, int] = {}
    explained: dict[int, Mapping[str, str]] = {}
    rows = IndicatorValue.objects.filter(submission__status__in=COUNTED_STATUSES).values_list(
        "submission_id", "submission__status", "submission__explanations", "unit_id", "unit__code",
        "indicator__code", "period_code", "value",
    )  # fmt: skip
    for submission_id, status, notes, unit_id, unit_code, code, period_code, value in rows.iterator():
        period = Period.parse(period_code)
        by_submission[submission_id][period_code][code] = value
        by_unit_year[(unit_id, period.year)].append((code, period, value))
        units[unit_id] = unit_code
        unit_of[submission_id] = unit_id
        explained[submission_id] = notes or {}
        if status == SubmissionStatus.APPROVED:
            approved[(unit_id, period_code)][code] = value
    findings: list[Finding] = []
    for submission_id, current in by_submission.items():
        unit_id = unit_of[submission_id]
        previous = {pc: approved.get((unit_id, str(Period.parse(pc).same_period_last_year())), {}) for pc in current}
        for result in evaluate_period_rules(rules, current, previous):
            if result.failed and not (
                result.rule.severity == RuleSeverity.WARNING and explained[submission_id].get(result.rule.code)
            ):
                findings.append(_finding(units[unit_id], result))
        merged = {(code, pc): v for pc, values in current.items() for code, v in values.items()}
        for text in disaggregation_errors(merged, parts):
            findings.append(Finding(units[unit_id], "", "", RuleSeverity.ERROR, "", text))
    for (unit_id, year), stored in sorted(by_unit_year.items()):
        table = window_table(stored, stocks=stocks, year=year)
        findings += [_finding(units[unit_id], r) for r in evaluate_nested_rules(rules, table, year=year)]
    return findings


def _finding(unit_code: str, result: RuleResult) -> Finding:
    return Finding(
        unit_code=unit_code,
        rule_code=result.rule.code,
        rule_name=result.rule.name,
        severity=result.rule.severity,
        period_code=result.period_code,
        message=result.message,
    )
