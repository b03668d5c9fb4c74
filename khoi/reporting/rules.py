"""Validation-rule expressions over indicator codes, parsed safely (pure, no database, no eval).

An expression is Python-like arithmetic and comparison over indicator codes::

    female_workers + male_workers == workers
    bad_loans <= loans
    abs(revenue - same_period(revenue)) <= 0.5 * same_period(revenue)

Only these nodes are accepted (everything else — attributes, subscripts, lambdas, strings, calls
of anything but the four functions below, dunder names — is rejected when the rule is saved):
numbers, names (indicator codes: lower-case letters, digits, underscores), ``+ - * /``, unary
``-``, comparisons ``== != < <= > >=`` (chains allowed), ``and``/``or``/``not``, and calls of
``abs``, ``min``, ``max`` and ``same_period(code)`` (the unit's value for the same period a
year earlier). Arithmetic is exact (Decimal). A rule that refers to a value the unit has not
given is skipped (DHIS2's "skip if any value is missing"), and so is a division by zero.
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
FUNCTIONS = ("abs", "min", "max", "same_period")
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
    codes: set[str] = set()
    previous: set[str] = set()
    _check(tree.body, codes, previous, inside_same_period=False)
    if not isinstance(tree.body, (ast.Compare, ast.BoolOp)) and not (
        isinstance(tree.body, ast.UnaryOp) and isinstance(tree.body.op, ast.Not)
    ):
        raise RuleSyntaxError(_("A rule must be a comparison, e.g. bad_loans <= loans."))
    return ParsedRule(text, tree, frozenset(codes), frozenset(previous))


def _check(node: ast.AST, codes: set[str], previous: set[str], *, inside_same_period: bool) -> None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise RuleSyntaxError(_("Only numbers may be written as constants."))
        return
    if isinstance(node, ast.Name):
        if not _NAME.match(node.id) or node.id in FUNCTIONS:
            raise RuleSyntaxError(_("“%(name)s” is not an indicator code.") % {"name": node.id})
        (previous if inside_same_period else codes).add(node.id)
        return
    if isinstance(node, ast.BinOp):
        if not isinstance(node.op, _BIN_OPS):
            raise RuleSyntaxError(_("Only + - * / are allowed."))
        _check(node.left, codes, previous, inside_same_period=inside_same_period)
        _check(node.right, codes, previous, inside_same_period=inside_same_period)
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd, ast.Not)):
            raise RuleSyntaxError(_("This operator is not allowed."))
        _check(node.operand, codes, previous, inside_same_period=inside_same_period)
        return
    if isinstance(node, ast.Compare):
        if not all(isinstance(o, _CMP_OPS) for o in node.ops):
            raise RuleSyntaxError(_("Only == != < <= > >= comparisons are allowed."))
        for part in (node.left, *node.comparators):
            _check(part, codes, previous, inside_same_period=inside_same_period)
        return
    if isinstance(node, ast.BoolOp):
        for part in node.values:
            _check(part, codes, previous, inside_same_period=inside_same_period)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
            raise RuleSyntaxError(_("Only abs(), min(), max() and same_period() may be called."))
        if node.func.id == "same_period":
            if len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
                raise RuleSyntaxError(_("same_period() takes one indicator code."))
            _check(node.args[0], codes, previous, inside_same_period=True)
            return
        if not node.args or (node.func.id == "abs" and len(node.args) != 1):
            raise RuleSyntaxError(_("Wrong number of arguments."))
        for arg in node.args:
            _check(arg, codes, previous, inside_same_period=inside_same_period)
        return
    raise RuleSyntaxError(_("“%(node)s” is not allowed in a rule.") % {"node": type(node).__name__})


def evaluate_rule(
    rule: ParsedRule, values: Mapping[str, Decimal], previous: Mapping[str, Decimal] | None = None
) -> bool | None:
    """True (passes), False (fails), or None (skipped: a value is missing or a division by zero)."""
    try:
        result = _eval(rule.tree.body, values, previous or {})
    except (_Missing, DivisionByZero, InvalidOperation, ZeroDivisionError):
        return None
    return bool(result)


def _eval(node: ast.AST, values: Mapping[str, Decimal], previous: Mapping[str, Decimal]) -> Any:
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        if node.id not in values or values[node.id] is None:
            raise _Missing(node.id)
        return Decimal(values[node.id])
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, values, previous), _eval(node.right, values, previous)
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
        operand = _eval(node.operand, values, previous)
        if isinstance(node.op, ast.Not):
            return not operand
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.Compare):
        left = _eval(node.left, values, previous)
        for operator, comparator in zip(node.ops, node.comparators, strict=True):
            right = _eval(comparator, values, previous)
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
        results = [bool(_eval(v, values, previous)) for v in node.values]
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id == "same_period":
            name = node.args[0]
            assert isinstance(name, ast.Name)
            if name.id not in previous or previous[name.id] is None:
                raise _Missing(name.id)
            return Decimal(previous[name.id])
        args = [_eval(arg, values, previous) for arg in node.args]
        if node.func.id == "abs":
            return abs(args[0])
        return min(args) if node.func.id == "min" else max(args)
    raise RuleSyntaxError(_("Unexpected expression node."))  # unreachable after parse_rule
