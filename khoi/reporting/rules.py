"""Validation-rule expressions over indicator codes, parsed safely (pure, no database, no eval).

An expression is Python-like arithmetic and comparison over indicator codes::

    female_workers + male_workers == workers
    bad_loans <= loans
    abs(revenue - same_period(revenue)) <= 0.5 * same_period(revenue)
    budget <= enclosing(budget)

Only these nodes are accepted (everything else — attributes, subscripts, lambdas, strings, calls
of anything but the functions below, dunder names — is rejected when the rule is saved):
numbers, names (indicator codes: lower-case letters, digits, underscores), ``+ - * /``, unary
``-``, comparisons ``== != < <= > >=`` (chains allowed), ``and``/``or``/``not``, and calls of
``abs``, ``min``, ``max``, ``same_period(code)`` (the unit's value for the same period a
year earlier) and ``enclosing(code)`` (the unit's value for a longer window of the same year
containing the period). A rule with ``enclosing`` is a cross-period rule: it is checked for every
pair of nested windows of a year (month ⊂ quarter ⊂ first half ⊂ nine months ⊂ year), with the
inner window's values as the names and the outer window's inside ``enclosing``.
Arithmetic is exact (Decimal). A rule that refers to a value the unit has not given is skipped
(DHIS2's "skip if any value is missing"), and so is a division by zero.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

MAX_LENGTH = 500
MAX_NODES = 200
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
FUNCTIONS = ("abs", "min", "max", "same_period", "enclosing")
_REFERENCES = ("same_period", "enclosing")
_BIN_OPS = (ast.Add, ast.Sub, ast.Mult, ast.Div)
_CMP_OPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)


class RuleSyntaxError(ValueError):
    """The expression is not an allowed rule (message in English; services translate)."""


class _Missing(Exception):
    pass


@dataclass(frozen=True)
class ParsedRule:
    expression: str
    tree: ast.Expression
    codes: frozenset[str]  # indicator codes used for this period
    previous_codes: frozenset[str]  # codes used inside same_period(...)
    enclosing_codes: frozenset[str] = frozenset()  # codes used inside enclosing(...)

    @property
    def is_cross_period(self) -> bool:
        """Compares a part of the year with a longer window of the same year containing it."""
        return bool(self.enclosing_codes)


def parse_rule(expression: str) -> ParsedRule:
    """Parse and check an expression; raise RuleSyntaxError if it is not a safe rule."""
    text = (expression or "").strip()
    if not text:
        raise RuleSyntaxError(_("The expression is empty."))
    if len(text) > MAX_LENGTH:
        raise RuleSyntaxError(_("The expression is too long."))
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise RuleSyntaxError(_("Not a valid expression: %(reason)s.") % {"reason": error.msg}) from error
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise RuleSyntaxError(_("The expression is too complex."))
    found: dict[str, set[str]] = {"": set(), "same_period": set(), "enclosing": set()}
    _check(tree.body, found, inside="")
    if not isinstance(tree.body, (ast.Compare, ast.BoolOp)) and not (
        isinstance(tree.body, ast.UnaryOp) and isinstance(tree.body.op, ast.Not)
    ):
        raise RuleSyntaxError(_("A rule must be a comparison, e.g. bad_loans <= loans."))
    if found["same_period"] and found["enclosing"]:
        raise RuleSyntaxError(_("A rule cannot use same_period() and enclosing() together."))
    return ParsedRule(text, tree, frozenset(found[""]), frozenset(found["same_period"]), frozenset(found["enclosing"]))


def _check(node: ast.AST, found: dict[str, set[str]], *, inside: str) -> None:
    """Reject what is not allowed; collect the codes named, by where they appear ("" for the
    period itself, or inside "same_period"/"enclosing")."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise RuleSyntaxError(_("Only numbers may be written as constants."))
        return
    if isinstance(node, ast.Name):
        if not _NAME.match(node.id) or node.id in FUNCTIONS:
            raise RuleSyntaxError(_("“%(name)s” is not an indicator code.") % {"name": node.id})
        found[inside].add(node.id)
        return
    if isinstance(node, ast.BinOp):
        if not isinstance(node.op, _BIN_OPS):
            raise RuleSyntaxError(_("Only + - * / are allowed."))
        _check(node.left, found, inside=inside)
        _check(node.right, found, inside=inside)
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd, ast.Not)):
            raise RuleSyntaxError(_("This operator is not allowed."))
        _check(node.operand, found, inside=inside)
        return
    if isinstance(node, ast.Compare):
        if not all(isinstance(o, _CMP_OPS) for o in node.ops):
            raise RuleSyntaxError(_("Only == != < <= > >= comparisons are allowed."))
        for part in (node.left, *node.comparators):
            _check(part, found, inside=inside)
        return
    if isinstance(node, ast.BoolOp):
        for part in node.values:
            _check(part, found, inside=inside)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
            raise RuleSyntaxError(_("Only abs(), min(), max(), same_period() and enclosing() may be called."))
        if node.func.id in _REFERENCES:
            if len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
                raise RuleSyntaxError(_("%(function)s() takes one indicator code.") % {"function": node.func.id})
            _check(node.args[0], found, inside=node.func.id)
            return
        if not node.args or (node.func.id == "abs" and len(node.args) != 1):
            raise RuleSyntaxError(_("Wrong number of arguments."))
        for arg in node.args:
            _check(arg, found, inside=inside)
        return
    raise RuleSyntaxError(_("“%(node)s” is not allowed in a rule.") % {"node": type(node).__name__})


