"""The question page's questions, written out in Python rather than in the template language.

Every participant asks for this page, and its questions (a fieldset with four options each) took
most of its time as template loops: a variable or tag costs some 15 µs there, and a page of five
questions had a few hundred. The markup is the same as the template's was; every text goes
through html.escape (as Django's escape, without its per-call checks), the labels through gettext.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping, Sequence

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .copies import QuestionView
from .models import QuestionKind


@functools.lru_cache(maxsize=4096)
def _escaped(question: QuestionView) -> tuple[str, tuple[str, ...]]:
    """The question's text and its options, escaped once per process (the copy is immutable)."""
    return html.escape(question.text), tuple(html.escape(option) for option in question.options)


def question_fieldsets(
    *,
    draw: Sequence[Sequence[object]],
    questions: Mapping[int, QuestionView],
    answers: Mapping[int, str],
    answer_url: str,
) -> SafeString:
    """The drawn questions in the participant's order, options in the drawn order, saved answers checked.

    `draw` is the entry's [[question id, "order of the letters"], …]; the n-th option shown is
    labelled A, B, C, D whatever its letter in the bank. Every text is escaped (html.escape, as
    Django's escape does); ids are integers."""
    url = html.escape(answer_url)
    badge = f' <span class="badge">{html.escape(_("choose all that apply"))}</span>'
    numbered = _("Question %(n)s.")
    blocks = []
    for position, (question_id, order) in enumerate(draw, start=1):
        question = questions[int(question_id)]  # type: ignore[call-overload]
        text, option_texts = _escaped(question)
        qid = int(question.id)
        chosen = answers.get(qid, "")
        multiple = question.kind == QuestionKind.MULTIPLE
        kind = "checkbox" if multiple else "radio"
        options = "\n".join(
            f'<label class="opt"><input type="{kind}" name="q{qid}" value="{letter}"'
            f"{' checked' if letter in chosen else ''}><b>{'ABCD'[shown]}.</b>"
            f"<span>{option_texts['ABCD'.index(letter)]}</span></label>"
            for shown, letter in enumerate(str(order))
        )
        number = html.escape(numbered % {"n": position})
        blocks.append(
            f'<fieldset class="q" data-question="{qid}" hx-post="{url}" hx-trigger="change" hx-params="q{qid}" '
            'hx-target="find .save-state" hx-swap="innerHTML">\n'
            f'<legend><span class="n">{number}</span>{text}{badge if multiple else ""}</legend>\n'
            f'<input type="hidden" name="q{qid}" value="">\n'
            f"{options}\n"
            '<span class="save-state" aria-live="polite"></span>\n'
            "</fieldset>"
        )
    return mark_safe("\n".join(blocks))  # noqa: S308 (every text above escaped, ids are integers)
