"""Staff pages under /staff/points/: figures, the ledger (search by member, adjust, four-eyes
approvals), the catalogue and stock, orders (use by code, refund), conversion rates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.core import exports as core_exports
from gonghui.core.imports import error_text
from gonghui.core.switches import service_required
from gonghui.orgs.models import Member
from gonghui.points import access, exports, forms, selectors
from gonghui.points import services as points_services
from gonghui.points.models import Adjustment, Order, Rate
from gonghui.points.services import adjust, catalogue, conversion

KEY = "points"


def _refusal(request, exc) -> None:
    messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))


def _readable(request):
    if not access.can_read(request.user):
        raise PermissionDenied


def _federation(user):
    from gonghui.orgs.models import Organisation

    return Organisation.objects.get(pk=user.org.ancestor_ids[0])


@staff_required
@service_required(KEY, write=False)
def home(request):
    _readable(request)
    federation = _federation(request.user)
    return render(
        request,
        "points/staff/home.html",
        {
            "figures": selectors.figures(request.user),
            "rate": conversion.current_rate(federation),
            "rates": Rate.objects.filter(federation=federation)[:10],
            "rate_form": forms.RateForm(),
            "can_manage": access.can_manage(request.user) and request.service_open,
        },
    )


@staff_required
@service_required(KEY, write=False)
def ledger(request):
    _readable(request)
    query = request.GET.get("q", "")
    entries = selectors.entries_visible_to(request.user)
    member = None
    if request.GET.get("member"):
        member = get_object_or_404(
            Member.objects.filter(union__path__startswith=request.user.org.path),
            pk=request.GET["member"],
        )
        entries = entries.filter(member=member)
    if response := core_exports.list_export(request, exports.ENTRIES, entries):
        return response
    return render(
        request,
        "points/staff/ledger.html",
        {
            "q": query,
            "found": selectors.members_found(request.user, query),
            "member": member,
            "balance": points_services.balance(member) if member else None,
            "entries": entries[:200],
            "pending": selectors.pending_adjustments(request.user),
            "form": forms.AdjustForm(),
            "can_adjust": access.can_adjust(request.user) and request.service_open,
            "can_approve": access.can_approve(request.user) and request.service_open,
        },
    )


@require_POST
@staff_required
@service_required(KEY)
def adjust_create(request, member_pk):
    member = get_object_or_404(
        Member.objects.filter(union__path__startswith=request.user.org.path), pk=member_pk
    )
    form = forms.AdjustForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give whole numbers of points and coins, and the reason."))
    else:
        try:
            made = adjust.adjust_request(actor=request.user, member=member, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            messages.success(
                request,
                pgettext("points", "Correction posted.")
                if made.status == "applied"
                else _("Above the threshold: the correction waits for a second staff member."),
            )
    return redirect(f"{reverse('staff:points_ledger')}?member={member.pk}")


@require_POST
@staff_required
@service_required(KEY)
def adjust_decide(request, pk, action):
    adjustment = get_object_or_404(Adjustment, pk=pk)
    try:
        adjust.adjust_decide(actor=request.user, adjustment=adjustment, approve=action == "approve")
    except (ValidationError, PermissionDenied) as exc:
        _refusal(request, exc)
    else:
        messages.success(request, pgettext("points", "Decision recorded."))
    return redirect("staff:points_ledger")


@staff_required
@service_required(KEY, write=False)
def products(request):
    _readable(request)
    rows = selectors.products_visible_to(request.user)
    if response := core_exports.list_export(request, exports.PRODUCTS, rows):
        return response
    return render(
        request,
        "points/staff/products.html",
        {
            "products": rows,
            "can_manage": access.can_manage(request.user) and request.service_open,
        },
    )


def _batches(user):
    from gonghui.activities.models import Batch

    return Batch.objects.filter(
        programme__org__path__startswith=user.org.path, starts_on__gt=timezone.localdate()
    ).select_related("programme")


@staff_required
@service_required(KEY)
def product_create(request):
    if not access.can_manage(request.user):
        raise PermissionDenied
    batches = _batches(request.user)
    form = forms.ProductForm(request.POST or None, batches=batches)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        batch_id = data.pop("batch")
        batch = batches.filter(pk=batch_id).first() if batch_id else None
        try:
            catalogue.product_create(actor=request.user, org=request.user.org, batch=batch, **data)
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            messages.success(request, pgettext("points", "Product saved."))
            return redirect("staff:points_products")
    return render(
        request,
        "points/staff/form.html",
        {"form": form, "title": pgettext("points", "New product"), "back": "staff:points_products"},
    )


@require_POST
@staff_required
@service_required(KEY)
def stock(request, pk):
    product = get_object_or_404(selectors.products_visible_to(request.user), pk=pk)
    try:
        amount = int(request.POST.get("amount", ""))
        catalogue.stock_add(actor=request.user, product=product, amount=amount)
    except ValueError:
        messages.error(request, _("Give the units to add or withdraw."))
    except (ValidationError, PermissionDenied) as exc:
        _refusal(request, exc)
    else:
        messages.success(request, pgettext("points", "Stock changed."))
    return redirect("staff:points_products")


@staff_required
@service_required(KEY, write=False)
def orders(request):
    _readable(request)
    rows = selectors.orders_visible_to(request.user)
    status = request.GET.get("status", "")
    if status:
        rows = rows.filter(status=status)
    if response := core_exports.list_export(request, exports.ORDERS, rows):
        return response
    return render(
        request,
        "points/staff/orders.html",
        {
            "orders": rows[:300],
            "status": status,
            "statuses": Order._meta.get_field("status").choices,
            "can_manage": access.can_manage(request.user) and request.service_open,
        },
    )


@require_POST
@staff_required
@service_required(KEY)
def order_use(request):
    order = catalogue.order_by_code(request.POST.get("code", ""))
    if order is None:
        messages.error(request, _("No order has this code."))
    else:
        try:
            catalogue.order_use(actor=request.user, order=order)
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            messages.success(
                request,
                _("%(product)s handed to %(name)s.")
                % {"product": order.product.name, "name": order.member.name},
            )
    return redirect("staff:points_orders")


@require_POST
@staff_required
@service_required(KEY)
def order_refund(request, pk):
    order = get_object_or_404(selectors.orders_visible_to(request.user), pk=pk)
    try:
        catalogue.order_refund(
            actor=request.user, order=order, reason=request.POST.get("reason", "")
        )
    except (ValidationError, PermissionDenied) as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Refunded: the coins are back."))
    return redirect("staff:points_orders")


@require_POST
@staff_required
@service_required(KEY)
def rate_set(request):
    form = forms.RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the points per coin and the day the rate starts."))
    else:
        try:
            conversion.rate_set(
                actor=request.user, federation=_federation(request.user), **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            messages.success(request, pgettext("points", "New rate saved."))
    return redirect("staff:points_home")
