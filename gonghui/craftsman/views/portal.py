"""The worker's phone pages under /m/craftsman/: open schemes, apply with evidence, the score
and its trace, one appeal, the titles held and what they bring."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import member_required
from gonghui.core.imports import error_text
from gonghui.core.switches import service_required
from gonghui.craftsman import forms, selectors, services
from gonghui.craftsman.models import ContestResult, Honour, SchemeStatus
from gonghui.craftsman.rewards import entitlements
from gonghui.craftsman.views.certificates import certificate_response
from gonghui.orgs import selectors as org_selectors

SERVICE = "craftsman"


def _me(request):
    return org_selectors.members_visible_to(request.user).select_related("union").get()


def item_choices(rules):
    return [
        (f"{section.code}.{item.code}", f"{section.name} · {item.name}（{item.points:g} 分）")
        for section in rules.sections
        for item in section.items
    ]


@member_required
@service_required(SERVICE, write=False)
def home(request):
    member = _me(request)
    applications = selectors.applications_visible_to(request.user)
    applied = set(applications.values_list("scheme_id", flat=True))
    schemes = [
        s
        for s in selectors.schemes_visible_to(request.user).filter(status=SchemeStatus.OPEN)
        if s.pk not in applied
    ]
    honours = Honour.objects.filter(member=member).order_by("-year")
    return render(
        request,
        "craftsman/portal/home.html",
        {
            "schemes": schemes if request.service_open else [],
            "applications": applications,
            "honours": [(h, entitlements(h)) for h in honours],
        },
    )


@member_required
@service_required(SERVICE)
def apply(request, pk):
    scheme = get_object_or_404(
        selectors.schemes_visible_to(request.user).filter(status=SchemeStatus.OPEN), pk=pk
    )
    rules = selectors.rules_of(selectors.current_version(scheme))
    form = forms.ApplyForm(request.POST or None, request.FILES or None, items=item_choices(rules))
    member = _me(request)
    names = dict(item_choices(rules))
    results = [
        (result, names[result.item])
        for result in ContestResult.objects.filter(member=member).select_related("contest")
        if result.item in names
    ]
    if request.method == "POST" and form.is_valid():
        chosen = set(request.POST.getlist("contest_result"))
        from_contests = [services.result_as_line(r) for r, _n in results if str(r.pk) in chosen]
        try:
            application = services.application_apply(
                actor=request.user,
                scheme=scheme,
                member=member,
                service_years=form.cleaned_data["service_years"],
                lines=from_contests + form.lines(),
                consent_notice=form.cleaned_data["consent_notice"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Your application is in. Here is your score."))
            return redirect("craftsman_portal:application", pk=application.pk)
    return render(
        request,
        "craftsman/portal/apply.html",
        {"scheme": scheme, "form": form, "rules": rules, "results": results},
    )


@member_required
@service_required(SERVICE, write=False)
def application(request, pk):
    item = get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)
    rules = selectors.rules_of(item.version)
    names = dict(item_choices(rules))
    lines = [(line, names.get(line.item, line.item)) for line in item.lines.all()]
    appeal = getattr(item, "appeal", None)
    return render(
        request,
        "craftsman/portal/application.html",
        {
            "application": item,
            "lines": lines,
            "appeal": appeal,
            "can_appeal": appeal is None and any(line.refused_reason for line, _n in lines),
            "sections": [(s.name, item.sections.get(s.code), s.cap) for s in rules.sections],
        },
    )


@require_POST
@member_required
@service_required(SERVICE, write=False)
def appeal(request, pk):
    item = get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)
    line = get_object_or_404(item.lines, number=request.POST.get("line") or 0)
    try:
        services.appeal_file(actor=request.user, line=line, reason=request.POST.get("reason", ""))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, _("Your appeal has been sent."))
    return redirect("craftsman_portal:application", pk=item.pk)


@member_required
def certificate(request, pk):
    """The member's own certificate (readable while the service is off)."""
    honour = get_object_or_404(Honour.objects.filter(member=_me(request)), pk=pk)
    return certificate_response(request, honour)
