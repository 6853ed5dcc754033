"""The member's phone pages under /m/points/: 积分明细 (balance, entries, convert), the coin
shop (redeem), my orders with their QR."""

import uuid

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import member_required
from gonghui.core.imports import error_text
from gonghui.core.switches import service_required
from gonghui.points import selectors
from gonghui.points import services as points_services
from gonghui.points.models import OrderStatus
from gonghui.points.services import catalogue, conversion

KEY = "points"


def _me(request):
    member = selectors.my_member(request.user)
    if member is None:
        raise Http404
    return member


def qr_svg(code: str) -> str:
    return segno.make_qr(code, error="m").svg_inline(scale=6, border=2)


def _done(request, call, success) -> bool:
    try:
        call()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        return False
    messages.success(request, success)
    return True


def _key(request, prefix: str) -> str:
    """The form's one-off key (a double submit posts once), else a fresh one."""
    given = (request.POST.get("key") or "").strip()[:64]
    return f"{prefix}:{request.user.pk}:{given or uuid.uuid4().hex}"


@member_required
@service_required(KEY, write=False)
def home(request):
    member = _me(request)
    rate = conversion.current_rate(conversion.federation_of(member))
    return render(
        request,
        "points/portal/home.html",
        {
            "balance": points_services.balance(member),
            "entries": selectors.entries_for_member(member)[:100],
            "rate": rate.points_per_coin,
            "key": uuid.uuid4().hex,
            "service_open": request.service_open,
        },
    )


@require_POST
@member_required
@service_required(KEY)
def convert(request):
    member = _me(request)
    try:
        points = int(request.POST.get("points", ""))
    except ValueError:
        messages.error(request, _("Give the points to convert as a whole number."))
        return redirect("points_portal:home")
    _done(
        request,
        lambda: conversion.convert(
            member=member, points=points, key=_key(request, "convert"), actor=request.user
        ),
        pgettext("points", "Converted."),
    )
    return redirect("points_portal:home")


@member_required
@service_required(KEY, write=False)
def shop(request):
    member = _me(request)
    return render(
        request,
        "points/portal/shop.html",
        {
            "products": selectors.products_for_member(member),
            "coins": points_services.balance(member)["coins"],
            "key": uuid.uuid4().hex,
            "service_open": request.service_open,
        },
    )


@require_POST
@member_required
@service_required(KEY)
def redeem(request, pk):
    member = _me(request)
    product = get_object_or_404(selectors.products_for_member(member), pk=pk)
    ok = _done(
        request,
        lambda: catalogue.redeem(
            member=member, product=product, key=_key(request, "redeem"), actor=request.user
        ),
        _("Redeemed. Your order is below."),
    )
    return redirect("points_portal:orders" if ok else "points_portal:shop")


@member_required
@service_required(KEY, write=False)
def orders(request):
    member = _me(request)
    rows = [
        {"order": o, "qr": qr_svg(o.code) if o.status == OrderStatus.ISSUED else ""}
        for o in selectors.orders_for_member(member)
    ]
    return render(
        request,
        "points/portal/orders.html",
        {"rows": rows, "service_open": request.service_open},
    )


@require_POST
@member_required
@service_required(KEY)
def refund(request, pk):
    order = get_object_or_404(selectors.orders_for_member(_me(request)), pk=pk)
    _done(
        request,
        lambda: catalogue.order_refund(actor=request.user, order=order),
        _("Refunded: the coins are back."),
    )
    return redirect("points_portal:orders")
