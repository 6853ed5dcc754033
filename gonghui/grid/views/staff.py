"""Staff pages under /staff/grid/ (names grid_*): the cases with their colours, filing (the
grid member on the phone), one case's file and its steps, the full view of a party (logged)."""

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from gonghui.accounts import roles
from gonghui.accounts.decorators import second_factor_missing
from gonghui.core.audit import log_access
from gonghui.core.exports import list_export
from gonghui.core.imports import error_text
from gonghui.core.models import AccessLog
from gonghui.core.switches import service_required
from gonghui.deadlines.selectors import state_of
from gonghui.grid import exports, forms, selectors
from gonghui.grid.models import Kind, Level, Party, Severity, Status
from gonghui.grid.services import agreements, casefile, cases
from gonghui.grid.services.deadlines import current_deadline
from gonghui.grid.views.qr import track_qr
from gonghui.grid.workflow import steps_for
from gonghui.orgs.models import Organisation
from gonghui.orgs.selectors import enterprises_visible_to

SERVICE = "grid"


def grid_worker_required(view):
    """Staff, grid members and lawyers, with the second factor their role needs."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (roles.is_staff(user) or roles.is_grid_helper(user)):
            raise PermissionDenied
        if second_factor_missing(request):
            return redirect_to_login(request.get_full_path(), login_url="accounts:otp")
        return view(request, *args, **kwargs)

    return wrapper


def run(request, write, success: str) -> bool:
    try:
        write()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        return False
    messages.success(request, success)
    return True


def with_colours(rows):
    now = timezone.now()
    out = []
    for case in rows:
        deadline = current_deadline(case)
        out.append((case, state_of(deadline, now) if deadline else ""))
    return out


@grid_worker_required
@service_required(SERVICE, write=False)
def case_list(request):
    if request.user.role == "lawyer":
        return redirect("staff:grid_legal")
    rows = selectors.cases_visible_to(request.user)
    filters = {key: request.GET.get(key, "") for key in ("status", "kind", "level", "year",
                                                         "town", "q")}  # fmt: skip
    if filters["status"] in Status.values:
        rows = rows.filter(status=filters["status"])
    if filters["kind"] in Kind.values:
        rows = rows.filter(kind=filters["kind"])
    if filters["level"] in Level.values:
        rows = rows.filter(level=filters["level"])
    if filters["year"].isdigit():
        rows = rows.filter(filed_at__year=int(filters["year"]))
    if filters["town"].isdigit():
        rows = rows.filter(town_id=int(filters["town"]))
    if filters["q"]:
        rows = rows.filter(code__icontains=filters["q"].strip())
    if (response := list_export(request, exports.CASES, rows)) is not None:
        return response
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "grid/staff/case_list.html",
        {
            "page": page,
            "rows": with_colours(page.object_list),
            "filters": filters,
            "statuses": Status.choices,
            "kinds": Kind.choices,
            "levels": Level.choices,
            "own": selectors.grid_member_of(request.user),
            "can_file": request.service_open
            and (request.user.role in selectors.ACTORS or request.user.role == "grid_member"),
        },
    )


@grid_worker_required
@service_required(SERVICE)
def case_new(request):
    own = selectors.grid_member_of(request.user)
    if own is not None:
        form = forms.CaseForm(request.POST or None, request.FILES or None)
    elif request.user.role in selectors.ACTORS:
        path = request.user.org.path
        form = forms.StaffCaseForm(
            request.POST or None,
            request.FILES or None,
            enterprises=enterprises_visible_to(request.user).filter(union__isnull=False),
            unions=Organisation.objects.filter(path__startswith=path, kind__in=("single", "joint")),
        )
    else:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        enterprise = own.enterprise if own else data.pop("enterprise", None)
        union = None if own else data.pop("union", None)
        photo = data.pop("photo", None)
        for key in ("workers", "enterprise_party"):
            data.pop(key, None)
        created = []

        def write():
            created.append(cases.case_file(
                actor=request.user, enterprise=enterprise, union=union,
                parties=form.parties(enterprise.name if enterprise else ""),
                photos=[photo] if photo else [], **data,
            ))  # fmt: skip

        if run(request, write, _("The case has been registered.")):
            return redirect("staff:grid_case", pk=created[0].pk)
    return render(request, "grid/staff/case_new.html", {"form": form, "own": own})


def _visible(request, pk):
    return get_object_or_404(
        selectors.cases_visible_to(request.user).prefetch_related("parties", "events__actor"),
        pk=pk,
    )


@grid_worker_required
@service_required(SERVICE, write=False)
def case_detail(request, pk):
    case = _visible(request, pk)
    deadline = current_deadline(case)
    can_act = selectors.can_act(request.user, case) and request.service_open
    return render(
        request,
        "grid/staff/case_detail.html",
        {
            "case": case,
            "deadline": deadline,
            "colour": state_of(deadline) if deadline else "",
            "events": case.events.all(),
            "parties": case.parties.all(),
            "full_parties": selectors.can_see_full_parties(request.user),
            "steps": steps_for(case.status) if can_act else [],
            "can_act": can_act,
            "is_staff": roles.is_staff(request.user),
            "mediations": case.mediations.all(),
            "agreement": getattr(case, "agreement", None),
            "handover": getattr(case, "handover", None),
            "follow_ups": case.follow_ups.all(),
            "qr": track_qr(request, case),
            "today": timezone.localdate().isoformat(),
            "severities": Severity.choices,
            "hardship_form": forms.HardshipForm() if case.kind == Kind.HARDSHIP else None,
        },
    )


@grid_worker_required
@service_required(SERVICE, write=False)
def case_party(request, pk, party):
    """A party's full ID number and mobile: for the roles that may, and logged."""
    case = _visible(request, pk)
    if not selectors.can_see_full_parties(request.user):
        raise PermissionDenied
    person = get_object_or_404(Party, case=case, pk=party)
    log_access(request=request, action=AccessLog.Action.VIEW_ID_NUMBER, subject=person,
               org=case.union, label=f"{case.code} {person.name_masked}")  # fmt: skip
    return render(request, "grid/staff/party.html", {"case": case, "party": person})


