"""Email invitations: a one-time link through Django's password-reset token machinery.

The token is Django's (`PasswordResetTokenGenerator`) with its own salt and validity
(`KHOI_INVITATION_DAYS`, 14 days by default): it is signed with SECRET_KEY over the account's
password hash and last login, so it stops working as soon as the person has set a password or
signed in. Mail goes through Django's mail (EMAIL_URL in the settings); its text is Vietnamese.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMessage, mailers
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import User

logger = logging.getLogger(__name__)


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "khoi.accounts.invitations.InvitationTokenGenerator"

    def __init__(self) -> None:
        super().__init__()
        self.timeout = int(getattr(settings, "KHOI_INVITATION_DAYS", 14)) * 24 * 3600


invitation_tokens = InvitationTokenGenerator()


def invitation_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:invitation", kwargs={"uidb64": uid, "token": invitation_tokens.make_token(user)})


def _message(user: User, *, base_url: str, bloc_name: str) -> EmailMessage:
    with translation.override("vi"):
        link = base_url.rstrip("/") + invitation_path(user)
        days = int(getattr(settings, "KHOI_INVITATION_DAYS", 14))
        body = "\n\n".join(
            [
                _("Dear %(name)s,") % {"name": user.get_full_name() or user.username},
                _(
                    "An account has been created for you on %(site)s, as the reporter of %(unit)s. "
                    "Your login is: %(login)s"
                )
                % {"site": bloc_name, "unit": user.unit.name if user.unit else "", "login": user.username},
                _("Open this link to choose your password (it works once, within %(days)d days):") % {"days": days},
                link,
                _("If you did not expect this message, ignore it."),
            ]
        )
        subject = _("Your account on %(site)s") % {"site": bloc_name}
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email])


def send_invitations(*, users: Iterable[User], base_url: str, bloc_name: str) -> tuple[int, list[str]]:
    """Send each user with an email their invitation; returns how many went and the addresses that
    could not be sent (the accounts exist: print their credentials or send again later)."""
    sent, failed = 0, []
    connection: Any = mailers.default
    try:
        connection.open()
    except Exception:  # the mail server is down: every address failed
        logger.exception("mail server unreachable for invitations")
        return 0, [user.email for user in users if user.email]
    try:
        for user in users:
            if not user.email:
                continue
            try:
                connection.send_messages([_message(user, base_url=base_url, bloc_name=bloc_name)])
            except Exception:
                logger.exception("invitation to %s failed", user.pk)
                failed.append(user.email)
            else:
                sent += 1
    finally:
        connection.close()
    return sent, failed
