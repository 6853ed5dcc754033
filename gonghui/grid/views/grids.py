"""Grids by town with their coverage (unions with a grid, enterprises covered, grid members
trained), and the import from Excel."""

from django.db.models import Count, Q
from django.shortcuts import redirect, render

from gonghui.accounts.decorators import staff_required
from gonghui.core.jobs import import_job_create
from gonghui.core.switches import service_required
from gonghui.grid import selectors
from gonghui.grid.models import GridMember
from gonghui.grid.services.grids import KEEPERS
from gonghui.grid.services.importing import COLUMNS
from gonghui.orgs.forms import ImportForm
from gonghui.orgs.models import Enterprise, Organisation


def coverage(user) -> list[dict]:
    path = user.org.path
    towns = Organisation.objects.filter(path__startswith=path, kind__in=("town", "street",
                                                                         "industry"))  # fmt: skip
    unions = Organisation.objects.filter(path__startswith=path, kind__in=("single", "joint"))
    per_town = {
        row["parent_id"]: row
        for row in unions.values("parent_id").annotate(
            unions=Count("id"), with_grid=Count("id", filter=Q(grid__isnull=False))
        )
    }
    enterprises = {
        row["union__parent_id"]: row
        for row in Enterprise.objects.filter(union__path__startswith=path)
        .values("union__parent_id")
        .annotate(
            n=Count("id"),
            covered=Count("id", filter=Q(grid_member__isnull=False)),
            trained=Count("id", filter=Q(grid_member__trained=True)),
        )  # fmt: skip
    }
    rows = []
    for town in towns:
        u, e = per_town.get(town.pk, {}), enterprises.get(town.pk, {})
        rows.append({"town": town, "unions": u.get("unions", 0),
                     "with_grid": u.get("with_grid", 0), "enterprises": e.get("n", 0),
                     "covered": e.get("covered", 0), "trained": e.get("trained", 0)})  # fmt: skip
    return rows


@staff_required
@service_required("grid", write=False)
def grid_list(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    can_import = request.user.role in KEEPERS and request.service_open
    if request.method == "POST" and can_import and form.is_valid():
        job = import_job_create(actor=request.user, kind="grid_grids",
                                upload=form.cleaned_data["file"])  # fmt: skip
        return redirect("staff:import_job", pk=job.pk)
    grids = selectors.grids_visible_to(request.user).annotate(
        n_members=Count("grid_members", distinct=True),
        n_micro=Count("micro_members", distinct=True),
    )[:300]
    members = GridMember.objects.filter(grid__in=[g.pk for g in grids]).select_related(
        "member", "enterprise", "grid"
    )
    return render(
        request,
        "grid/staff/grids.html",
        {
            "coverage": coverage(request.user),
            "grids": grids,
            "members": members,
            "form": form,
            "can_import": can_import,
            "columns": COLUMNS,
        },
    )
