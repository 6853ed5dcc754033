"""A small optional service that exists only in tests ("trial"), to try the switch on before
the real optional apps arrive: a member's write page and read page, a staff page, an API
endpoint and a help page. Use with the `trial_service` fixture (conftest of core/tests)."""

from django.http import HttpResponse
from django.urls import include, path
from rest_framework.response import Response
from rest_framework.views import APIView

from gonghui.accounts.decorators import member_required, staff_required
from gonghui.accounts.models import Role
from gonghui.accounts.permissions import IsSignedIn
from gonghui.core.registry import NavEntry, Service, Tile
from gonghui.core.switches import ServiceEnabled, service_required
from gonghui.urls import urlpatterns as project_urlpatterns

# Members who hold something of the trial service (a voucher, say): their "mine" tile stays.
HOLDERS: set[int] = set()

SERVICE = Service(
    key="trial",
    name="试用服务",
    icon="bi-stars",
    description="只在测试中存在的可选服务",
    order=70,
    help_url_name="trial:help",
    tiles=(
        Tile("trial:apply", "试用报名", "bi-pencil-square"),
        Tile(
            "trial:mine",
            "我的试用券",
            "bi-ticket-perforated",
            visible=lambda user: user.pk in HOLDERS,
            badge=lambda user: 2,
            when_off=True,
        ),
    ),
    nav=(
        NavEntry(
            "trial:manage",
            "试用管理",
            "services",
            visible=lambda user: user.role != Role.AUDITOR,
        ),
    ),
)


@member_required
@service_required("trial")
def apply(request):
    return HttpResponse("试用报名表")


@member_required
@service_required("trial", write=False)
def mine(request):
    offer = '<a href="/trial/apply/">再报名</a>' if request.service_open else ""
    return HttpResponse(f"我的试用券：1 张{offer}")


@staff_required
@service_required("trial")
def manage(request):
    return HttpResponse("试用管理页")


@staff_required
def help_page(request):
    return HttpResponse("试用服务帮助")


class TrialApi(APIView):
    service_key = "trial"
    permission_classes = [IsSignedIn, ServiceEnabled]

    def get(self, request):
        return Response({"held": 1})

    def post(self, request):
        return Response({"applied": True}, status=201)


trial_patterns = [
    path("apply/", apply, name="apply"),
    path("mine/", mine, name="mine"),
    path("manage/", manage, name="manage"),
    path("help/", help_page, name="help"),
    path("api/", TrialApi.as_view(), name="api"),
]
urlpatterns = [path("trial/", include((trial_patterns, "trial"))), *project_urlpatterns]
