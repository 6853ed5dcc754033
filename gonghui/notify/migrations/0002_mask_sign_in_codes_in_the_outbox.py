"""Sign-in codes already in the outbox are masked: from now on no row holds one."""

import re

from django.db import migrations

CODE = re.compile(r"\d{6}")


def mask_codes(apps, schema_editor):
    SmsMessage = apps.get_model("notify", "SmsMessage")
    for message in SmsMessage.objects.filter(kind="login_code").only("pk", "body").iterator():
        masked = CODE.sub("******", message.body)
        if masked != message.body:
            SmsMessage.objects.filter(pk=message.pk).update(body=masked)


class Migration(migrations.Migration):
    dependencies = [("notify", "0001_sms_outbox")]

    operations = [migrations.RunPython(mask_codes, migrations.RunPython.noop)]
