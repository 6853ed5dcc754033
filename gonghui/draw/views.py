"""Staff pages for fair draws: the list (with a form for a new draw) and one draw with the
buttons its state and the user's role allow. Every step goes through services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.core.imports import error_text
from gonghui.draw import access, forms, selectors, services, sources, workflow
from gonghui.draw.models import Action, Status
from gonghui.orgs import selectors as org_selectors

SHOWN_WAITING = 200


def _draw(request, pk):
    return get_object_or_404(selectors.draws_in_scope(request.user), pk=pk)


@staff_required
def draw_list(request):
    draws = selectors.draws_in_scope(request.user).prefetch_related("prizes")
    form = None
    if access.can_create(request.user):
        form = forms.DrawCreateForm(
            request.POST or None, orgs=org_selectors.orgs_visible_to(request.user)
        )
        if request.method == "POST" and form.is_valid():
            try:
                draw = services.draw_create(
                    actor=request.user,
                    org=form.cleaned_data["org"],
                    title=form.cleaned_data["title"],
                    purpose=form.cleaned_data["purpose"],
                    prizes=form.cleaned_data["prizes"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("The draw has been created."))
                return redirect("staff:draw_detail", pk=draw.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "draw/draw_list.html", {"draws": draws[:500], "form": form})


def _steps(user, draw) -> list[str]:
    steps = workflow.steps_for(status=draw.status, role=user.role)
    if Action.CONFIRM_SEED in steps and draw.seed_entered_by_id == user.pk:
        steps.remove(Action.CONFIRM_SEED)
    return steps


@staff_required
def draw_detail(request, pk):
    draw = _draw(request, pk)
    steps = _steps(request.user, draw)
    result = selectors.published_result(draw)
    if result:
        result["waiting_shown"] = result["waiting_people"][:SHOWN_WAITING]
    return render(
        request,
        "draw/draw_detail.html",
        {
            "draw": draw,
            "prizes": draw.prizes.order_by("position"),
            "events": draw.events.select_related("actor"),
            "steps": steps,
            "has_source": sources.for_draw(draw) is not None,
            "owner_url": sources.owner_url(draw),
            "result": result,
            "shown_waiting": SHOWN_WAITING,
            "announce_form": forms.AnnounceForm(),
            "paste_form": forms.PasteForm(),
            "seed_form": forms.SeedForm(),
            "cancel_form": forms.CancelForm(),
            "Action": Action,
            "Status": Status,
            "entered_it": draw.seed_entered_by_id == request.user.pk,
        },
    )


def _do(request, draw, action):
    post = request.POST
    if action == Action.ANNOUNCE:
        return services.draw_announce_seed_source(
            actor=request.user, draw=draw, text=post.get("text", "")
        )
    if action == Action.FREEZE:
        if sources.for_draw(draw) is not None:
            return services.draw_freeze_from_source(actor=request.user, draw=draw)
        entrants = services.parse_pasted(post.get("entrants", ""))
        return services.draw_freeze(actor=request.user, draw=draw, entrants=entrants)
    if action == Action.ENTER_SEED:
        return services.draw_enter_seed(actor=request.user, draw=draw, seed=post.get("seed", ""))
    if action == Action.CONFIRM_SEED:
        return services.draw_confirm_seed(actor=request.user, draw=draw, seed=post.get("seed", ""))
    if action == Action.RUN:
        return services.draw_run(actor=request.user, draw=draw)
    if action == Action.CANCEL:
        return services.draw_cancel(actor=request.user, draw=draw, reason=post.get("reason", ""))
    raise Http404


@require_POST
@staff_required
def draw_step(request, pk, action):
    draw = _draw(request, pk)
    if action not in workflow.PAGE_STEPS:
        raise Http404
    try:
        _do(request, draw, action)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) or _("You may not take this step."))
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": Action(action).label})
    return redirect("staff:draw_detail", pk=draw.pk)
