from django.db import migrations


def forwards(apps, schema_editor):
    from khoi.marketplace.categories import CATEGORY_TREE

    Category = apps.get_model("marketplace", "Category")
    position = 0
    for code, name, essential, children in CATEGORY_TREE:
        position += 1
        parent, _ = Category.objects.get_or_create(
            code=code, defaults={"name": name, "essential": essential, "position": position}
        )
        for child_code, child_name, child_essential in children:
            position += 1
            Category.objects.get_or_create(
                code=child_code,
                defaults={"name": child_name, "essential": child_essential, "parent": parent, "position": position},
            )


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0002_search_on_postgresql")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
