"""Print the current TOTP code of a demo county user (the demo's stand-in for a phone app)."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.core.management.commands.load_demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the current 6-digit code of a demo user's authenticator (demo users only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        device = TOTPDevice.objects.filter(user__username=username, key=DEMO_TOTP_KEY).first()
        if device is None:
            raise CommandError(f"{username} 不是演示数据中的县级用户。", returncode=2)
        code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{code:06d}")
