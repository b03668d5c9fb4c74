"""Writes about accounts: unlocking logins (django-axes), creating and revoking API tokens."""

from __future__ import annotations

import datetime as dt

from axes.utils import reset as axes_reset
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from khoi.core.text import clean_text

from .models import ApiToken, User
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