def evaluate_rule(
    rule: ParsedRule,
    values: Mapping[str, Decimal],
    previous: Mapping[str, Decimal] | None = None,
    *,
    enclosing: Mapping[str, Decimal] | None = None,
) -> bool | None:
    """True (passes), False (fails), or None (skipped: a value is missing or a division by zero).
    `previous` feeds same_period(), `enclosing` feeds enclosing()."""
    references = {"same_period": previous or {}, "enclosing": enclosing or {}}
    try:
        result = _eval(rule.tree.body, values, references)
    except (_Missing, DivisionByZero, InvalidOperation, ZeroDivisionError):
        return None
    return bool(result)


def _eval(node: ast.AST, values: Mapping[str, Decimal], references: Mapping[str, Mapping[str, Decimal]]) -> Any:
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        if node.id not in values or values[node.id] is None:
            raise _Missing(node.id)
        return Decimal(values[node.id])
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, values, references), _eval(node.right, values, references)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if right == 0:
            raise _Missing("division by zero")
        return left / right
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values, references)
        if isinstance(node.op, ast.Not):
            return not operand
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.Compare):
        left = _eval(node.left, values, references)
        for operator, comparator in zip(node.ops, node.comparators, strict=True):
            right = _eval(comparator, values, references)
            ok = {
                ast.Eq: left == right,
                ast.NotEq: left != right,
                ast.Lt: left < right,
                ast.LtE: left <= right,
                ast.Gt: left > right,
                ast.GtE: left >= right,
            }[type(operator)]
            if not ok:
                return False
            left = right
        return True
    if isinstance(node, ast.BoolOp):
        results = [bool(_eval(v, values, references)) for v in node.values]
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id in _REFERENCES:
            name = node.args[0]
            assert isinstance(name, ast.Name)
            other = references[node.func.id]
            if name.id not in other or other[name.id] is None:
                raise _Missing(name.id)
            return Decimal(other[name.id])
        args = [_eval(arg, values, references) for arg in node.args]
        if node.func.id == "abs":
            return abs(args[0])
        return min(args) if node.func.id == "min" else max(args)
    raise RuleSyntaxError(_("Unexpected expression node."))  # unreachable after parse_rule


_WORD_OPERATORS = {"==": "=", "!=": "≠", "<=": "≤", ">=": "≥", "*": "×", "/": ":"}


def expression_in_words(expression: str, names: Mapping[str, str]) -> str:
    """A rule's expression as staff read it on a screen: indicator names instead of codes, the
    comparison signs written as on paper ("Lao động nữ + Lao động nam = Lao động"). The codes
    remain the language of the rule editor only."""

    def reference(match: re.Match[str]) -> str:
        name = names.get(match.group(2), match.group(2))
        if match.group(1) == "same_period":
            return _("%(name)s of the same period last year") % {"name": name}
        return _("%(name)s of the longer period") % {"name": name}

    text = re.sub(r"\b(same_period|enclosing)\(\s*([a-z][a-z0-9_]*)\s*\)", reference, expression)
    text = re.sub(r"\babs\(", _("absolute value of") + " (", text)
    text = re.sub(r"\bmin\(", _("least of") + " (", text)
    text = re.sub(r"\bmax\(", _("greatest of") + " (", text)
    text = re.sub(r"\b(and|or|not)\b", lambda m: {"and": _("and"), "or": _("or"), "not": _("not")}[m.group(1)], text)
    text = re.sub(r"\b[a-z][a-z0-9_]*\b", lambda m: names.get(m.group(0), m.group(0)), text)
    for sign, word in _WORD_OPERATORS.items():
        text = text.replace(f" {sign} ", f" {word} ")
    return text
