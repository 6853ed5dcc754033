"""The member's phone pages under /m/grid/: 我要反映 (optionally confidential), my cases and
every step of them, legal questions; and the follow-up page by case number and mobile."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gonghui.accounts.decorators import member_required
from gonghui.core.switches import service_required
from gonghui.grid import forms, selectors
from gonghui.grid.services import cases, legal
from gonghui.grid.views.staff import run
from gonghui.orgs.models import Member

SERVICE = "grid"


@member_required
@service_required(SERVICE, write=False)
def home(request):
    return render(
        request,
        "grid/portal/home.html",
        {
            "cases": selectors.cases_visible_to(request.user),
            "questions": selectors.questions_visible_to(request.user),
        },
    )


@member_required
@service_required(SERVICE)
def report(request):
    member = Member.objects.select_related("enterprise").get(user=request.user)
    form = forms.MemberCaseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        photo = data.pop("photo", None)
        for key in ("workers", "enterprise_party"):
            data.pop(key, None)
        enterprise = member.enterprise if member.enterprise and member.enterprise.union_id == \
            member.union_id else None  # fmt: skip
        parties = [{"role": "worker", "name": member.name, "mobile": member.mobile},
                   *form.parties(enterprise.name if enterprise else "")]  # fmt: skip
        created = []
        if run(request, lambda: created.append(cases.case_file(
            actor=request.user, enterprise=enterprise, parties=parties,
            photos=[photo] if photo else [], **data)),
            _("Your report has been registered. Keep the case number to follow it.")):  # fmt: skip
            return redirect("grid_portal:case", pk=created[0].pk)
    return render(request, "grid/portal/form.html", {"form": form, "title": _("Report a problem"),
                                                     "multipart": True})  # fmt: skip


@member_required
@service_required(SERVICE, write=False)
def case_detail(request, pk):
    case = get_object_or_404(selectors.cases_visible_to(request.user), pk=pk)
    return render(request, "grid/portal/case.html", {"case": case, "events": case.events.all()})


@member_required
@service_required(SERVICE)
def ask(request):
    form = forms.QuestionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            lambda: legal.question_ask(actor=request.user, **form.cleaned_data),
            _("Your question has been sent to the union lawyers."),
        )  # fmt: skip
    ):
        return redirect("grid_portal:home")
    return render(request, "grid/portal/form.html", {"form": form, "title": _("Ask a lawyer")})


def track(request):
    """No sign-in: the case number and the filer's mobile show every step."""
    form = forms.TrackForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    case = None
    if request.method == "POST" and form.is_valid():
        case = selectors.case_by_code(form.cleaned_data["code"], form.cleaned_data["mobile"])
        if case is None:
            form.add_error(None, _("No case has this number and mobile."))
    return render(
        request,
        "grid/portal/track.html",
        {"form": form, "case": case, "events": case.events.all() if case else []},
    )
