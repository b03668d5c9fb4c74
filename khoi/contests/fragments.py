"""The question page's questions, written out in Python rather than in the template language.

Every participant asks for this page, and its questions (a fieldset with four options each) took
most of its time as template loops: a variable or tag costs some 15 µs there, and a page of five
questions had a few hundred. The markup is the same as the template's was; every value goes
through format_html (escaped), the labels through gettext.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .selectors import DrawnQuestion

FIELDSET = (
    '<fieldset class="q" data-question="{id}" hx-post="{url}" hx-trigger="change" hx-params="q{id}" '
    'hx-target="find .save-state" hx-swap="innerHTML">\n'
    '<legend><span class="n">{number}</span>{text}{badge}</legend>\n'
    '<input type="hidden" name="q{id}" value="">\n'
    "{options}\n"
    '<span class="save-state" aria-live="polite"></span>\n'
    "</fieldset>"
)
OPTION = (
    '<label class="opt"><input type="{kind}" name="q{id}" value="{letter}"{checked}>'
    "<b>{label}.</b><span>{text}</span></label>"
)
CHECKED = mark_safe(" checked")


def question_fieldsets(*, drawn: Sequence[DrawnQuestion], answer_url: str) -> SafeString:
    """The drawn questions in the participant's order, options in the drawn order, saved answers
    checked (selectors.entry_drawn_questions: the n-th option shown is labelled A, B, C, D
    whatever its letter in the bank)."""
    badge = format_html(' <span class="badge">{}</span>', _("choose all that apply"))
    blocks = []
    for question in drawn:
        options = [
            format_html(
                OPTION,
                kind="checkbox" if question.multiple else "radio",
                id=question.id,
                letter=option.letter,
                checked=CHECKED if option.checked else "",
                label=option.label,
                text=option.text,
            )
            for option in question.options
        ]
        blocks.append(
            format_html(
                FIELDSET,
                id=question.id,
                url=answer_url,
                number=_("Question %(n)s.") % {"n": question.position},
                text=question.text,
                badge=badge if question.multiple else "",
                options=mark_safe("\n".join(options)),  # noqa: S308 (each made by format_html)
            )
        )
    return mark_safe("\n".join(blocks))  # noqa: S308 (each made by format_html)
