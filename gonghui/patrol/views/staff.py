"""Staff pages under /staff/patrol/: routes with their checkpoints (an SVG sketch drawn from
their positions) and slots, the review queue, a patrol, the route import and the rules."""

import datetime

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.core.imports import error_text
from gonghui.core.switches import service_required
from gonghui.patrol import access, forms, geo, selectors
from gonghui.patrol.models import Status
from gonghui.patrol.services import imports, review, routes
from gonghui.patrol.services.common import rules_for
from gonghui.patrol.workflow import ACTION_LABELS

KEY = "patrol"


def _refusal(request, exc) -> None:
    messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))


def _readable(request):
    if not access.can_read(request.user):
        raise PermissionDenied


@staff_required
@service_required(KEY, write=False)
def home(request):
    _readable(request)
    now = timezone.now()
    rows = selectors.routes_visible_to(request.user).annotate(
        checkpoint_count=Count("checkpoints", distinct=True),
        upcoming=Count("slots", filter=Q(slots__starts_at__gt=now), distinct=True),
    )
    return render(
        request,
        "patrol/staff/home.html",
        {
            "routes": rows,
            "waiting": selectors.review_queue(request.user).count(),
            "can_organise": request.service_open and access.can_organise(request.user),
            "can_set_rules": access.can_set_rules(request.user),
        },
    )


@staff_required
@service_required(KEY)
def route_create(request):
    if not access.can_organise(request.user):
        raise PermissionDenied
    form = forms.RouteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            route = routes.route_create(
                actor=request.user, org=request.user.org, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            return redirect("staff:patrol_route", route.pk)
    return render(request, "patrol/staff/form.html", {"form": form, "title": _("New route")})


def sketch(checkpoints) -> dict:
    points = geo.sketch([(float(c.lat), float(c.lng)) for c in checkpoints])
    marks = [
        {"x": x, "y": y, "n": c.position, "name": c.name}
        for (x, y), c in zip(points, checkpoints, strict=True)
    ]
    return {"marks": marks, "line": " ".join(f"{m['x']},{m['y']}" for m in marks)}


@staff_required
@service_required(KEY, write=False)
def route_detail(request, pk):
    _readable(request)
    route = get_object_or_404(selectors.routes_visible_to(request.user), pk=pk)
    user = request.user
    can_organise = request.service_open and access.can_organise(user)
    checkpoint_form = forms.CheckpointForm(prefix="cp")
    today = timezone.localdate()
    slots_form = forms.SlotsForm(
        prefix="sl",
        initial={"first": today, "last": today + datetime.timedelta(days=6),
                 "capacity": rules_for(route.org).capacity},
    )  # fmt: skip
    if request.method == "POST":
        if not can_organise:
            raise PermissionDenied
        if "cp-name" in request.POST:
            checkpoint_form = forms.CheckpointForm(request.POST, prefix="cp")
            if checkpoint_form.is_valid():
                try:
                    routes.checkpoint_add(actor=user, route=route, **checkpoint_form.cleaned_data)
                except (ValidationError, PermissionDenied) as exc:
                    _refusal(request, exc)
                else:
                    messages.success(request, _("The checkpoint is added."))
                    return redirect("staff:patrol_route", route.pk)
        else:
            slots_form = forms.SlotsForm(request.POST, prefix="sl")
            if slots_form.is_valid():
                try:
                    added = routes.slots_generate(
                        actor=user, route=route, **slots_form.cleaned_data
                    )
                except (ValidationError, PermissionDenied) as exc:
                    _refusal(request, exc)
                else:
                    messages.success(request, _("%(n)d slots added.") % {"n": added})
                    return redirect("staff:patrol_route", route.pk)
    checkpoints = list(route.checkpoints.all())
    for checkpoint in checkpoints:
        checkpoint.qr = segno.make_qr(checkpoint.code, error="m").svg_inline(scale=2, border=1)
    slots = route.slots.filter(ends_at__gt=timezone.now()).order_by("starts_at")[:60]
    return render(
        request,
        "patrol/staff/route.html",
        {
            "route": route,
            "checkpoints": checkpoints,
            "sketch": sketch(checkpoints),
            "slots": slots,
            "can_organise": can_organise,
            "checkpoint_form": checkpoint_form,
            "slots_form": slots_form,
        },
    )


@staff_required
@service_required(KEY, write=False)
def review_queue(request):
    _readable(request)
    rows = selectors.review_queue(request.user)
    return render(
        request,
        "patrol/staff/review.html",
        {
            "patrols": rows[:200],
            "total": rows.count(),
            "can_review": request.service_open and access.can_review(request.user),
        },
    )


@staff_required
@service_required(KEY, write=False)
def patrol_detail(request, pk):
    _readable(request)
    patrol = get_object_or_404(selectors.patrols_visible_to(request.user), pk=pk)
    passes = {p.checkpoint_id: p for p in patrol.passes.all()}
    rows = [{"checkpoint": c, "passed": passes.get(c.pk)} for c in patrol.route.checkpoints.all()]
    events = [
        {"event": e, "label": ACTION_LABELS.get(e.action, e.action)}
        for e in patrol.events.select_related("actor")
    ]
    return render(
        request,
        "patrol/staff/patrol.html",
        {
            "patrol": patrol,
            "rows": rows,
            "events": events,
            "can_review": request.service_open
            and access.can_review(request.user)
            and patrol.status == Status.REVIEW,
        },
    )


@require_POST
@staff_required
@service_required(KEY)
def patrol_step(request, pk, action):
    patrol = get_object_or_404(selectors.patrols_visible_to(request.user), pk=pk)
    try:
        if action == "approve":
            review.patrol_approve(actor=request.user, patrol=patrol)
        elif action == "reject":
            review.patrol_reject(
                actor=request.user, patrol=patrol, reason=request.POST.get("reason", "")
            )
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Done: %(ref)s, %(name)s.")
                         % {"ref": patrol.reference, "name": patrol.member.name})  # fmt: skip
    if request.POST.get("next") == "patrol":
        return redirect("staff:patrol_patrol", patrol.pk)
    return redirect("staff:patrol_review")


