"""From a Party-building figure to the decisions behind it: the same period and organisations as
the figures page. Decisions' numbers and dates for everyone who reads the figures; the people's
names only for those who read the records (the Organisation Board, the organisation's secretary)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from khoi.accounts.permissions import member_required, require

from .. import access, selectors
from .pages import figure_unit_ids, period_of

TITLES = {
    "admissions": _("New members admitted"),
    "conversions": _("Recognised as full members"),
    "organisations_graded": _("Base organisations graded"),
    "committees_changed": _("Committees changed"),
    "courses_held": _("Courses held"),
    "reviews": _("Inspections and supervisions"),
}


@member_required
def figure_detail(request: HttpRequest, figure: str) -> HttpResponse:
    require(access.sees_counts(request.user))
    if figure not in TITLES:
        raise Http404
    period = period_of(request)
    rows = selectors.figure_rows(
        figure=figure,
        start=period.start,
        end=period.end,
        unit_ids=figure_unit_ids(request, period),
        with_people=access.sees_personal_records(request.user),
    )
    context = {
        "figure": figure,
        "title": TITLES[figure],
        "period": period,
        "rows": rows,
        "total": sum(row.count for row in rows),
    }
    return render(request, "party/figure_detail.html", context)
