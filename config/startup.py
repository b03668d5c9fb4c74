"""What an app process does once, after Django is set up and before its first request."""

from __future__ import annotations

import gc


def freeze_after_startup() -> None:
    """Import every view (through the URLconf) and put everything loaded so far out of the garbage
    collector's reach (`gc.freeze`): a full collection then walks only what requests made, not
    Django's and the project's modules, which took about 160 ms of CPU each time on the register
    API's bench (`bench/register_api.py --no-freeze` shows it). Objects are never freed by this;
    the startup objects were going to live as long as the process anyway."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports the view modules)
    gc.collect()
    gc.freeze()
