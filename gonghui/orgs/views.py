from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.accounts.decorators import staff_required
from gonghui.core.audit import log_access
from gonghui.core.exports import list_export
from gonghui.core.imports import error_text
from gonghui.core.jobs import import_job_create
from gonghui.core.models import AccessLog
from gonghui.core.search import page_query, search_data
from gonghui.orgs import exports, selectors, services
from gonghui.orgs.forms import EnterpriseForm, ImportForm, MemberForm, MemberSearchForm
from gonghui.orgs.models import FEDERATION_KINDS

PAGE_SIZE = 30


@staff_required
def member_list(request):
    """The search form is POSTed so that a full ID number never lands in a URL (server logs,
    browser history); pagination links carry the other filters."""
    data = search_data(request)
    form = MemberSearchForm(data or None, unions=selectors.unions_visible_to(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    members = selectors.member_search(
        request.user,
        query=filters.get("q", ""),
        union_id=filters["union"].pk if filters.get("union") else None,
        status=filters.get("status", ""),
        employment_group=filters.get("group", ""),
    )
    if response := list_export(request, exports.MEMBERS, members):
        return response
    page = Paginator(members, PAGE_SIZE).get_page(data.get("page"))
    query = page_query(data, ("q", "union", "status", "group"))
    return render(
        request,
        "orgs/member_list.html",
        {"form": form, "page": page, "query": query, "total": page.paginator.count},
    )


@staff_required
def member_detail(request, pk):
    member = get_object_or_404(
        selectors.members_visible_to(request.user).select_related("union", "enterprise"), pk=pk
    )
    reveal = request.GET.get("reveal") == "1" and roles.can_view_sensitive(request.user)
    if request.GET.get("reveal") == "1" and not reveal:
        raise PermissionDenied
    if reveal:
        log_access(
            request=request,
            action=AccessLog.Action.VIEW_ID_NUMBER,
            subject=member,
            org=member.union,
        )
        if member.bank_card:
            log_access(
                request=request,
                action=AccessLog.Action.VIEW_BANK_CARD,
                subject=member,
                org=member.union,
            )
    return render(
        request,
        "orgs/member_detail.html",
        {
            "member": member,
            "reveal": reveal,
            "can_reveal": roles.can_view_sensitive(request.user),
            "can_edit": roles.can_edit_members(request.user),
        },
    )


def _member_form(request, data=None, instance=None):
    return MemberForm(
        data,
        instance=instance,
        unions=selectors.unions_visible_to(request.user),
        enterprises=selectors.enterprises_visible_to(request.user).filter(union__isnull=False),
    )


@staff_required
def member_edit(request, pk=None):
    if not roles.can_edit_members(request.user):
        raise PermissionDenied
    member = None
    if pk is not None:
        member = get_object_or_404(selectors.members_visible_to(request.user), pk=pk)
    form = _member_form(request, request.POST or None, member)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.MEMBER_FIELDS}
        try:
            if member is None:
                member = services.member_create(
                    actor=request.user, id_number=form.cleaned_data["id_number"], **data
                )
                messages.success(request, _("The member has been added."))
            else:
                services.member_update(
                    actor=request.user,
                    member=member,
                    id_number=form.cleaned_data["id_number"],
                    **data,
                )
                messages.success(request, _("The member record has been saved."))
            return redirect("staff:member_detail", pk=member.pk)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
    return render(request, "orgs/member_form.html", {"form": form, "member": member})


@staff_required
def member_import(request):
    if not roles.can_edit_members(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_job_create(
            actor=request.user, kind="members", upload=form.cleaned_data["file"]
        )
        return redirect("staff:import_job", pk=job.pk)
    return render(request, "orgs/member_import.html", {"form": form})


@staff_required
def org_list(request):
    orgs = selectors.orgs_visible_to(request.user).select_related("parent")
    counts = selectors.member_counts_by_union(request.user)
    rows = [(org, counts.get(org.pk, 0), org.depth - request.user.org.depth) for org in orgs]
    if response := list_export(request, exports.ORGANISATIONS, rows):
        return response
    return render(request, "orgs/org_list.html", {"rows": rows})


@staff_required
def enterprise_list(request):
    enterprises = selectors.enterprises_visible_to(request.user).select_related("union", "area")
    query = request.GET.get("q", "").strip()
    if query:
        enterprises = enterprises.filter(name__contains=query)
    # Filters the dashboard's drill-down links use: size and whether a union covers it.
    min_staff = request.GET.get("min_staff", "")
    if min_staff.isdigit():
        enterprises = enterprises.filter(staff_count__gte=int(min_staff))
    covered = request.GET.get("covered", "")
    if covered in ("yes", "no"):
        enterprises = enterprises.filter(union__isnull=covered == "no")
    if response := list_export(request, exports.ENTERPRISES, enterprises):
        return response
    page = Paginator(enterprises, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = QueryDict(mutable=True)
    for name, value in (("q", query), ("min_staff", min_staff), ("covered", covered)):
        if value:
            filters[name] = value
    return render(
        request,
        "orgs/enterprise_list.html",
        {
            "page": page,
            "q": query,
            "query": filters.urlencode(),
            "min_staff": min_staff,
            "covered": covered,
            "can_edit": roles.can_edit_members(request.user),
        },
    )


@staff_required
def enterprise_edit(request, pk=None):
    if not roles.can_edit_members(request.user):
        raise PermissionDenied
    enterprise = None
    if pk is not None:
        enterprise = get_object_or_404(selectors.enterprises_visible_to(request.user), pk=pk)
    visible = selectors.orgs_visible_to(request.user)
    form = EnterpriseForm(
        request.POST or None,
        instance=enterprise,
        unions=selectors.unions_visible_to(request.user),
        areas=visible.filter(kind__in=FEDERATION_KINDS),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.enterprise_save(
                actor=request.user,
                enterprise=enterprise,
                **{name: form.cleaned_data[name] for name in EnterpriseForm.Meta.fields},
            )
            messages.success(request, _("The enterprise has been saved."))
            return redirect("staff:enterprise_list")
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
    return render(request, "orgs/enterprise_form.html", {"form": form, "enterprise": enterprise})


@staff_required
def coverage(request):
    return render(
        request, "orgs/coverage.html", {"figures": selectors.coverage_figures(request.user)}
    )
