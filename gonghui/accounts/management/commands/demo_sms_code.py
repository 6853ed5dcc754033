"""Print a member's current SMS sign-in code, for a demo without a phone: only with the console
backend, which keeps the last code per number in a private file of the data directory. No
page, API or outbox row shows a code."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gonghui.accounts.services import sms_code_is_current
from gonghui.notify.backends import ConsoleBackend, recall_secret
from gonghui.notify.services import sms_backend
from gonghui.orgs.services import normalize_mobile

CONSOLE = f"{ConsoleBackend.__module__}.{ConsoleBackend.__name__}"


class Command(BaseCommand):
    help = "Print the current SMS sign-in code of a member (console SMS backend only)."

    def add_arguments(self, parser):
        parser.add_argument("mobile")

    def handle(self, *args, mobile, **options):
        if not isinstance(sms_backend(), ConsoleBackend):
            raise CommandError(
                f"只有控制台短信通道（SMS_BACKEND={CONSOLE}）才能查看验证码；"
                f"当前为 {settings.SMS_BACKEND}，验证码只发到会员手机。",
                returncode=2,
            )
        try:
            mobile = normalize_mobile(mobile)
        except ValidationError as exc:
            raise CommandError(f"“{mobile}”不是11位手机号。", returncode=2) from exc
        code = recall_secret(mobile)
        if not code or not sms_code_is_current(mobile=mobile, code=code):
            raise CommandError(
                f"{mobile} 没有有效的验证码：请先在会员登录页 /m/login/ 点“获取验证码”"
                f"（验证码{settings.SMS_CODE_TTL_SECONDS // 60}分钟内有效，只能用一次）。",
                returncode=1,
            )
        self.stdout.write(code)
