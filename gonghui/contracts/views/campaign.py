"""Staff pages of the March campaign: campaigns, one campaign's targets and report (Excel),
one target with its 要约书, reply, meetings and the resulting contract."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.contracts import access, forms, selectors
from gonghui.contracts.services import campaign as services
from gonghui.contracts.services.campaign import REASONS
from gonghui.contracts.views.common import KEY, form_errors, readable, run
from gonghui.core.exports import Column, table_xlsx, xlsx_response
from gonghui.core.switches import service_required
from gonghui.documents.services import document_bytes


@staff_required
@service_required(KEY, write=False)
def campaign_list(request):
    readable(request)
    form = forms.CampaignForm(request.POST or None, initial={"year": timezone.localdate().year})
    can_open = access.can_open_campaign(request.user) and request.service_open
    if request.method == "POST":
        if not can_open:
            raise Http404
        if form.is_valid():
            made = {}

            def write():
                made["c"] = services.campaign_open(actor=request.user, **form.cleaned_data)

            if run(request, write, _("The campaign is open; the targets are proposed.")):
                return redirect("staff:contracts_campaign", pk=made["c"].pk)
        else:
            form_errors(request, form)
    return render(
        request,
        "contracts/staff/campaigns.html",
        {
            "campaigns": selectors.campaigns_visible_to(request.user),
            "form": form,
            "can_open": can_open,
        },
    )


REPORT_COLUMNS = [
    Column(pgettext_lazy("contracts", "Town"), 24),
    Column(pgettext_lazy("contracts", "Enterprises targeted"), 12),
    Column(pgettext_lazy("contracts", "Confirmed by unions"), 12),
    Column(pgettext_lazy("contracts", "Requests sent"), 12),
    Column(pgettext_lazy("contracts", "Agreed"), 10),
    Column(pgettext_lazy("contracts", "Refused"), 10),
    Column(gettext_lazy("No reply in time"), 12),
    Column(pgettext_lazy("contracts", "Contracts signed"), 12),
    Column(pgettext_lazy("contracts", "Workers covered"), 12),
]


@staff_required
@service_required(KEY, write=False)
def campaign_detail(request, pk):
    readable(request)
    campaign = get_object_or_404(selectors.campaigns_visible_to(request.user), pk=pk)
    targets = selectors.targets_visible_to(request.user)
    report = selectors.campaign_report(campaign, targets)
    if request.GET.get("export") == "xlsx":
        rows = [
            [row["town"] or pgettext("contracts", "Total"), *list(row.values())[1:]]
            for row in report
        ]
        content = table_xlsx(
            _("March campaign %(year)s: summary table") % {"year": campaign.year},
            REPORT_COLUMNS,
            rows,
        )
        return xlsx_response(content, f"campaign-{campaign.year}.xlsx", request=request)
    rows = targets.filter(campaign=campaign).select_related("enterprise", "union", "contract")
    today = timezone.localdate()
    items = [
        {"target": t, "reasons": [REASONS[r] for r in t.reasons], "late": t.no_reply(today)}
        for t in rows
    ]
    return render(
        request,
        "contracts/staff/campaign.html",
        {"campaign": campaign, "items": items, "report": report, "columns": REPORT_COLUMNS},
    )


def _target(request, pk):
    readable(request)
    return get_object_or_404(
        selectors.targets_visible_to(request.user).select_related(
            "campaign", "enterprise", "union", "contract", "letter"
        ),
        pk=pk,
    )


@staff_required
@service_required(KEY, write=False)
def target_detail(request, pk):
    target = _target(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "contracts/staff/target.html",
        {
            "target": target,
            "reasons": [REASONS[r] for r in target.reasons],
            "meetings": target.meetings.all(),
            "can_keep": access.can_keep(request.user) and request.service_open,
            "send_form": forms.SendForm(initial={"sent_on": today}),
            "reply_form": forms.ReplyForm(initial={"reply_on": today}),
            "meeting_form": forms.MeetingForm(initial={"held_on": today}),
            "contract_form": forms.TargetContractForm(
                initial={
                    "title": _("%(name)s special wage contract %(year)s")
                    % {"name": target.enterprise.name, "year": target.campaign.year},
                    "signed_on": today,
                    "workers_covered": target.enterprise.staff_count,
                }
            ),
            "no_reply": target.no_reply(today),
        },
    )


@staff_required
@service_required(KEY)
@require_POST
def target_step(request, pk, step):
    target = _target(request, pk)
    user = request.user
    done = {}
    if step == "confirm":
        run(request, lambda: services.target_confirm(actor=user, target=target))
        return redirect("staff:contracts_campaign_target", pk=target.pk)
    form_class = {
        "send": forms.SendForm,
        "reply": forms.ReplyForm,
        "meeting": forms.MeetingForm,
        "contract": forms.TargetContractForm,
    }.get(step)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, request.FILES or None)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("staff:contracts_campaign_target", pk=target.pk)
    data = form.cleaned_data
    if step == "send":
        base = request.build_absolute_uri("/")
        run(request, lambda: services.letter_send(actor=user, target=target, base_url=base, **data))
    elif step == "reply":
        run(request, lambda: services.reply_record(actor=user, target=target, **data))
    elif step == "meeting":
        run(request, lambda: services.meeting_add(actor=user, target=target, **data))
    else:

        def write():
            done["c"] = services.target_contract(
                actor=user, target=target, level="enterprise", **data
            )

        if run(request, write):
            return redirect("staff:contracts_detail", pk=done["c"].pk)
    return redirect("staff:contracts_campaign_target", pk=target.pk)


@staff_required
@service_required(KEY, write=False)
def target_letter(request, pk):
    target = _target(request, pk)
    if target.letter is None:
        raise Http404
    return HttpResponse(
        document_bytes(target.letter),
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="request-{target.pk}.pdf"'},
    )
