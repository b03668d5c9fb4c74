"""A backup restores into a fresh database with the same number of rows in every table, and the
uploaded files come back with it."""

from __future__ import annotations

import contextlib
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from khoi.accounts.tests.factories import make_user
from khoi.core.backup import BackupError, backup_create, backup_manifest, backup_restore, row_counts

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def some_data(tmp_path: Path) -> Path:
    for number in range(3):
        make_user(f"saoluu{number}")
    media = tmp_path / "media"
    (media / "uploads").mkdir(parents=True)
    (media / "uploads" / "bien-ban.txt").write_text("Biên bản họp Chi bộ", encoding="utf-8")
    return media


@contextlib.contextmanager
def fresh_database(scratch: Path):
    """An empty database of the same engine, removed afterwards."""
    source = connection.settings_dict
    if connection.vendor == "postgresql":
        name = f"{source['NAME']}_restore"
        admin = psycopg.connect(
            dbname="postgres",
            host=source["HOST"] or None,
            port=source["PORT"] or None,
            user=source["USER"] or None,
            password=source["PASSWORD"] or None,
            autocommit=True,
        )
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield {**source, "NAME": name}
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            admin.close()
    else:
        yield {**source, "NAME": str(scratch / "restored.sqlite3")}


def test_a_backup_restored_into_a_fresh_database_has_the_same_rows_in_every_table(some_data, tmp_path):
    archive = backup_create(database=connection.settings_dict, media_root=some_data, directory=tmp_path / "backups")
    before = row_counts(connection.settings_dict)
    assert before["accounts_user"] >= 3 and len(before) > 20
    with fresh_database(tmp_path) as target:
        restored_media = tmp_path / "restored-media"
        after = backup_restore(archive_path=archive, database=target, media_root=restored_media)
        assert after == before
        assert row_counts(target) == before
    assert (restored_media / "uploads" / "bien-ban.txt").read_text(encoding="utf-8") == "Biên bản họp Chi bộ"
    assert backup_manifest(archive)["row_counts"] == before


def test_the_backup_command_writes_one_tar_with_the_database_the_files_and_a_manifest(some_data, tmp_path, settings):
    settings.MEDIA_ROOT = some_data
    call_command("backup", "--dir", str(tmp_path), stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115
    (archive,) = tmp_path.glob("khoi-*.tar")
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert "manifest.json" in names
    assert {"database.pgdump", "database.sqlite3"} & set(names)
    assert "media/uploads/bien-ban.txt" in names


def test_a_file_that_is_not_a_backup_is_refused_and_changes_nothing(tmp_path):
    other = tmp_path / "other.tar"
    with tarfile.open(other, "w") as archive:
        archive.add(__file__, arcname="something.py")
    before = row_counts(connection.settings_dict)
    with pytest.raises(BackupError):
        backup_restore(archive_path=other, database=connection.settings_dict, media_root=tmp_path / "media")
    assert row_counts(connection.settings_dict) == before