@staff_required
@service_required(KEY)
def route_import(request):
    if not access.can_organise(request.user):
        raise PermissionDenied
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = imports.routes_import(actor=request.user, source=form.cleaned_data["file"])
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            if report.applied:
                messages.success(
                    request,
                    _("%(routes)d routes with %(checkpoints)d checkpoints imported.")
                    % {"routes": report.summary.get("routes", 0),
                       "checkpoints": report.summary.get("checkpoints", 0)},
                )  # fmt: skip
                return redirect("staff:patrol_home")
    return render(request, "patrol/staff/import.html", {"form": form, "report": report})


@staff_required
@service_required(KEY)
def rules(request):
    if not access.can_set_rules(request.user):
        raise PermissionDenied
    current = rules_for(request.user.org)
    initial = {name: getattr(current, name) for name in forms.RulesForm.base_fields}
    form = forms.RulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            routes.rules_save(actor=request.user, federation=request.user.org, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            messages.success(request, _("The patrol rules are saved."))
            return redirect("staff:patrol_home")
    return render(request, "patrol/staff/form.html", {"form": form, "title": _("Patrol rules")})


def _period(request) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    try:
        first = datetime.date.fromisoformat(request.GET.get("first", ""))
    except ValueError:
        first = today - datetime.timedelta(days=30)
    try:
        last = datetime.date.fromisoformat(request.GET.get("last", ""))
    except ValueError:
        last = today
    if last < first:
        first, last = last, first
    return first, last


@staff_required
@service_required(KEY, write=False)
def figures_page(request):
    from gonghui.core import exports as core_exports
    from gonghui.patrol import figures

    _readable(request)
    first, last = _period(request)
    data = figures.figures(request.user, first, last)
    tables = [
        ("route", _("By route"), pgettext("patrol", "Route"), data["by_route"]),
        ("slot", _("By slot time"), pgettext("patrol", "Slot"), data["by_slot"]),
        ("town", pgettext("patrol", "By town"), pgettext("patrol", "Town"), data["by_town"]),
        ("enterprise", _("By enterprise"), pgettext("patrol", "Enterprise"), data["by_enterprise"]),
    ]
    wanted = request.GET.get("export", "")
    for key, title, label, rows in tables:
        if wanted == key:
            columns = [
                core_exports.Column(str(label), 24),
                core_exports.Column(str(pgettext("patrol", "Patrols")), 10),
                core_exports.Column(str(_("Hours")), 10),
            ]
            content = core_exports.table_xlsx(str(title), columns, rows)
            return core_exports.xlsx_response(
                content, f"{_('Patrol figures')}-{key}-{first}-{last}.xlsx"
            )
    return render(request, "patrol/staff/figures.html", {"data": data, "tables": tables})
