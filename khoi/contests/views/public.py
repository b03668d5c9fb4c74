"""Public pages: landing, entry, the test, the receipt, results (phones masked) and their Excel.

The test's pages never use the session: an entry is found by its token, a resumable one by a cookie.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from khoi.core.downloads import file_response
from khoi.core.service_errors import add_form_errors, error_text

from .. import excel, fragments, selectors, services, throttle
from ..forms import EntryForm
from ..models import Contest, Entry, PrizeKind

COOKIE_PREFIX = "khoi_contest_r"
RESULTS_TTL = 60


def _published_or_404(slug: str) -> Contest:
    contest = selectors.contest_get_published(slug=slug)
    if contest is None:
        raise Http404(_("No such contest."))
    return contest


# ---- Public -------------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "contests/index.html", {"contests": selectors.contest_list_published()})


def _public_or_404(slug: str) -> selectors.PublicContest:
    """A published contest and its rounds, from the process's copy (the same for every visitor)."""
    public = selectors.contest_public_get(slug=slug)
    if public is None:
        raise Http404(_("No such contest."))
    return public


def _landing_context(
    request: HttpRequest, public: selectors.PublicContest, form: EntryForm | None = None
) -> dict[str, Any]:
    now = timezone.now()
    contest, rounds = public.contest, public.rounds
    current = selectors.round_current(rounds=rounds, now=now)
    is_open = current is not None and current.opens_at <= now < current.closes_at
    resume_token = request.COOKIES.get(f"{COOKIE_PREFIX}{current.pk}") if current else None
    if current is not None and form is None and is_open:
        units = selectors.unit_choices(on_date=timezone.localdate(current.opens_at))
        form = EntryForm(units=units, initial={"challenge": throttle.challenge_issue(current.pk)})
    pool = selectors.round_pool_get(round_id=current.pk) if current else None
    return {
        "question_count": sum(count for _topic, count in pool.rules) if pool else 0,
        "limit_minutes": (pool.time_limit_seconds + 59) // 60 if pool else 0,
        "contest": contest,
        "stamp": public.stamp,
        "rounds": rounds,
        "current": current,
        "is_open": is_open,
        "form": form,
        "count": selectors.round_participation_count(round_id=current.pk) if current else 0,
        "resume_token": resume_token,
        "now": now,
    }


@require_GET
def landing(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "contests/landing.html", _landing_context(request, _public_or_404(slug)))


