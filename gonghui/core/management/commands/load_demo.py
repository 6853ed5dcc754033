"""load_demo: fill an empty database with the demo federation; idempotent. Each app that has
demo data contributes a loader; the logins of every role are printed at the end."""

import json

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.accounts import roles
from gonghui.accounts.models import Role, User
from gonghui.activities import demo as activities_demo
from gonghui.appeals import demo as appeals_demo
from gonghui.claims import demo as claims_demo
from gonghui.contracts import demo as contracts_demo
from gonghui.core import registry
from gonghui.core.services import service_switch_set
from gonghui.craftsman import demo as craftsman_demo
from gonghui.deadlines import demo as deadlines_demo
from gonghui.documents import demo as documents_demo
from gonghui.draw import demo as draw_demo
from gonghui.grid import demo as grid_demo
from gonghui.hardship import demo as hardship_demo
from gonghui.medinsure import demo as medinsure_demo
from gonghui.mutual_aid import demo as mutual_aid_demo
from gonghui.orgs import demo as orgs_demo
from gonghui.patrol import demo as patrol_demo
from gonghui.points import demo as points_demo
from gonghui.ratings import demo as ratings_demo

DEMO_PASSWORD = "gonghui-demo"
# A fixed TOTP key for the demo's staff who need a second factor, so `demo_totp` can print their current code.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"

STAFF = [
    ("union", Role.UNION_STAFF, "union", "基层工会 · 张主席"),
    ("town", Role.TOWN_STAFF, "town", "街道总工会 · 李干事"),
    ("reviewer", Role.COUNTY_REVIEWER, "federation", "县总工会 · 审核员王"),
    ("reviewer2", Role.COUNTY_REVIEWER, "federation", "县总工会 · 复核员陈"),
    ("finance", Role.COUNTY_FINANCE, "federation", "县总工会 · 财务赵"),
    ("admin", Role.COUNTY_ADMIN, "federation", "县总工会 · 管理员"),
    ("auditor", Role.AUDITOR, "federation", "县总工会 · 审计员"),
    ("gridman", Role.GRID_MEMBER, "union", "基层工会 · 网格员林江"),
    ("lawyer", Role.LAWYER, "federation", "县总工会 · 工会律师郭"),
]


class Command(BaseCommand):
    help = "Load the demo federation (路桥区总工会, code LQ) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000",
            help="where the demo is served, for the login addresses printed (make run: HOST, PORT)",
        )

    def handle(self, *args, **options):
        url = options["url"].rstrip("/")
        with transaction.atomic():
            orgs = orgs_demo.load()
            deadlines_demo.load(orgs)
            mutual_aid_demo.load(orgs)
            users = [
                self._staff_user(name, role, orgs[org], label) for name, role, org, label in STAFF
            ]
            medinsure_demo.load(orgs)
            hardship_demo.load(orgs)
            claims_demo.load(orgs)
            documents_demo.load(orgs, base_url=url)
            draw_demo.load(orgs)
            appeals_demo.load(orgs)
            activities_demo.load(orgs)
            patrol_demo.load(orgs)
            craftsman_demo.load(orgs, base_url=url)
            contracts_demo.load(orgs)
            grid_demo.load(orgs)
            points_demo.load(orgs)
            self._switch_everything_on(orgs["federation"])
            users += [u for u in [ratings_demo.load(orgs, DEMO_PASSWORD, DEMO_TOTP_KEY)] if u]
        member = orgs["member"]
        self.stdout.write("演示数据已就绪（路桥区总工会，编码 LQ；姓名与号码均为虚构）。")
        self.stdout.write(f"工作人员登录 {url}/accounts/login/ ，密码均为 " + DEMO_PASSWORD)
        for user in users:
            otp = (
                f"（另需动态口令：python manage.py demo_totp {user.username}）"
                if roles.needs_second_factor(user)
                else ""
            )
            self.stdout.write(
                f"  {user.get_role_display():<8} {user.username:<10} {user.display_name} {otp}"
            )
        self.stdout.write(f"  合作商户 partner    星光影城核销员（{url}/partner/ 扫码核销兑换券）")
        self.stdout.write(
            f"会员登录 {url}/m/login/ ：手机号 {member.mobile}（{member.name}），"
            "点“获取验证码”后，验证码打印在服务器控制台，或运行 "
            f"python manage.py demo_sms_code {member.mobile} 查看"
            "（仅控制台短信通道；任何页面和“短信发件箱”都不显示验证码）。"
        )
        summary = {"federation": "LQ", "members": orgs_demo.Member.objects.count()}
        self.stdout.write(json.dumps(summary, ensure_ascii=False))

    def _switch_everything_on(self, federation) -> None:
        """The demo shows every service; a new federation starts with the optional ones off
        until its administrator switches them on (服务开关)."""
        for service in registry.optional_services():
            service_switch_set(
                actor=None, federation=federation, key=service.key, enabled=True, note="演示数据"
            )

    def _staff_user(self, username, role, org, label) -> User:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "org": org,
                "display_name": label,
                "password": make_password(DEMO_PASSWORD),
                "is_staff": role == Role.COUNTY_ADMIN,
                "is_superuser": role == Role.COUNTY_ADMIN,
            },
        )
        if created and roles.needs_second_factor(user):
            TOTPDevice.objects.create(user=user, name="demo", key=DEMO_TOTP_KEY, confirmed=True)
        return user
