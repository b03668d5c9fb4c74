"""Vietnamese first: every message of every catalogue has its Vietnamese translation."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR).glob("**/locale/vi/LC_MESSAGES/django.po"))
CATALOGUES = [path for path in CATALOGUES if ".venv" not in path.parts]


def test_there_is_a_vietnamese_catalogue_for_the_project_and_its_apps():
    assert len(CATALOGUES) >= 4


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_every_message_is_translated_into_vietnamese(path):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [
        message.id
        for message in catalog
        if message.id and (not message.string or (isinstance(message.string, tuple) and not all(message.string)))
    ]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert untranslated == []
    assert fuzzy == []