@require_GET
def round_count(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    public = _public_or_404(slug)
    contest_round = next((r for r in public.rounds if r.number == number), None)
    if contest_round is None:
        raise Http404(_("No such contest."))
    count = selectors.round_participation_count(round_id=contest_round.pk)
    return render(
        request, "contests/_count.html", {"count": count, "contest": public.contest, "current": contest_round}
    )


@require_http_methods(["GET", "POST"])
def entry_start(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The busiest page at peak: the round comes from the process's copy; the one write is the entry."""
    round_id = selectors.round_id_for(slug=slug, number=number)
    pool = selectors.round_pool_get(round_id=round_id) if round_id else None
    if pool is None:
        raise Http404(_("No such contest."))
    if request.method == "GET":
        return redirect("contests:landing", slug=slug)
    units = selectors.unit_choices(on_date=timezone.localdate(pool.opens_at))
    form = EntryForm(request.POST, units=units)

    def refuse(message: str, status: int = 400) -> HttpResponse:
        form.add_error(None, message)
        data = request.POST.copy()
        data["challenge"] = throttle.challenge_issue(pool.round_id)
        form.data = data
        context = _landing_context(request, _public_or_404(slug), form)
        return render(request, "contests/landing.html", context, status=status)

    refusal = throttle.entry_start_guard(
        request,
        contest_id=pool.contest_id,
        round_id=pool.round_id,
        per_ip_per_minute=pool.starts_per_ip_per_minute,
        phone=request.POST.get("phone", ""),
        challenge=request.POST.get("challenge", ""),
        honeypot=request.POST.get("website", ""),
    )
    if refusal is not None:
        return refuse(refusal.message, refusal.status)
    if not form.is_valid():
        return refuse(_("Please correct the details below."))
    data = form.cleaned_data
    try:
        entry = services.entry_start(
            round_id=pool.round_id,
            name=data["name"],
            phone=data["phone"],
            unit_id=data["unit"],
            other_unit=data.get("other_unit") or "",
            birth_year=data.get("birth_year"),
        )
    except ValidationError as error:
        add_form_errors(form, error)
        return refuse(_("Please correct the details below."))
    response = HttpResponseRedirect(reverse("contests:attempt", args=[entry.token]), status=303)
    response.set_cookie(
        f"{COOKIE_PREFIX}{pool.round_id}",
        entry.token,
        max_age=max(0, int((pool.closes_at - timezone.now()).total_seconds())) + 86400,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
        path="/contests/",
    )
    return response


def _entry_or_404(token: str) -> Entry:
    entry = selectors.entry_get_by_token(token=token)
    if entry is None:
        raise Http404(_("No such test."))
    return entry


@require_GET
def attempt(request: HttpRequest, token: str) -> HttpResponse:
    entry = services.entry_finalise_if_expired(entry=_entry_or_404(token))
    if entry.is_finalised:
        return redirect("contests:receipt", token=token)
    pool = selectors.round_pool_get(round_id=entry.round_id)
    if pool is None:
        raise Http404(_("No such test."))
    contest_round = selectors.round_with_contest(round_id=entry.round_id)
    if contest_round is None:
        raise Http404(_("No such test."))
    answers = selectors.entry_answers(entry=entry)
    drawn = selectors.entry_drawn_questions(entry=entry, pool=pool, answers=answers)
    answer_url = reverse("contests:attempt_answer", args=[token])
    remaining = max(0, int((entry.deadline_at - timezone.now()).total_seconds()))
    return render(
        request,
        "contests/attempt.html",
        {
            "entry": entry,
            "round": contest_round,
            "contest": contest_round.contest,
            "questions": fragments.question_fieldsets(drawn=drawn, answer_url=answer_url),
            "question_count": len(entry.draw),
            "answer_url": answer_url,
            "remaining": remaining,
            "answered": sum(1 for question in drawn if any(option.checked for option in question.options)),
        },
    )


def _posted_answers(request: HttpRequest) -> dict[int | str, str]:
    answers: dict[int | str, str] = {}
    for key in request.POST:
        if key.startswith("q") and key[1:].isdigit():
            answers[key[1:]] = "".join(value for value in request.POST.getlist(key) if value)
    return answers


def _posted_prediction(request: HttpRequest) -> int | None:
    raw = request.POST.get("prediction", "").strip().replace(".", "").replace(" ", "")
    if raw == "":
        return None
    if not raw.isdigit():
        raise ValidationError({"prediction": _("Enter the prediction as a whole number, 0 or more.")})
    return int(raw)


@require_POST
def attempt_answer(request: HttpRequest, token: str) -> HttpResponse:
    """Autosave: a tiny request per change; answers a few words for the page to show."""
    entry = _entry_or_404(token)
    try:
        services.entry_answers_save(
            entry=entry, answers=_posted_answers(request), prediction=_posted_prediction(request)
        )
    except ValidationError as error:
        if entry.submitted_at is not None or timezone.now() >= entry.deadline_at:
            response = HttpResponse(error_text(error), status=409)
            response["HX-Redirect"] = reverse("contests:receipt", args=[token])
            return response
        return HttpResponse(error_text(error), status=400, content_type="text/plain; charset=utf-8")
    stamp = timezone.localtime().strftime("%H:%M:%S")
    return HttpResponse(_("Saved %(time)s") % {"time": stamp}, content_type="text/plain; charset=utf-8")


@require_POST
def attempt_submit(request: HttpRequest, token: str) -> HttpResponse:
    entry = _entry_or_404(token)
    try:
        prediction = _posted_prediction(request)
        if request.POST.get("action") == "save":
            services.entry_answers_save(entry=entry, answers=_posted_answers(request), prediction=prediction)
            messages.success(request, _("Your answers are saved. You can go on and submit before the time is up."))
            return redirect("contests:attempt", token=token)
        entry = services.entry_submit(entry=entry, answers=_posted_answers(request), prediction=prediction)
    except ValidationError as error:
        entry = services.entry_finalise_if_expired(entry=entry)
        if entry.is_finalised:
            return redirect("contests:receipt", token=token)
        messages.error(request, error_text(error))
        return redirect("contests:attempt", token=token)
    # The finalisation has committed: the receipt shown next is backed by a stored entry.
    return HttpResponseRedirect(reverse("contests:receipt", args=[token]), status=303)


@require_GET
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    entry = services.entry_finalise_if_expired(entry=_entry_or_404(token))
    if not entry.is_finalised:
        return redirect("contests:attempt", token=token)
    contest_round = selectors.round_with_contest(round_id=entry.round_id)
    if contest_round is None:
        raise Http404(_("No such test."))
    closed = timezone.now() >= contest_round.closes_at
    review = []
    if closed:
        review = [
            {
                "position": line.position,
                "text": line.question.text,
                "correct": [line.question.options["ABCD".index(letter)] for letter in line.question.correct],
                "right": line.right,
                "explanation": line.question.explanation,
            }
            for line in selectors.entry_answer_review(entry=entry)
            if line.question is not None
        ]
    return render(
        request,
        "contests/receipt.html",
        {
            "entry": entry,
            "round": contest_round,
            "contest": contest_round.contest,
            "closed": closed,
            "review": review,
            "question_count": len(entry.draw),
        },
    )


def _public_results(contest: Contest) -> dict[str, Any]:
    now = timezone.now()
    rounds = []
    for contest_round in selectors.round_list(contest=contest):
        if contest_round.closes_at > now:
            rounds.append({"round": contest_round, "closed": False, "rows": [], "true_figure": None})
            continue
        rows, true_figure = selectors.round_ranking(contest_round=contest_round, limit=50)
        rounds.append({"round": contest_round, "closed": True, "rows": rows, "true_figure": true_figure})
    units = selectors.contest_results_by_unit(contest=contest)
    all_closed = all(item["closed"] for item in rounds) and bool(rounds)
    return {
        "rounds": rounds,
        "overall": selectors.contest_overall_ranking(contest=contest, limit=50) if all_closed else [],
        "units": units,
        "has_workers": any(u.workers for u in units),
        "collective": selectors.contest_collective_prizes(contest=contest, results=units) if all_closed else [],
    }


@require_GET
def results(request: HttpRequest, slug: str) -> HttpResponse:
    """Public results: rankings with masked phones, prizes, participation by unit (cached a minute)."""
    contest = _published_or_404(slug)
    key = f"contests:results:{contest.pk}"
    data = cache.get(key)
    if data is None:
        data = _public_results(contest)
        cache.set(key, data, RESULTS_TTL)
    return render(
        request,
        "contests/results.html",
        {"contest": contest, "prize_labels": dict(PrizeKind.choices), **data},
    )


@require_GET
def results_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The public results as Excel: closed rounds only, phones masked."""
    contest = _published_or_404(slug)
    now = timezone.now()
    rounds = []
    for contest_round in selectors.round_list(contest=contest):
        if contest_round.closes_at <= now:
            rows, figure = selectors.round_ranking(contest_round=contest_round)
            rounds.append((_("Round %(number)d") % {"number": contest_round.number}, rows, figure))
    content = excel.results_workbook(
        title=contest.title,
        rounds=rounds,
        overall=[],
        units=selectors.contest_results_by_unit(contest=contest),
        with_phones=False,
    )
    return file_response(content, f"ket-qua-{contest.slug}-cong-khai.xlsx")
