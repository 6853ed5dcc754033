import json

from django.core.management.base import BaseCommand, CommandError

from gonghui.medinsure.services import benefit_notices_expire, benefit_notices_remind


class Command(BaseCommand):
    help = (
        "Send one reminder SMS for each benefit notice still waiting after --days days (never "
        "twice), and expire those still waiting after --expire-after days (default 365)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, required=True)
        parser.add_argument("--expire-after", type=int, default=365)

    def handle(self, *args, days, expire_after, **options):
        if days < 0 or expire_after < 1:
            raise CommandError("--days 不能为负数，--expire-after 至少为 1。", returncode=2)
        expired = benefit_notices_expire(after_days=expire_after)
        reminded = benefit_notices_remind(days=days)
        self.stdout.write(json.dumps({"reminded": reminded, "expired": expired}))
