"""A tiny site for testing the crawler itself: one page of each kind of fault."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseForbidden
from django.template import engines
from django.urls import path

PAGES = {
    "": '<a href="/fine/">好</a> <a href="/english/">英</a> <a href="/forbidden/">禁</a>'
    ' <a href="/missing/">缺</a> <a href="https://example.com/">外</a> <a href="#top">顶</a>'
    ' <a href="/data/">数</a>',
    "fine/": '<p>会员列表 {{ 不是模板 }}</p><a href="/fine/?page=2">下一页</a><script>var x = "English";</script>',
    "english/": "<p>Status: 已申请</p>",
    "data/": '<p translate="no">union</p><code>POST /api/</code><p>BX000123 LQ01 PDF</p>',
}


def handler403(request, exception=None):
    return HttpResponseForbidden("<p>无权访问</p>")


def page(request, html):
    return HttpResponse(f"<html><body>{html}</body></html>")


def forbidden(request):
    raise PermissionDenied


def missing(request):
    template = engines["django"].from_string("<p>姓名：{{ member.name }}</p>")
    return HttpResponse(template.render({}, request))


urlpatterns = [
    *(path(route, page, {"html": html}) for route, html in PAGES.items()),
    path("forbidden/", forbidden),
    path("missing/", missing),
]
