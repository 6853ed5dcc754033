"""Fill id_tail_hash for the members registered before it existed (orgs.services keeps it
for new and edited ones)."""

from django.db import migrations

BATCH = 2000


def fill(apps, schema_editor):
    from gonghui.core.crypto import id_tail_hash

    Member = apps.get_model("orgs", "Member")
    # Historical models keep the EncryptedTextField: id_number reads as the plain number.
    batch = []
    for member in Member.objects.only("id", "id_number").iterator(chunk_size=BATCH):
        member.id_tail_hash = id_tail_hash(member.id_number)
        batch.append(member)
        if len(batch) == BATCH:
            Member.objects.bulk_update(batch, ["id_tail_hash"])
            batch = []
    Member.objects.bulk_update(batch, ["id_tail_hash"])


class Migration(migrations.Migration):
    dependencies = [("orgs", "0003_member_keyed_hash_of_id_tail")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
