"""The coin catalogue: products, redemption, orders (issued → used / expired / refunded).

Redeeming takes the coins and one unit of stock in one transaction, with the member's balance
row locked: stock falls only by a conditional update (`stock > 0`, and a CHECK constraint), so
a product is never oversold; the coins by a ledger entry that cannot take the balance below
zero. An activity voucher also takes a place in the batch's pool reserved for vouchers
(activities' own conditional update) and registers the member there, confirmed: the batch's
other pools and their draw are untouched. A mutual-aid product records a year of accident
cover against the member (shown on their mutual-aid page)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core.db import write_transaction
from gonghui.points import access
from gonghui.points.models import (
    Entry,
    EntryKind,
    Order,
    OrderEvent,
    OrderStatus,
    Product,
    ProductKind,
)
from gonghui.points.services import ledger
from gonghui.points.services.conversion import coins_expire_on

# A voucher's registration still holding its place (else the member cancelled it already).
HOLDS = ("applied", "offered", "confirmed")


def _check_manager(actor, org) -> None:
    if actor is not None and not (access.can_manage(actor) and org.path.startswith(actor.org.path)):
        raise PermissionDenied(_("You may not manage this catalogue."))


def _reserve_voucher_places(batch, org, places: int):
    """Move places of the batch's general pool into its pool reserved for vouchers."""
    from gonghui.activities.models import Pool

    if batch.starts_on <= timezone.localdate():
        raise ValidationError({"batch": _("This batch has started already.")}, code="started")
    taken = Pool.objects.filter(
        batch=batch, org__isnull=True, places__gte=F("taken") + places
    ).update(places=F("places") - places)
    if not taken:
        raise ValidationError(
            {"stock": _("The batch has not that many free places for vouchers.")}, code="places"
        )
    pool, created = Pool.objects.get_or_create(
        batch=batch, org=org, defaults={"places": places, "for_vouchers": True}
    )
    if not created:
        if not pool.for_vouchers:
            raise ValidationError(
                {"batch": _("This batch already has a quota for that organisation.")},
                code="quota",
            )
        Pool.objects.filter(pk=pool.pk).update(places=F("places") + places)
    return pool


def product_create(*, actor, org, kind: str, stock: int, batch=None, **fields) -> Product:
    _check_manager(actor, org)
    if kind not in ProductKind.values:
        raise ValidationError({"kind": _("Choose the kind of product.")}, code="kind")
    if not isinstance(stock, int) or stock < 0:
        raise ValidationError({"stock": _("Stock is a whole number, zero or more.")}, code="stock")
    if kind == ProductKind.VOUCHER and batch is None:
        raise ValidationError({"batch": _("A voucher needs its activity batch.")}, code="batch")
    if (fields.get("price") or 0) <= 0:
        raise ValidationError({"price": _("Give the price in coins (above zero).")}, code="price")
    if fields["valid_until"] < fields["valid_from"]:
        raise ValidationError({"valid_until": _("The sale ends after it starts.")}, code="validity")
    with write_transaction():
        product = Product(org=org, kind=kind, stock=stock, **fields)
        if kind == ProductKind.VOUCHER:
            product.batch = batch
            product.pool = _reserve_voucher_places(batch, org, stock)
        product.save()
    return product


def stock_add(*, actor, product: Product, amount: int) -> Product:
    """Add (or, negative, withdraw unsold) units; a voucher's places move with them."""
    from gonghui.activities.models import Pool

    _check_manager(actor, product.org)
    if not isinstance(amount, int) or amount == 0:
        raise ValidationError({"amount": _("Give the units to add or withdraw.")}, code="amount")
    with write_transaction():
        moved = Product.objects.filter(pk=product.pk, stock__gte=-amount).update(
            stock=F("stock") + amount
        )
        if not moved:
            raise ValidationError(
                {"amount": _("Only unsold units can be withdrawn.")}, code="stock"
            )
        if product.kind == ProductKind.VOUCHER:
            if amount > 0:
                _reserve_voucher_places(product.batch, product.org, amount)
            else:
                Pool.objects.filter(pk=product.pool_id).update(places=F("places") + amount)
                Pool.objects.filter(batch=product.batch, org__isnull=True).update(
                    places=F("places") - amount
                )
    product.refresh_from_db()
    return product


def _event(order, source, target, actor=None, note=""):
    OrderEvent.objects.create(
        order=order,
        from_status=source,
        to_status=target,
        actor=actor if getattr(actor, "pk", None) else None,
        note=note[:255],
    )


def _voucher_registration(product: Product, member, today):
    from gonghui.activities.models import Pool, Registration, RegistrationEvent, RegStatus
    from gonghui.activities.services.programmes import ineligibility
    from gonghui.activities.services.registrations import _move

    batch = product.batch
    if batch.starts_on <= today:
        raise ValidationError(_("This batch has started already."), code="started")
    reasons = ineligibility(batch, member, today=today)
    if reasons:
        raise ValidationError(reasons, code="ineligible")
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                programme=batch.programme,
                batch=batch,
                pool_id=product.pool_id,
                member=member,
                status=RegStatus.APPLIED,
            )
    except IntegrityError:
        raise ValidationError(
            _("You already hold a registration in this programme (one place per member)."),
            code="twice",
        ) from None
    RegistrationEvent.objects.create(
        registration=registration, action="apply", to_status=RegStatus.APPLIED
    )
    if not Pool.objects.filter(pk=product.pool_id, taken__lt=F("places")).update(
        taken=F("taken") + 1
    ):
        raise ValidationError(pgettext("points", "Sold out."), code="sold_out")
    _move(registration, "allot_now", note=pgettext("points", "coin voucher"))
    return registration


