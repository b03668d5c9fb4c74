"""Load VSIC 2018 levels 1–2 (Quyết định 27/2018/QĐ-TTg) from khoi/units/data/vsic2018.json."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "vsic2018.json"


def load_sectors(apps, schema_editor):
    Sector = apps.get_model("units", "Sector")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for section in data["sections"]:
        parent, _ = Sector.objects.update_or_create(
            code=section["code"], defaults={"name": section["name"], "level": 1, "parent": None}
        )
        for code, name in section["divisions"]:
            Sector.objects.update_or_create(code=code, defaults={"name": name, "level": 2, "parent": parent})


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]

    operations = [migrations.RunPython(load_sectors, migrations.RunPython.noop)]
