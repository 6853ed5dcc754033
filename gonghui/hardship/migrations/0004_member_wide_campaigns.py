"""Member-wide campaigns (夏送清凉, 两节慰问 beyond the hardship files): a campaign's recipients
and the aid they receive name the member, and a file only when the campaign is for files."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_members(apps, schema_editor):
    HardshipFile = apps.get_model("hardship", "HardshipFile")
    member_of_file = Subquery(HardshipFile.objects.filter(pk=OuterRef("file_id")).values("member_id")[:1])
    for name in ("CampaignRecipient", "AidRecord"):
        apps.get_model("hardship", name).objects.update(member_id=member_of_file)


class Migration(migrations.Migration):
    dependencies = [
        ("hardship", "0003_on_behalf_reinstate_notice_text"),
        ("orgs", "0001_organisations_enterprises_members"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="audience",
            field=models.CharField(
                choices=[
                    ("files", "Workers with an active hardship file"),
                    ("members", "Every member the rule matches"),
                ],
                default="files",
                max_length=8,
                verbose_name="recipients from",
            ),
        ),
        migrations.AddField(
            model_name="campaignrecipient",
            name="member",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="campaign_entries",
                to="orgs.member",
                verbose_name="worker",
            ),
        ),
        migrations.AddField(
            model_name="aidrecord",
            name="member",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="aid_received",
                to="orgs.member",
                verbose_name="worker",
            ),
        ),
        migrations.RunPython(fill_members, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="campaignrecipient",
            name="member",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="campaign_entries",
                to="orgs.member",
                verbose_name="worker",
            ),
        ),
        migrations.AlterField(
            model_name="aidrecord",
            name="member",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="aid_received",
                to="orgs.member",
                verbose_name="worker",
            ),
        ),
        migrations.AlterField(
            model_name="campaignrecipient",
            name="file",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="campaign_entries",
                to="hardship.hardshipfile",
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="aidrecord",
            name="file",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="aid",
                to="hardship.hardshipfile",
                verbose_name="file",
            ),
        ),
        migrations.AddConstraint(
            model_name="campaignrecipient",
            constraint=models.UniqueConstraint(
                fields=("campaign", "member"), name="one_entry_per_member_per_campaign"
            ),
        ),
        migrations.AddConstraint(
            model_name="aidrecord",
            constraint=models.CheckConstraint(
                condition=models.Q(("file__isnull", False), ("recipient__isnull", False), _connector="OR"),
                name="aid_on_a_file_or_a_campaign_list",
            ),
        ),
    ]
