"""Pairing pages: the board of pairs (those without a visit for 90 days stand out) and one
pair with its visit log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.core.exports import list_export
from gonghui.core.imports import error_text
from gonghui.hardship import exports, forms, selectors
from gonghui.hardship.services import pairs as services


@staff_required
def pair_board(request):
    board = selectors.pairs_board(request.user)
    mine = request.GET.get("mine") == "1"
    if mine:
        board = [pair for pair in board if pair.cadre_id == request.user.pk]
    if response := list_export(request, exports.PAIRS, board):
        return response
    return render(
        request,
        "hardship/pair_board.html",
        {
            "board": board,
            "mine": mine,
            "overdue": sum(1 for pair in board if pair.overdue),
            "interval_days": selectors.PAIR_VISIT_INTERVAL.days,
        },
    )


def _pair(request, pk):
    return get_object_or_404(
        selectors.pairs_visible_to(request.user).select_related(
            "cadre", "cadre__org", "file__member__union"
        ),
        pk=pk,
    )


@staff_required
def pair_detail(request, pk):
    pair = _pair(request, pk)
    form = forms.PairVisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pair_visit_record(actor=request.user, pair=pair, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The visit has been logged."))
            return redirect("staff:hardship_pair_detail", pk=pair.pk)
    visits = pair.visits.select_related("recorded_by")
    last = visits.first()
    since = last.visited_on if last else pair.started_on
    return render(
        request,
        "hardship/pair_detail.html",
        {
            "pair": pair,
            "visits": visits,
            "form": form,
            "days_since": (timezone.localdate() - since).days,
            "overdue": timezone.localdate() - since > selectors.PAIR_VISIT_INTERVAL,
        },
    )


@staff_required
@require_POST
def pair_end(request, pk):
    pair = _pair(request, pk)
    services.pair_end(actor=request.user, pair=pair)
    messages.success(request, _("The pairing has ended."))
    return redirect("staff:hardship_file_detail", pk=pair.file_id)
