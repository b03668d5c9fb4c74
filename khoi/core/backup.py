"""Backups of the database and the uploaded files, and their restore (`manage.py backup`,
`manage.py restore`, `make backup`, `make restore FILE=…`).

A backup is one tar file: the database (PostgreSQL: `pg_dump` custom format; SQLite: a copy made
with SQLite's online backup API, safe while the site runs), the MEDIA_ROOT tree, and a manifest
with the row count of every table, which a restore checks.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
MEDIA_MEMBER = "media"


class BackupError(Exception):
    pass


def _is_postgres(database: dict[str, Any]) -> bool:
    return "postgresql" in database["ENGINE"]


def _pg_env(database: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(key):
            env[name] = str(database[key])
    return env


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} was not found: install PostgreSQL's client programs (postgresql-client)")
    return path


def _pg_connect(database: dict[str, Any], name: str | None = None) -> psycopg.Connection[Any]:
    return psycopg.connect(
        dbname=name or database["NAME"],
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        autocommit=True,
    )


def _sqlite_connect(path: str | Path) -> sqlite3.Connection:
    name = str(path)
    return sqlite3.connect(name, uri=name.startswith("file:"))


def row_counts(database: dict[str, Any]) -> dict[str, int]:
    """The number of rows of every table of the database."""
    if _is_postgres(database):
        with _pg_connect(database) as conn:
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
                )
            ]
            return {
                table: int(conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0])  # type: ignore[index]
                for table in tables
            }
    lite = _sqlite_connect(database["NAME"])
    try:
        tables = [
            row[0]
            for row in lite.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        quoted = {table: '"' + table.replace('"', '""') + '"' for table in tables}
        return {table: int(lite.execute(f"SELECT count(*) FROM {quoted[table]}").fetchone()[0]) for table in tables}  # noqa: S608  (names from sqlite_master, quoted)
    finally:
        lite.close()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup_create(*, database: dict[str, Any], media_root: Path, directory: Path) -> Path:
    """Writes khoi-YYYYMMDD-HHMMSS.tar into `directory` and returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = directory / f"khoi-{stamp}.tar"
    partial = target.with_suffix(".tar.partial")
    with tempfile.TemporaryDirectory() as scratch:
        if _is_postgres(database):
            dump, member = Path(scratch) / PG_MEMBER, PG_MEMBER
            done = subprocess.run(  # noqa: S603  (fixed program, arguments from settings)
                [_program("pg_dump"), "--format=custom", "--no-owner", "--file", str(dump), database["NAME"]],
                env=_pg_env(database),
                capture_output=True,
                text=True,
            )
            if done.returncode:
                raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
        else:
            dump, member = Path(scratch) / SQLITE_MEMBER, SQLITE_MEMBER
            source, copy = _sqlite_connect(database["NAME"]), sqlite3.connect(dump)
            try:
                source.backup(copy)
            finally:
                source.close()
                copy.close()
        manifest = {
            "created": dt.datetime.now(dt.UTC).isoformat(),
            "engine": "postgresql" if _is_postgres(database) else "sqlite",
            "row_counts": row_counts(database),
        }
        with tarfile.open(partial, "w") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
            archive.add(dump, arcname=member)
            if media_root.is_dir():
                archive.add(media_root, arcname=MEDIA_MEMBER)
    partial.rename(target)
    return target


def backup_manifest(archive_path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive_path) as archive:
            handle = archive.extractfile(MANIFEST)
            if handle is None:
                raise KeyError(MANIFEST)
            manifest: dict[str, Any] = json.loads(handle.read())
    except (KeyError, tarfile.TarError, ValueError) as error:
        raise BackupError(f"{archive_path} is not a Khối backup (no readable manifest)") from error
    return manifest


def backup_restore(*, archive_path: Path, database: dict[str, Any], media_root: Path) -> dict[str, int]:
    """Replaces the database's contents and MEDIA_ROOT with the backup's; returns the restored
    row counts, which must equal the manifest's (BackupError otherwise)."""
    manifest = backup_manifest(archive_path)
    if manifest["engine"] != ("postgresql" if _is_postgres(database) else "sqlite"):
        raise BackupError(f"this backup is of a {manifest['engine']} database")
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(archive_path) as archive:
        archive.extractall(scratch, filter="data")
        if _is_postgres(database):
            done = subprocess.run(  # noqa: S603  (fixed program, arguments from settings)
                [
                    _program("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    "--dbname",
                    database["NAME"],
                    str(Path(scratch) / PG_MEMBER),
                ],
                env=_pg_env(database),
                capture_output=True,
                text=True,
            )
            if done.returncode:
                raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
        else:
            copy, target = sqlite3.connect(Path(scratch) / SQLITE_MEMBER), _sqlite_connect(database["NAME"])
            try:
                copy.backup(target)
            finally:
                copy.close()
                target.close()
        media = Path(scratch) / MEDIA_MEMBER
        if media.is_dir():
            if media_root.exists():
                shutil.rmtree(media_root)
            shutil.copytree(media, media_root)
    counts = row_counts(database)
    if counts != manifest["row_counts"]:
        differing = sorted(
            t for t in counts.keys() | manifest["row_counts"].keys() if counts.get(t) != manifest["row_counts"].get(t)
        )
        raise BackupError(f"restored row counts differ from the backup's in: {', '.join(differing)}")
    return counts
