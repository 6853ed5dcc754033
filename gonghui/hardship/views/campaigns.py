"""Campaign pages: the list, the campaign with its recipients and spend against budget,
payments, and the distribution list as Excel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.core import exports
from gonghui.core.imports import error_text
from gonghui.hardship import access, forms, selectors
from gonghui.hardship import exports as lists
from gonghui.hardship.models import Audience, CampaignRecipient
from gonghui.hardship.services import aid as aid_services
from gonghui.hardship.services import campaigns as services
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.models import FEDERATION_KINDS


def _campaign(request, pk):
    return get_object_or_404(
        selectors.campaigns_visible_to(request.user).select_related("org"), pk=pk
    )


def _organisers(user):
    return org_selectors.orgs_visible_to(user).filter(kind__in=FEDERATION_KINDS)


@staff_required
def campaign_list(request):
    campaigns = selectors.campaigns_visible_to(request.user).select_related("org")
    rows = selectors.campaigns_with_totals(campaigns)
    if response := exports.list_export(request, lists.CAMPAIGNS, rows):
        return response
    return render(
        request,
        "hardship/campaign_list.html",
        {"rows": rows, "can_manage": access.can_manage_campaigns(request.user)},
    )


@staff_required
def campaign_edit(request, pk=None):
    if not access.can_manage_campaigns(request.user):
        raise PermissionDenied
    campaign = _campaign(request, pk) if pk else None
    initial = {"year": timezone.localdate().year, "org": request.user.org}
    form = forms.CampaignForm(
        request.POST or None,
        orgs=_organisers(request.user),
        campaign=campaign,
        initial=None if campaign else initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if campaign is None:
                campaign = services.campaign_create(
                    actor=request.user, org=form.cleaned_data["org"], **form.campaign_fields()
                )
            else:
                services.campaign_update(
                    actor=request.user, campaign=campaign, **form.campaign_fields()
                )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The campaign has been saved."))
            return redirect("staff:hardship_campaign_detail", pk=campaign.pk)
    return render(request, "hardship/campaign_form.html", {"form": form, "campaign": campaign})


def _add_form(campaign, data=None):
    if campaign.audience == Audience.MEMBERS:
        return forms.MemberRecipientAddForm(
            data, members=selectors.campaign_member_candidates(campaign)
        )
    listed = campaign.recipients.values("file_id")
    candidates = selectors.campaign_candidates(campaign).exclude(pk__in=listed)
    return forms.RecipientAddForm(data, files=candidates.select_related("member__union"))


@staff_required
def campaign_detail(request, pk):
    campaign = _campaign(request, pk)
    return render(
        request,
        "hardship/campaign_detail.html",
        {
            "campaign": campaign,
            "totals": selectors.campaign_totals(campaign),
            "sentence": selectors.campaign_sentence(campaign),
            "rule": selectors.rule_description(campaign.rule, campaign.audience),
            "member_wide": campaign.audience == Audience.MEMBERS,
            "recipients": selectors.campaign_recipients(campaign),
            "can_manage": access.can_manage_campaigns(request.user),
            "can_pay": access.can_record_aid(request.user),
            "add_form": _add_form(campaign),
            "pay_all_form": forms.PayAllForm(),
            "today": timezone.localdate(),
        },
    )


@staff_required
@require_POST
def campaign_select(request, pk):
    campaign = _campaign(request, pk)
    added = services.campaign_recipients_select(actor=request.user, campaign=campaign)
    if campaign.audience == Audience.MEMBERS:
        text = _("%(n)d members matching the rule were added to the list.")
    else:
        text = _("%(n)d files matching the rule were added to the list.")
    messages.success(request, text % {"n": added})
    return redirect("staff:hardship_campaign_detail", pk=campaign.pk)


@staff_required
@require_POST
def recipient_add(request, pk):
    campaign = _campaign(request, pk)
    form = _add_form(campaign, request.POST)
    if form.is_valid():
        try:
            services.campaign_recipient_add(
                actor=request.user, campaign=campaign, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The worker has been added to the list."))
    elif campaign.audience == Audience.MEMBERS:
        messages.error(request, "；".join(m for errors in form.errors.values() for m in errors))
    else:
        messages.error(request, _("Choose an active file."))
    return redirect("staff:hardship_campaign_detail", pk=campaign.pk)


def _recipient(request, pk) -> CampaignRecipient:
    return get_object_or_404(
        CampaignRecipient.objects.filter(
            campaign__in=selectors.campaigns_visible_to(request.user)
        ).select_related("campaign", "member__union", "file"),
        pk=pk,
    )


@staff_required
@require_POST
def recipient_remove(request, pk):
    recipient = _recipient(request, pk)
    try:
        services.campaign_recipient_remove(actor=request.user, recipient=recipient)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The worker has been taken off the list."))
    return redirect("staff:hardship_campaign_detail", pk=recipient.campaign_id)


@staff_required
def recipient_pay(request, pk):
    recipient = _recipient(request, pk)
    form = forms.PayForm(request.POST or None, initial={"amount": recipient.planned_amount})
    over_limit = None
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_recipient_pay(
                actor=request.user, recipient=recipient, **form.cleaned_data
            )
        except aid_services.OverLimit as exc:
            over_limit = exc
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Recorded for %(name)s.") % {"name": recipient.member.name})
            return redirect("staff:hardship_campaign_detail", pk=recipient.campaign_id)
    return render(
        request,
        "hardship/recipient_pay.html",
        {"recipient": recipient, "form": form, "over_limit": over_limit},
    )


@staff_required
@require_POST
def campaign_pay_all(request, pk):
    campaign = _campaign(request, pk)
    form = forms.PayAllForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the aid was given."))
        return redirect("staff:hardship_campaign_detail", pk=campaign.pk)
    paid, held = services.campaign_pay_all(
        actor=request.user, campaign=campaign, given_on=form.cleaned_data["given_on"]
    )
    messages.success(request, _("%(n)d recipients recorded as paid.") % {"n": paid})
    for recipient, reason in held:
        messages.warning(
            request,
            _("%(name)s was held back: %(reason)s")
            % {"name": recipient.member.name, "reason": reason},
        )
    return redirect("staff:hardship_campaign_detail", pk=campaign.pk)


@staff_required
def campaign_export(request, pk):
    """The distribution list for signing, as Excel (ID numbers masked); logged as an export."""
    campaign = _campaign(request, pk)
    book = exports.Workbook()
    sheet = book.sheet(_("Distribution list"))
    money, money_bold = exports.MONEY, {**exports.MONEY, **exports.BOLD}
    header = {"bold": True, "bg_color": "#F2DCDB", "border": 1}
    sheet.write(
        0,
        0,
        f"{campaign.year} {campaign.name} · {campaign.org.name}",
        {"bold": True, "font_size": 14},
    )
    columns = [
        (pgettext("hardship", "No."), 6),
        (pgettext("hardship", "Name"), 10),
        (pgettext("hardship", "Union"), 30),
        (pgettext("hardship", "ID number"), 22),
        (_("Tier"), 12),
        (_("Main cause"), 12),
        (_("Planned amount"), 12),
        (_("Cash given"), 12),
        (_("Goods"), 16),
        (_("Value of the goods"), 12),
        (_("Given on"), 12),
        (pgettext("hardship", "Signature"), 14),
    ]
    sheet.write_row(2, 0, [label for label, _width in columns], header)
    sheet.widths(width for _label, width in columns)
    row = 3
    for number, recipient in enumerate(selectors.campaign_recipients(campaign), start=1):
        file, record, member = recipient.file, getattr(recipient, "aid", None), recipient.member
        sheet.write_row(
            row,
            0,
            [
                number,
                member.name,
                member.union.name,
                member.id_number_masked,
                file.get_tier_display() if file else "",
                file.get_main_cause_display() if file else "",
            ],
        )
        sheet.write(row, 6, recipient.planned_amount, money)
        if record is not None:
            sheet.write(row, 7, record.amount, money)
            sheet.write(row, 8, record.goods)
            sheet.write(row, 9, record.goods_value, money)
            sheet.write(row, 10, record.given_on.isoformat())
        row += 1
    totals = selectors.campaign_totals(campaign)
    sheet.write(row, 1, pgettext("hardship", "Total"), exports.BOLD)
    sheet.write(row, 6, totals["planned"], money_bold)
    sheet.write(row, 7, totals["cash"], money_bold)
    sheet.write(row, 9, totals["goods"], money_bold)
    row += 2
    for label, value in (
        (pgettext("hardship", "Budget"), campaign.budget),
        (pgettext("hardship", "Spent"), totals["spent"]),
        (_("Left"), totals["left"]),
    ):
        sheet.write(row, 1, label, exports.BOLD)
        sheet.write(row, 6, value, money_bold)
        row += 1
    sentence = selectors.campaign_sentence(campaign)
    if sentence:
        sheet.write(row + 1, 1, sentence)
    return exports.xlsx_response(
        book.close(),
        f"{campaign.year}{campaign.name}-{_('Distribution list')}.xlsx",
        request=request,
        logged=exports.Logged(campaign, campaign.org, campaign.name),
    )
