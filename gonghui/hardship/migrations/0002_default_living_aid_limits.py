"""The installation's default limits from hardship.md: living aid up to 12 months of the
minimum living standard a year for deep hardship, 8 for relative hardship. Federations add
and change limits on the parameters page."""

from decimal import Decimal

from django.db import migrations

DEFAULTS = [("deep", "living", Decimal("12")), ("relative", "living", Decimal("8"))]


def add_defaults(apps, schema_editor):
    AidLimit = apps.get_model("hardship", "AidLimit")
    for tier, aid_type, months in DEFAULTS:
        AidLimit.objects.get_or_create(
            area=None, tier=tier, aid_type=aid_type, defaults={"months_of_standard": months}
        )


def remove_defaults(apps, schema_editor):
    AidLimit = apps.get_model("hardship", "AidLimit")
    for tier, aid_type, _months in DEFAULTS:
        AidLimit.objects.filter(area=None, tier=tier, aid_type=aid_type).delete()


class Migration(migrations.Migration):
    dependencies = [("hardship", "0001_hardship_files_aid_campaigns_and_pairs")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
