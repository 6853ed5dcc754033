"""Legal help for staff and lawyers: the members' questions (lawyers answer, a question can
become a case), legal-service events, labour-practice health checks against the target."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.accounts import roles
from gonghui.core.switches import service_required
from gonghui.grid import forms, selectors
from gonghui.grid.dashboard import figures
from gonghui.grid.models import CHECKLIST
from gonghui.grid.services import legal
from gonghui.grid.views.staff import grid_worker_required, run
from gonghui.orgs.selectors import enterprises_visible_to


@grid_worker_required
@service_required("grid", write=False)
def legal_home(request):
    if selectors.grid_member_of(request.user) is not None:
        return redirect("staff:grid_cases")
    user = request.user
    year = timezone.localdate().year
    event_form = forms.LegalEventForm(request.POST or None, prefix="event")
    if (
        request.method == "POST"
        and request.service_open
        and event_form.is_valid()
        and run(
            request,
            lambda: legal.legal_event_record(actor=user, **event_form.cleaned_data),
            _("The event has been recorded."),
        )  # fmt: skip
    ):
        return redirect("staff:grid_legal")
    return render(
        request,
        "grid/staff/legal.html",
        {
            "questions": selectors.questions_visible_to(user)[:100],
            "events": selectors.legal_events_visible_to(user)[:50],
            "checks": selectors.health_checks_visible_to(user)[:50],
            "figures": figures(user, year) if roles.is_staff(user) else None,
            "event_form": event_form,
            "can_check": roles.is_staff(user) and user.role in legal.HEALTH_CHECKERS,
            "is_lawyer": user.role == "lawyer",
            "year": year,
        },
    )


@grid_worker_required
@service_required("grid", write=False)
def question_detail(request, pk):
    question = get_object_or_404(selectors.questions_visible_to(request.user), pk=pk)
    lawyer = request.user.role == "lawyer" and request.service_open
    if request.method == "POST":
        if not lawyer:
            raise PermissionDenied
        if request.POST.get("step") == "to_case":
            write = lambda: legal.question_to_case(actor=request.user, question=question)  # noqa: E731
        else:
            write = lambda: legal.question_answer(  # noqa: E731
                actor=request.user, question=question, answer=request.POST.get("answer", "")
            )
        if run(request, write, pgettext("grid", "Saved.")):
            return redirect("staff:grid_question", pk=question.pk)
    return render(request, "grid/staff/question.html", {"question": question, "lawyer": lawyer})


@grid_worker_required
@service_required("grid")
def health_new(request):
    if not (roles.is_staff(request.user) and request.user.role in legal.HEALTH_CHECKERS):
        raise PermissionDenied
    form = forms.HealthCheckForm(
        request.POST or None,
        enterprises=enterprises_visible_to(request.user).order_by("name"),
        initial={"date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run(request, lambda: legal.health_check_record(
            actor=request.user, enterprise=data["enterprise"], date=data["date"],
            results=form.results(), findings=data["findings"], rectify_by=data["rectify_by"],
        ), _("The health check has been recorded.")):  # fmt: skip
            return redirect("staff:grid_legal")
    checklist = [form[f"check_{key}"] for key, _label in CHECKLIST]
    return render(request, "grid/staff/health_new.html", {"form": form, "checklist": checklist})
