"""Reads of the ledger and catalogue: a member sees their own; staff their subtree's members
and the products of their organisation's line (above and below)."""

from django.db.models import Q, Sum
from django.utils import timezone

from gonghui.orgs.models import Member
from gonghui.points.models import Account, Adjustment, AdjustStatus, Entry, Order, Product


def entries_for_member(member):
    return Entry.objects.filter(member=member).order_by("-created_at", "-id")


def my_member(user) -> Member | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.select_related("union").filter(user=user).first()


def products_for_member(member, *, today=None):
    """On sale today, offered by an organisation above the member's union."""
    today = today or timezone.localdate()
    return (
        Product.objects.filter(
            org_id__in=member.union.ancestor_ids,
            active=True,
            valid_from__lte=today,
            valid_until__gte=today,
        )
        .select_related("batch__programme")
        .order_by("price", "id")
    )


def orders_for_member(member):
    return Order.objects.filter(member=member).select_related("product", "registration")


def covers_for_member(member):
    """The accident cover the member redeemed with coins (for the mutual-aid page)."""
    return (
        Order.objects.filter(member=member, product__kind="mutual_aid", cover_from__isnull=False)
        .exclude(status="refunded")
        .select_related("product")
        .order_by("-cover_from")
    )


def _subtree(user) -> Q:
    return Q(member__union__path__startswith=user.org.path)


def products_visible_to(user):
    ids = user.org.ancestor_ids
    return (
        Product.objects.filter(Q(org__path__startswith=user.org.path) | Q(org_id__in=ids))
        .select_related("org", "batch__programme", "pool")
        .order_by("-valid_until", "id")
    )


def orders_visible_to(user):
    return (
        Order.objects.filter(_subtree(user))
        .select_related("product", "member__union")
        .order_by("-created_at", "-id")
    )


def entries_visible_to(user):
    return (
        Entry.objects.filter(_subtree(user))
        .select_related("member__union", "actor")
        .order_by("-created_at", "-id")
    )


def members_found(user, text: str):
    """Members of the user's subtree by name, mobile or the last digits of the mobile."""
    text = (text or "").strip()
    if not text:
        return Member.objects.none()
    return (
        Member.objects.filter(union__path__startswith=user.org.path)
        .filter(Q(name__contains=text) | Q(mobile__endswith=text))
        .select_related("union")
        .order_by("name", "id")[:50]
    )


def pending_adjustments(user):
    return (
        Adjustment.objects.filter(_subtree(user), status=AdjustStatus.PENDING)
        .select_related("member__union", "requested_by")
        .order_by("created_at")
    )


def figures(user) -> dict:
    """Issued, converted, redeemed, expired, refunded, adjusted; the outstanding balance (the
    federation's liability); redemptions and stock by product."""
    entries = Entry.objects.filter(_subtree(user))

    def total(kind, field):
        return entries.filter(kind=kind).aggregate(s=Sum(field))["s"] or 0

    outstanding = Account.objects.filter(member__union__path__startswith=user.org.path).aggregate(
        p=Sum("points"), c=Sum("coins")
    )
    products = []
    for product in products_visible_to(user):
        orders = product.orders.all()
        products.append(
            {
                "product": product,
                "redeemed": orders.exclude(status="refunded").count(),
                "used": orders.filter(status="used").count(),
                "refunded": orders.filter(status="refunded").count(),
            }
        )
    return {
        "points_issued": total("earn", "points"),
        "points_converted": -total("convert", "points"),
        "coins_issued": total("convert", "coins"),
        "coins_redeemed": -total("redeem", "coins"),
        "coins_refunded": total("refund", "coins"),
        "points_expired": -total("expire", "points"),
        "coins_expired": -total("expire", "coins"),
        "points_adjusted": total("adjust", "points"),
        "coins_adjusted": total("adjust", "coins"),
        "points_outstanding": outstanding["p"] or 0,
        "coins_outstanding": outstanding["c"] or 0,
        "products": products,
    }


def dashboard_section(user, year: int):
    """The staff dashboard's points section (all time: a ledger's balance has no year)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import pgettext

    from gonghui.dashboards import selectors as dash

    data = figures(user)
    return dash.Section(
        key="points",
        title=pgettext("points", "Points and coins"),
        figures=[
            dash.Figure(pgettext("points", "Points issued"), data["points_issued"]),
            dash.Figure(pgettext("points", "Points converted"), data["points_converted"]),
            dash.Figure(pgettext("points", "Coins redeemed"), data["coins_redeemed"]),
            dash.Figure(
                pgettext("points", "Expired"), f"{data['points_expired']} / {data['coins_expired']}"
            ),
            dash.Figure(
                _("Outstanding (the federation's liability)"),
                f"{data['points_outstanding']} / {data['coins_outstanding']}",
            ),
        ],
        tables=[
            dash.Table(
                "points_products",
                pgettext("points", "Redemptions and stock"),
                [
                    pgettext("points", "Product"),
                    pgettext("points", "Redemptions"),
                    pgettext("points", "Stock"),
                ],
                [[r["product"].name, r["redeemed"], r["product"].stock] for r in data["products"]],
            )
        ],
    )
