"""The union's own page, the standardisation checklist, the cadre appraisal, the figures
page and the public notice."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.accounts.models import Role
from gonghui.core.switches import service_required
from gonghui.orgs.models import GRASSROOTS_KINDS, Organisation
from gonghui.ratings import selectors, services
from gonghui.ratings.figures import figures as ratings_figures
from gonghui.ratings.models import Appraisal, Programme, StandardItem, Status
from gonghui.ratings.standards import CHECKLIST
from gonghui.ratings.views.common import SERVICE, run


def checklist_of(union) -> list[dict]:
    items = {item.code: item for item in StandardItem.objects.filter(union=union)}
    return [{"code": code, "label": label, "item": items.get(code)} for code, label in CHECKLIST]


@staff_required
@service_required(SERVICE, write=False)
def my_union(request):
    org = request.user.org
    today = timezone.localdate()
    titles = selectors.titles_visible_to(request.user).filter(holder=org)
    checklist = checklist_of(org)
    return render(
        request,
        "ratings/my_union.html",
        {
            "org": org,
            "titles": titles,
            "in_force": set(selectors.in_force(titles, today).values_list("pk", flat=True)),
            "due": set(selectors.reassessment_due(titles, today).values_list("pk", flat=True)),
            "applications": selectors.applications_visible_to(request.user).filter(applicant=org),
            "missing": [row for row in checklist if not (row["item"] and row["item"].done)],
            "programmes": selectors.programmes_visible_to(request.user).filter(active=True),
        },
    )


@staff_required
@service_required(SERVICE, write=False)
def standards(request):
    user = request.user
    if request.method == "POST" and request.service_open:
        if request.POST.get("verify"):
            item = get_object_or_404(
                selectors.standard_items_visible_to(user), pk=request.POST["verify"]
            )
            run(
                request,
                lambda: services.standard_verify(actor=user, item=item),
                pgettext("ratings", "The item has been verified."),
            )
        else:
            for code, _label in CHECKLIST:
                services_set_quietly(request, code)
            from django.contrib import messages

            messages.success(request, pgettext("ratings", "The checklist has been saved."))
        return redirect("staff:ratings_standards")
    own = user.org.kind in GRASSROOTS_KINDS or user.role == Role.TOWN_STAFF
    unions = Organisation.objects.filter(
        path__startswith=user.org.path, kind__in=GRASSROOTS_KINDS
    ).order_by("path")[:200]
    return render(
        request,
        "ratings/standards.html",
        {
            "own": own and user.role in (Role.UNION_STAFF, Role.TOWN_STAFF),
            "checklist": checklist_of(user.org),
            "can_verify": user.role == Role.TOWN_STAFF and request.service_open,
            "unions": [(u, checklist_of(u)) for u in unions]
            if user.role != Role.UNION_STAFF
            else [],
            "coverage": ratings_figures(user)["coverage"],
        },
    )


def services_set_quietly(request, code):
    from django.contrib import messages
    from django.core.exceptions import PermissionDenied, ValidationError

    try:
        services.standard_set(
            actor=request.user,
            union=request.user.org,
            code=code,
            done=request.POST.get(f"done-{code}") == "on",
            note=request.POST.get(f"note-{code}", ""),
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))


@staff_required
@service_required(SERVICE, write=False)
def figures(request):
    return render(request, "ratings/figures.html", {"data": ratings_figures(request.user)})


@staff_required
@service_required(SERVICE, write=False)
def appraisal_list(request):
    appraisals = Appraisal.objects.filter(
        federation_id__in=request.user.org.ancestor_ids
    ).prefetch_related("appraisees__union")
    return render(
        request,
        "ratings/appraisal_list.html",
        {
            "appraisals": appraisals,
            "is_admin": request.user.role == Role.COUNTY_ADMIN and request.service_open,
        },
    )


@require_POST
@staff_required
@service_required(SERVICE)
def appraisal_rank(request, pk):
    appraisal = get_object_or_404(
        Appraisal, pk=pk, federation__path__startswith=request.user.org.path
    )
    run(
        request,
        lambda: services.appraisal_rank(actor=request.user, appraisal=appraisal),
        pgettext("ratings", "The appraisal has been ranked within its quotas."),
    )
    return redirect("staff:ratings_appraisal_list")


def notice(request, pk):
    """The public notice (公示) of a programme, no sign-in: applicants are unions, so their
    names, levels and scores are public."""
    programme = get_object_or_404(Programme, pk=pk)
    rows = programme.applications.filter(status=Status.ON_NOTICE).select_related("applicant")
    named = programme.titles.filter(status="in_force").select_related("holder")[:200]
    return render(
        request, "ratings/notice.html", {"programme": programme, "rows": rows, "named": named}
    )
