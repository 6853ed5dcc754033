"""`demo_sms_code MOBILE` prints a member's live sign-in code for the demo, with the console
SMS backend only; the code is kept in a private file, never in the outbox."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from gonghui.accounts import services
from gonghui.notify.models import SmsMessage
from gonghui.orgs.tests import factories


@pytest.fixture
def console(settings, tmp_path):
    settings.SMS_BACKEND = "gonghui.notify.backends.ConsoleBackend"
    settings.SMS_CONSOLE_SECRETS_DIR = tmp_path / "sms-console"
    return settings


def run(mobile) -> str:
    out = io.StringIO()
    call_command("demo_sms_code", mobile, stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
def test_prints_the_live_code_which_signs_the_member_in(console, tree, capsys):
    member = factories.member(tree.union_a1, mobile="13900000501")
    services.sms_code_request(mobile="13900000501")
    printed = capsys.readouterr().out  # the console backend: the operator's server log
    code = run("139 0000 0501")
    assert len(code) == 6 and code in printed
    assert code not in SmsMessage.objects.get().body
    user = services.sms_code_verify(mobile="13900000501", code=code)
    member.refresh_from_db()
    assert member.user == user
    with pytest.raises(CommandError, match="没有有效的验证码") as used:
        run("13900000501")
    assert used.value.returncode == 1


@pytest.mark.django_db
def test_says_so_when_there_is_no_code(console, tree):
    factories.member(tree.union_a1, mobile="13900000502")
    with pytest.raises(CommandError, match="请先在会员登录页"):
        run("13900000502")
    with pytest.raises(CommandError, match="不是11位手机号"):
        run("12345")


@pytest.mark.django_db
def test_refuses_with_any_other_backend(settings, tree):
    settings.SMS_BACKEND = "gonghui.notify.backends.OutboxOnlyBackend"
    factories.member(tree.union_a1, mobile="13900000503")
    services.sms_code_request(mobile="13900000503")
    with pytest.raises(CommandError, match="只有控制台短信通道") as refused:
        run("13900000503")
    assert refused.value.returncode == 2


@pytest.mark.django_db
def test_codes_already_in_the_outbox_are_masked_by_the_migration():
    SmsMessage.objects.create(
        mobile="13900000504",
        kind="login_code",
        body="【数智工会】您的登录验证码是470391，5分钟内有效",
    )
    SmsMessage.objects.create(mobile="13900000504", kind="claim_paid", body="申请C2021000123已到账")
    migration = importlib.import_module(
        "gonghui.notify.migrations.0002_mask_sign_in_codes_in_the_outbox"
    )
    migration.mask_codes(apps, None)
    bodies = dict(SmsMessage.objects.values_list("kind", "body"))
    assert bodies == {
        "login_code": "【数智工会】您的登录验证码是******，5分钟内有效",
        "claim_paid": "申请C2021000123已到账",
    }
