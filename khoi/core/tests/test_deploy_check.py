"""`manage.py check --deploy` with the production settings: clean by default; on a plain-HTTP
intranet (KHOI_HTTPS=false) exactly the HTTPS warnings; a development mail backend refused."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def check_deploy(**environment: str) -> subprocess.CompletedProcess[str]:
    # Browser tests of the same run allow async-unsafe calls in this process; a deployment never does.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        ALLOWED_HOSTS="khoi.example.vn",
        **environment,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_production_settings_pass_the_deployment_check_without_any_issue():
    result = check_deploy()
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_a_plain_http_intranet_gets_exactly_the_https_warnings():
    result = check_deploy(KHOI_HTTPS="false")
    assert result.returncode != 0
    warnings = sorted(set(re.findall(r"\(security\.W\d+\)", result.stderr)))
    assert warnings == ["(security.W004)", "(security.W008)", "(security.W012)", "(security.W016)"]


def test_production_refuses_a_development_mail_backend():
    result = check_deploy(EMAIL_URL="consolemail://")
    assert result.returncode != 0
    assert "EMAIL_URL must be an SMTP address in production" in result.stderr