def redeem(*, member, product: Product, key: str, actor=None, today=None) -> Order:
    """Buy one unit with coins. Idempotent on `key` (a retried request finds its order)."""
    today = today or timezone.localdate()
    with write_transaction():
        ledger.account_for_update(member)
        done = Entry.objects.filter(key=key).first()
        if done is not None:
            return Order.objects.get(pk=done.source_id)
        product = Product.objects.get(pk=product.pk)
        if not product.active or not (product.valid_from <= today <= product.valid_until):
            raise ValidationError(_("This product is not on sale."), code="not_on_sale")
        have = ledger.balance(member)["coins"]
        if have < product.price:
            raise ValidationError(
                _("Not enough coins: you have %(have)d, this needs %(need)d.")
                % {"have": have, "need": product.price},
                code="coins",
            )
        held = (
            Order.objects.filter(member=member, product=product)
            .exclude(status=OrderStatus.REFUNDED)
            .count()
        )
        if held >= product.per_member_limit:
            raise ValidationError(
                _("You may redeem this product %(limit)d times at most.")
                % {"limit": product.per_member_limit},
                code="limit",
            )
        if not Product.objects.filter(pk=product.pk, stock__gt=0).update(stock=F("stock") - 1):
            raise ValidationError(pgettext("points", "Sold out."), code="sold_out")
        order = Order(
            member=member,
            product=product,
            price=product.price,
            valid_until=today + datetime.timedelta(days=product.order_valid_days),
        )
        if product.kind == ProductKind.VOUCHER:
            order.registration = _voucher_registration(product, member, today)
            order.valid_until = product.batch.ends_on
        elif product.kind == ProductKind.MUTUAL_AID:
            order.status = OrderStatus.USED
            order.cover_from = today
            order.cover_until = today.replace(year=today.year + 1) - datetime.timedelta(days=1)
        order.save()
        _event(order, "", OrderStatus.ISSUED, actor or getattr(member, "user", None))
        if order.status == OrderStatus.USED:
            _event(
                order,
                OrderStatus.ISSUED,
                OrderStatus.USED,
                note=pgettext("points", "cover recorded"),
            )
        ledger.post(
            member=member,
            kind=EntryKind.REDEEM,
            key=key,
            reason=product.name,
            coins=-product.price,
            source="order",
            source_id=order.pk,
            actor=actor,
        )
    return order


def _move(order: Order, target: str, *, actor=None, note="") -> None:
    source = OrderStatus.ISSUED
    if not Order.objects.filter(pk=order.pk, status=source).update(
        status=target, updated_at=timezone.now()
    ):
        raise ValidationError(
            _("This order is %(status)s; nothing was changed.")
            % {"status": Order.objects.get(pk=order.pk).get_status_display()},
            code="stale",
        )
    order.status = target
    _event(order, source, target, actor, note)


def order_use(*, actor, order: Order) -> Order:
    """Staff hand over the goods (the order's QR scanned or its code typed)."""
    _check_manager(actor, order.product.org)
    if order.valid_until < timezone.localdate():
        raise ValidationError(_("This order has expired."), code="expired")
    with write_transaction():
        _move(order, OrderStatus.USED, actor=actor)
    return order


def order_refund(*, actor, order: Order, reason: str = "") -> Order:
    """Give the coins and the unit back (the member for their own issued order, or staff
    with a reason); a voucher's registration is cancelled and its place goes back."""
    from gonghui.activities.services.registrations import registration_cancel

    is_own = getattr(order.member, "user_id", None) == getattr(actor, "pk", None)
    if actor is not None and not is_own:
        _check_manager(actor, order.product.org)
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Give the reason for the refund.")}, code="reason")
    with write_transaction():
        ledger.account_for_update(order.member)
        _move(order, OrderStatus.REFUNDED, actor=actor, note=reason)
        Product.objects.filter(pk=order.product_id).update(stock=F("stock") + 1)
        if order.registration_id and order.registration.status in HOLDS:
            registration_cancel(actor=None, registration=order.registration, reason=reason)
        ledger.post(
            member=order.member,
            kind=EntryKind.REFUND,
            key=f"order:{order.pk}:refund",
            reason=_("Refund: %(product)s") % {"product": order.product.name},
            coins=order.price,
            source="order",
            source_id=order.pk,
            actor=actor,
            expires_on=coins_expire_on(timezone.localdate()),
        )
    return order


def order_by_code(code: str) -> Order | None:
    code = (code or "").strip().upper()
    return Order.objects.select_related("product__org", "member__union").filter(code=code).first()


def orders_expire(*, today=None) -> int:
    """Issued orders past their validity expire (the coins stay spent)."""
    today = today or timezone.localdate()
    count = 0
    for order in Order.objects.filter(status=OrderStatus.ISSUED, valid_until__lt=today):
        try:
            with write_transaction():
                _move(order, OrderStatus.EXPIRED, note=_("not used in time"))
        except ValidationError:
            continue
        count += 1
    return count