def _date(text):
    try:
        return datetime.date.fromisoformat(text or "")
    except ValueError:
        return None


STEP_WRITES = {
    "accept": lambda r, c, p: cases.case_accept(actor=r.user, case=c, note=p.get("note", "")),
    "mediate": lambda r, c, p: casefile.mediation_record(
        actor=r.user, case=c, date=_date(p.get("date")), place=p.get("place", ""),
        mediators=p.get("mediators", ""), present=p.get("present", ""),
        statements=p.get("statements", ""), outcome=p.get("outcome", "")),
    "agreement": lambda r, c, p: agreements.agreement_sign(
        actor=r.user, case=c, terms=p.get("terms", ""), amount=p.get("amount", ""),
        performance=p.get("performance", ""), worker_signature=p.get("worker_signature", ""),
        enterprise_signature=p.get("enterprise_signature", ""),
        base_url=r.build_absolute_uri("/")),
    "fail": lambda r, c, p: cases.case_fail(actor=r.user, case=c, note=p.get("note", "")),
    "escalate": lambda r, c, p: cases.case_escalate(actor=r.user, case=c,
                                                    reason=p.get("reason", "")),
    "hand_over": lambda r, c, p: casefile.case_hand_over(
        actor=r.user, case=c, centre=p.get("centre", ""), file_summary=p.get("file_summary", "")),
    "outcome": lambda r, c, p: casefile.handover_outcome(
        actor=r.user, case=c, settled=p.get("settled") == "yes", outcome=p.get("outcome", ""),
        recovered=p.get("recovered", "")),
    "close": lambda r, c, p: cases.case_close(actor=r.user, case=c, report=p.get("report", ""),
                                              recovered=p.get("recovered", "")),
    "follow_up": lambda r, c, p: casefile.follow_up_record(
        actor=r.user, case=c, date=_date(p.get("date")), performed=p.get("performed") == "yes",
        note=p.get("note", "")),
    "extend": lambda r, c, p: casefile.case_deadline_extend(
        actor=r.user, case=c, amount=int(p.get("amount") or 0) if (p.get("amount") or "0")
        .isdigit() else 0, reason=p.get("reason", "")),
    "hardship": lambda r, c, p: casefile.hardship_file_open(
        actor=r.user, case=c, main_cause=p.get("main_cause", ""), note=p.get("note", "")),
    "correct": lambda r, c, p: cases.case_correct(actor=r.user, case=c,
                                                  reason=p.get("reason", "")),
}  # fmt: skip


@require_POST
@grid_worker_required
@service_required(SERVICE)
def case_step(request, pk, step):
    case = _visible(request, pk)
    write = STEP_WRITES.get(step)
    if write is None:
        raise Http404
    run(request, lambda: write(request, case, request.POST), pgettext("grid", "Saved."))
    return redirect(reverse("staff:grid_case", args=[case.pk]) + "#steps")
