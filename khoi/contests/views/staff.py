"""Staff pages of the Propaganda Board and admins: the question bank, contests and rounds, entries
with phones, item statistics and exports.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from khoi.accounts.permissions import role_required
from khoi.core.downloads import file_response
from khoi.core.phones import format_phone
from khoi.core.service_errors import add_form_errors, error_text
from khoi.core.versioning import posted_version

from .. import excel, selectors, services
from ..access import can_manage_contests
from ..forms import ContestForm, ImportForm, PrizesForm, QuestionForm, RoundForm
from ..models import Contest, Entry, PrizeKind, Question, QuestionKind, Round, Topic

manager_required = role_required(can_manage_contests)


@manager_required
def manage(request: HttpRequest) -> HttpResponse:
    contests = list(Contest.objects.prefetch_related("rounds"))
    for contest in contests:
        contest.round_rows = [  # type: ignore[attr-defined]
            (r, selectors.round_status_counts(contest_round=r)) for r in contest.rounds.all()
        ]
    return render(request, "contests/manage/index.html", {"contests": contests, "topics": selectors.topic_list()})


@manager_required
def question_list(request: HttpRequest) -> HttpResponse:
    topic_id = request.GET.get("topic", "")
    search = request.GET.get("q", "").strip()
    questions = selectors.question_list(topic_id=int(topic_id) if topic_id.isdigit() else None, search=search)
    return render(
        request,
        "contests/manage/questions.html",
        {
            "questions": questions[:300],
            "total": questions.count(),
            "topics": selectors.topic_list(),
            "topic_id": topic_id,
            "q": search,
        },
    )


def _question_data(form: QuestionForm) -> services.QuestionData:
    data = form.cleaned_data
    return services.QuestionData(
        topic=data["topic"],
        kind=data["kind"],
        text=data["text"],
        options=[data["option_a"], data["option_b"], data["option_c"], data["option_d"]],
        correct="".join(data["correct"]),
        explanation=data.get("explanation") or "",
        difficulty=data["difficulty"],
        is_active=bool(data.get("is_active")),
    )


def _question_initial(question: Question) -> dict[str, Any]:
    return {
        "topic": question.topic_id,
        "kind": question.kind,
        "text": question.text,
        "option_a": question.option_a,
        "option_b": question.option_b,
        "option_c": question.option_c,
        "option_d": question.option_d,
        "correct": list(question.correct),
        "explanation": question.explanation,
        "difficulty": question.difficulty,
        "is_active": question.is_active,
    }


@manager_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    question = get_object_or_404(Question, pk=pk) if pk is not None else None
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                if question is None:
                    question = services.question_create(data=_question_data(form))
                else:
                    services.question_update(
                        question=question,
                        data=_question_data(form),
                        actor=request.user,
                        expected_version=posted_version(request),
                    )
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("The question is saved."))
                return redirect("contests:question_list")
    else:
        form = QuestionForm(initial=_question_initial(question) if question else None)
    return render(request, "contests/manage/question_form.html", {"form": form, "question": question})


@manager_required
@require_POST
def question_preview(request: HttpRequest) -> HttpResponse:
    """The question as a participant will see it (htmx partial), from the unsaved form."""
    form = QuestionForm(request.POST)
    preview = None
    error = None
    if form.is_valid():
        try:
            fields = services.question_validate(data=_question_data(form))
        except ValidationError as exc:
            error = error_text(exc)
        else:
            preview = {
                "text": fields["text"],
                "multiple": fields["kind"] == QuestionKind.MULTIPLE,
                "options": [
                    {
                        "label": letter,
                        "text": fields[f"option_{letter.lower()}"],
                        "correct": letter in fields["correct"],
                    }
                    for letter in "ABCD"
                ],
                "explanation": fields["explanation"],
            }
    else:
        error = _("Fill in the question, its four options and the correct option to see the preview.")
    return render(request, "contests/manage/_preview.html", {"preview": preview, "error": error})


@manager_required
@require_GET
def questions_export(request: HttpRequest) -> HttpResponse:
    content = excel.questions_workbook(selectors.question_list())
    return file_response(content, "ngan-hang-cau-hoi.xlsx")


@manager_required
@require_http_methods(["GET", "POST"])
def questions_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = excel.questions_read(form.cleaned_data["file"])
            result = services.questions_import(rows=rows)
        except ValidationError as error:
            errors = list(error.messages)
        else:
            messages.success(
                request,
                _("Imported: %(created)d new questions, %(updated)d updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("contests:question_list")
    status = 400 if errors else 200
    return render(request, "contests/manage/import.html", {"form": form, "errors": errors}, status=status)


def _staff_round(pk: int) -> Round:
    return get_object_or_404(Round.objects.select_related("contest"), pk=pk)


@manager_required
@require_GET
def round_entries(request: HttpRequest, pk: int) -> HttpResponse:
    contest_round = _staff_round(pk)
    rows, true_figure = selectors.round_ranking(contest_round=contest_round)
    started = selectors.round_status_counts(contest_round=contest_round)
    return render(
        request,
        "contests/manage/entries.html",
        {
            "round": contest_round,
            "rows": rows[:1000],
            "total": len(rows),
            "true_figure": true_figure,
            "counts": started,
            "prize_labels": dict(PrizeKind.choices),
        },
    )


@manager_required
@require_GET
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Entry.objects.select_related("round__contest", "unit"), pk=pk)
    return render(
        request,
        "contests/manage/entry.html",
        {"entry": entry, "lines": selectors.entry_answer_review(entry=entry), "phone": format_phone(entry.phone)},
    )


@manager_required
@require_GET
def round_statistics(request: HttpRequest, pk: int) -> HttpResponse:
    contest_round = _staff_round(pk)
    return render(
        request,
        "contests/manage/statistics.html",
        {"round": contest_round, "stats": selectors.round_item_statistics(contest_round=contest_round)},
    )


@manager_required
@require_GET
def contest_export(request: HttpRequest, pk: int) -> HttpResponse:
    contest = get_object_or_404(Contest, pk=pk)
    rounds = []
    for contest_round in selectors.round_list(contest=contest):
        rows, figure = selectors.round_ranking(contest_round=contest_round)
        rounds.append((_("Round %(number)d") % {"number": contest_round.number}, rows, figure))
    content = excel.results_workbook(
        title=contest.title,
        rounds=rounds,
        overall=selectors.contest_overall_ranking(contest=contest),
        units=selectors.contest_results_by_unit(contest=contest),
        with_phones=True,
    )
    return file_response(content, f"ket-qua-{contest.slug}.xlsx")


@manager_required
@require_http_methods(["GET", "POST"])
def contest_create(request: HttpRequest) -> HttpResponse:
    form = ContestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contest = services.contest_create(**form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The contest is created. Add its rounds."))
            return redirect("contests:round_create", pk=contest.pk)
    return render(request, "contests/manage/form.html", {"form": form, "title": _("New contest")})


@manager_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    contest = get_object_or_404(Contest, pk=pk)
    topics = list(Topic.objects.all())
    initial = {"number": contest.rounds.count() + 1}
    form = RoundForm(request.POST or None, topics=topics, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.round_create(
                contest=contest,
                number=data["number"],
                title=data.get("title") or "",
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                time_limit_seconds=data["time_limit_minutes"] * 60,
                draw=form.draw(),
                prediction_question=data.get("prediction_question") or "",
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The round is created."))
            return redirect("contests:manage")
    title = _("New round of “%(contest)s”") % {"contest": contest.title}
    return render(request, "contests/manage/form.html", {"form": form, "title": title})


@manager_required
@require_http_methods(["GET", "POST"])
def contest_prizes(request: HttpRequest, pk: int) -> HttpResponse:
    contest = get_object_or_404(Contest, pk=pk)
    current = {(p.scope, p.kind): p.count for p in contest.prizes.all()}
    form = PrizesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.prizes_set(
                contest=contest, counts=form.counts(), actor=request.user, expected_version=posted_version(request)
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The prizes are saved."))
            return redirect("contests:manage")
    title = _("Prizes of “%(contest)s”") % {"contest": contest.title}
    return render(request, "contests/manage/form.html", {"form": form, "title": title, "versioned": contest})
