"""The question page's questions, written out in Python rather than in the template language.

Every participant asks for this page, and its questions (a fieldset with four options each) took
most of its time as template loops: a variable or tag costs some 15 µs there, and a page of five
questions had a few hundred. The markup is the same as the template's was; every text goes
through html.escape (as Django's escape, without its per-call checks), the labels through gettext.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .selectors import DrawnQuestion

# The bank's texts are few and read by every participant: each is escaped once per process.
_escape = functools.lru_cache(maxsize=8192)(html.escape)


def question_fieldsets(*, drawn: Sequence[DrawnQuestion], answer_url: str) -> SafeString:
    """The drawn questions in the participant's order, options in the drawn order, saved answers
    checked (selectors.entry_drawn_questions: the n-th option shown is labelled A, B, C, D
    whatever its letter in the bank). Every text is escaped; ids are integers."""
    url = html.escape(answer_url)
    badge = f' <span class="badge">{html.escape(_("choose all that apply"))}</span>'
    numbered = _("Question %(n)s.")
    blocks = []
    for question in drawn:
        qid = int(question.id)
        kind = "checkbox" if question.multiple else "radio"
        options = "\n".join(
            f'<label class="opt"><input type="{kind}" name="q{qid}" value="{html.escape(option.letter)}"'
            f"{' checked' if option.checked else ''}><b>{html.escape(option.label)}.</b>"
            f"<span>{_escape(option.text)}</span></label>"
            for option in question.options
        )
        number = html.escape(numbered % {"n": question.position})
        blocks.append(
            f'<fieldset class="q" data-question="{qid}" hx-post="{url}" hx-trigger="change" hx-params="q{qid}" '
            'hx-target="find .save-state" hx-swap="innerHTML">\n'
            f'<legend><span class="n">{number}</span>{_escape(question.text)}'
            f"{badge if question.multiple else ''}</legend>\n"
            f'<input type="hidden" name="q{qid}" value="">\n'
            f"{options}\n"
            '<span class="save-state" aria-live="polite"></span>\n'
            "</fieldset>"
        )
    return mark_safe("\n".join(blocks))  # noqa: S308 (every text above escaped, ids are integers)
