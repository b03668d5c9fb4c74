"""Writes about accounts: unlocking logins (django-axes), creating and revoking API tokens,
reporters in bulk, the end of a forced password change, deactivation when a unit leaves."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from axes.utils import reset as axes_reset
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from khoi.core.text import clean_text

from .models import ApiToken, Role, User
from .people import PeopleCheck, PersonRow, check_rows
from .selectors import api_tokens_of

TOKENS_PER_USER = 10
TOKEN_VALIDITY_DAYS = (30, 90, 365)


def unlock_login(*, account: str = "", address: str = "") -> int:
    """Forget the failed attempts of an account or of an address; returns how many records went."""
    if bool(account) == bool(address):
        raise ValidationError(_("Name either an account or an address to unlock."))
    if account:
        return axes_reset(username=account)
    return axes_reset(ip=address)


@transaction.atomic
def api_token_create(*, user: User, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `user`: returns it and its secret, which is shown once and never stored."""
    name = clean_text(name, multiline=False)
    if not name:
        raise ValidationError({"name": [_("Give the token a name, e.g. the script that will use it.")]})
    if days not in TOKEN_VALIDITY_DAYS:
        raise ValidationError({"days": [_("Choose one of the validity periods offered.")]})
    User.objects.select_for_update().filter(pk=user.pk).first()  # one creation at a time per user
    if api_tokens_of(user=user).count() >= TOKENS_PER_USER:
        raise ValidationError(
            _("You already have %(count)d tokens: revoke one you no longer use first.") % {"count": TOKENS_PER_USER}
        )
    token, secret = ApiToken.objects.create(user=user, expiry=dt.timedelta(days=days), name=name[:100])
    return token, secret


def api_token_revoke(*, user: User, token_key: str) -> None:
    """Revoke one of the user's own tokens (another user's answers 404)."""
    deleted, _count = ApiToken.objects.filter(user=user, token_key=token_key).delete()
    if not deleted:
        raise Http404(_("No such token."))


# ---- Reporters in bulk ---------------------------------------------------------------------------

PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105  (not a password) no 0/o, 1/l/i: read off a printed sheet


@dataclass(frozen=True)
class NewAccount:
    """What the credentials sheet shows for one account created; `password` only when it has one
    (an invited person sets their own through the link)."""

    username: str
    name: str
    unit_code: str
    unit_name: str
    email: str
    phone: str
    password: str
    invited: bool


def random_password() -> str:
    """Twelve characters in three groups, "k7mq-x2re-9tvn": about 59 bits, easy to type."""
    chars = "".join(secrets.choice(PASSWORD_ALPHABET) for _index in range(12))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def _hash_all(passwords: list[str], *, progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Each password hashed once, with the configured hasher (slow on purpose: PBKDF2's rounds).

    Hashing runs in threads (hashlib releases the GIL while it works), on half the cores: this runs
    in the task worker, beside the pages' processes. `progress(done, total)` is told after each
    batch."""
    total = len(passwords)
    if total < 4:
        hashes = [make_password(password) for password in passwords]
        if progress is not None:
            progress(total, total)
        return hashes
    batch = max(4, total // 10)
    hashes = []
    with ThreadPoolExecutor(max_workers=max(1, (os.cpu_count() or 2) // 2)) as pool:
        for start in range(0, total, batch):
            hashes += pool.map(make_password, passwords[start : start + batch])
            if progress is not None:
                progress(len(hashes), total)
    return hashes


def reporters_create(
    *,
    rows: list[PersonRow],
    actor: User | None,
    invite: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[NewAccount]:
    """Create a reporter for every row, all of them or none.

    With `invite`, a row with an email gets no password (the invitation's link sets one) and the
    others get a random one; without it everyone gets a random password to print. Every account
    starts with `must_change_password`. The rows are checked again here, against the database as
    it is inside the transaction; any problem raises ValidationError naming the rows. Each password
    is hashed exactly once, before the transaction (`progress(done, total)` follows the hashing);
    the accounts are written with those hashes, never through `set_password`.
    """
    check_rows(rows)  # reads each contact: who has an email (checked again inside the transaction)
    passwords = ["" if invite and row.email else random_password() for row in rows]
    # Hashes may be computed before the check: they are only kept if every row passes.
    hashes = _hash_all([password for password in passwords if password], progress=progress)
    hash_of = iter(hashes)
    with transaction.atomic():
        result = check_rows(rows)
        if not result.is_valid:
            raise ValidationError(people_error_messages(result))
        users = []
        for row, password in zip(result.rows, passwords, strict=True):
            assert row.unit is not None
            user = User(
                username=row.login,
                first_name=row.name,
                email=row.email,
                phone=row.phone,
                role=Role.REPORTER,
                unit=row.unit,
                must_change_password=True,
            )
            if password:
                user.password = next(hash_of)
            else:
                user.set_unusable_password()
            users.append(user)
        try:
            with transaction.atomic():
                User.objects.bulk_create(users, batch_size=500)
        except IntegrityError as error:
            raise ValidationError(
                _("An account was created with one of these logins meanwhile; check again.")
            ) from error
    return [
        NewAccount(
            username=row.login,
            name=row.name,
            unit_code=row.unit.code if row.unit else row.unit_code,
            unit_name=row.unit.name if row.unit else "",
            email=row.email,
            phone=row.phone,
            password=password,
            invited=not password,
        )
        for row, password in zip(result.rows, passwords, strict=True)
    ]


def people_error_messages(result: PeopleCheck) -> list[str]:
    messages = list(result.errors)
    for row in result.rows:
        where = _("Row %(row)s") % {"row": row.row} if row.row else row.unit_code
        messages += [f"{where}: {problem}" for problem in row.problems]
    if not result.rows and not messages:
        messages.append(_("There is nobody to create."))
    return messages


def password_set_by_owner(*, user: User) -> None:
    """The person chose their own password (the change page, or an invitation's link): no more
    redirection to the change page."""
    if user.must_change_password:
        User.objects.filter(pk=user.pk).update(must_change_password=False)
        user.must_change_password = False


@transaction.atomic
def reporters_deactivate(*, unit_ids: Iterable[int]) -> int:
    """The reporters of units that left the bloc may no longer sign in: their accounts are made
    inactive (kept, with their history) and their API tokens revoked. Returns how many."""
    users = User.objects.filter(role=Role.REPORTER, unit_id__in=list(unit_ids), is_active=True)
    ids = list(users.values_list("pk", flat=True))
    if not ids:
        return 0
    ApiToken.objects.filter(user_id__in=ids).delete()
    return User.objects.filter(pk__in=ids).update(is_active=False)
