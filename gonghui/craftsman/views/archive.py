"""Skill contests and the honours archive: staff lists with figures and Excel imports, and the
public showcase (匠心馆) of a federation's honours."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render

from gonghui.accounts.decorators import staff_required
from gonghui.core.exports import list_export
from gonghui.core.jobs import import_job_create
from gonghui.craftsman import exports, forms
from gonghui.craftsman.models import Contest, ContestResult, Honour, HonourLevel
from gonghui.craftsman.services.importing import KEEPERS
from gonghui.orgs.forms import ImportForm
from gonghui.orgs.models import Organisation


def contests_visible_to(user):
    path = user.org.path
    ancestors = [int(p) for p in path.strip("/").split("/") if p]
    return Contest.objects.filter(federation_id__in=ancestors) | Contest.objects.filter(
        federation__path__startswith=path
    )


def contest_figures(contests) -> dict:
    results = ContestResult.objects.filter(contest__in=contests)
    return {
        "contests": contests.count(),
        "contestants": results.values("member").distinct().count(),
        "results": results.count(),
        "trades": contests.values("trade").distinct().count(),
    }


@staff_required
def contest_list(request):
    contests = contests_visible_to(request.user).annotate(n=Count("results")).order_by("-date")
    year = request.GET.get("year", "")
    if year.isdigit():
        contests = contests.filter(date__year=int(year))
    form = ImportForm(request.POST or None, request.FILES or None)
    can_import = request.user.role in KEEPERS
    if request.method == "POST" and can_import and form.is_valid():
        job = import_job_create(
            actor=request.user, kind="craftsman_contests", upload=form.cleaned_data["file"]
        )
        return redirect("staff:import_job", pk=job.pk)
    return render(
        request,
        "craftsman/contest_list.html",
        {
            "page": Paginator(contests, 50).get_page(request.GET.get("page")),
            "figures": contest_figures(contests),
            "form": form,
            "can_import": can_import,
            "year": year,
        },
    )


@staff_required
def honour_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.user.role in KEEPERS and form.is_valid():
        job = import_job_create(
            actor=request.user, kind="craftsman_honours", upload=form.cleaned_data["file"]
        )
        return redirect("staff:import_job", pk=job.pk)
    return render(request, "craftsman/honour_import.html", {"form": form})


def showcase(request, pk):
    """The public showcase (匠心馆): the federation's honours by level and year, names only."""
    federation = get_object_or_404(Organisation.objects.filter(parent__isnull=True), pk=pk)
    honours = Honour.objects.filter(
        federation__path__startswith=federation.path, revoked_at__isnull=True
    ).order_by("-year", "level", "holder_name")
    level = request.GET.get("level", "")
    if level in HonourLevel.values:
        honours = honours.filter(level=level)
    return render(
        request,
        "craftsman/public/showcase.html",
        {
            "federation": federation,
            "page": Paginator(honours, 60).get_page(request.GET.get("page")),
            "levels": HonourLevel.choices,
            "level": level,
        },
    )


__all__ = ["exports", "forms", "list_export"]
