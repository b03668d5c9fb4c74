"""PostgreSQL search machinery: unaccent and pg_trgm, an IMMUTABLE accent-free key, a GIN index.

On SQLite every operation here is a no-op: the search reads the stored `search_text` column.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION market_search_key(text) RETURNS text AS $$
    SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1))
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT;
"""
INDEX = (
    "CREATE INDEX IF NOT EXISTS listing_search_trgm ON marketplace_listing "
    "USING gin (market_search_key(search_source) gin_trgm_ops);"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    schema_editor.execute(INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS listing_search_trgm;")
    schema_editor.execute("DROP FUNCTION IF EXISTS market_search_key(text);")


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(forwards, backwards),
    ]
