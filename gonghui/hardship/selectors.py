"""Reads of hardship files, always scoped through the orgs selectors.

A file is visible to the staff whose organisation subtree contains the worker's union, to
the cadre currently paired with the worker, and to the worker. Steps and edits need the
subtree: a paired cadre outside it may read the file and log visits, nothing more."""

import datetime
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Max, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from gonghui.accounts import roles
from gonghui.accounts.models import Role, User
from gonghui.activities.models import Tag as MemberGroup
from gonghui.core.money import percent, round_money
from gonghui.hardship import rules
from gonghui.hardship.models import (
    Action,
    AidLimit,
    AidRecord,
    AidType,
    Audience,
    Campaign,
    CampaignRecipient,
    Cause,
    FileEvent,
    HardshipFile,
    Pair,
    PublicNotice,
    Status,
    SubsistenceStandard,
    Tier,
)
from gonghui.orgs.models import Member, MemberStatus, Organisation
from gonghui.orgs.selectors import members_visible_to, orgs_visible_to

REVIEW_INTERVAL = datetime.timedelta(days=365)
PAIR_VISIT_INTERVAL = datetime.timedelta(days=90)
ZERO = Decimal(0)
MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)


# --- scope ---------------------------------------------------------------------------------


def files_in_scope(user) -> QuerySet[HardshipFile]:
    """Files whose worker's union lies in the user's subtree (the worker: their own)."""
    return HardshipFile.objects.filter(member__in=members_visible_to(user))


def files_visible_to(user) -> QuerySet[HardshipFile]:
    if roles.is_member(user):
        return files_in_scope(user)
    if not roles.is_staff(user):
        return HardshipFile.objects.none()
    paired = Pair.objects.filter(cadre=user, ended_on__isnull=True).values("file_id")
    return HardshipFile.objects.filter(Q(member__in=members_visible_to(user)) | Q(pk__in=paired))


def aid_received_by(member) -> QuerySet[AidRecord]:
    """What one member received: aid on their files and member-wide gifts (夏送清凉 …)."""
    return AidRecord.objects.filter(member=member)


def file_for_member(member) -> HardshipFile | None:
    """The worker's open file, else the last closed one."""
    files = HardshipFile.objects.filter(member=member)
    return files.exclude(status=Status.CLOSED).first() or files.order_by("-id").first()


def current_notice(file: HardshipFile) -> PublicNotice | None:
    return file.notices.order_by("-starts_on", "-id").first()


def approval_blockers(file: HardshipFile, today: datetime.date) -> list[tuple[str, str]]:
    """Why the county cannot approve the file yet, as (code, message); empty when it can.
    Approval waits for the end of the public notice and for every objection to be resolved."""
    notice = current_notice(file)
    if notice is None:
        return [("no_notice", _("This file has no public notice."))]
    blockers = []
    if today <= notice.ends_on:
        blockers.append(
            (
                "notice_running",
                _(
                    "The public notice runs until %(end)s; the file can be approved from the "
                    "day after."
                )
                % {"end": notice.ends_on.isoformat()},
            )
        )
    if notice.objections.filter(resolved_at__isnull=True).exists():
        blockers.append(
            ("objection_open", _("An objection raised during the notice is not resolved yet."))
        )
    return blockers


def review_due_before(today: datetime.date) -> datetime.date:
    return today - REVIEW_INTERVAL


def files_due_for_review(files: QuerySet[HardshipFile], today: datetime.date):
    """Active files not reviewed for a year (or never)."""
    return files.filter(status=Status.ACTIVE).filter(
        Q(reviewed_on__isnull=True) | Q(reviewed_on__lte=review_due_before(today))
    )


def file_search(
    user, *, query="", status="", tier="", union_id=None, due=False, today=None
) -> QuerySet[HardshipFile]:
    files = files_visible_to(user).select_related("member", "member__union")
    query = query.strip()
    if query:
        files = files.filter(member__name__contains=query)
    if status:
        files = files.filter(status=status)
    if tier:
        files = files.filter(tier=tier)
    if union_id:
        files = files.filter(member__union_id=union_id)
    if due:
        files = files_due_for_review(files, today or timezone.localdate())
    return files


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    return Campaign.objects.filter(org__in=orgs_visible_to(user))


def pairs_visible_to(user) -> QuerySet[Pair]:
    """Pairs on files in the user's subtree, and the user's own pairs as a cadre."""
    if not roles.is_staff(user):
        return Pair.objects.none()
    return Pair.objects.filter(Q(file__in=files_in_scope(user)) | Q(cadre=user))


# --- parameters ----------------------------------------------------------------------------


def standard_for(org: Organisation, year: int) -> SubsistenceStandard | None:
    """The 低保 standard of the nearest area at or above `org` that has one for the year."""
    ids = org.ancestor_ids
    by_area = {
        row.area_id: row for row in SubsistenceStandard.objects.filter(area_id__in=ids, year=year)
    }
    return next((by_area[pk] for pk in reversed(ids) if pk in by_area), None)


def limit_for(org: Organisation, tier: str, aid_type: str) -> AidLimit | None:
    ids = org.ancestor_ids
    rows = list(
        AidLimit.objects.filter(tier=tier, aid_type=aid_type).filter(
            Q(area_id__in=ids) | Q(area__isnull=True)
        )
    )
    by_area = {row.area_id: row for row in rows}
    for pk in [*reversed(ids), None]:
        if pk in by_area:
            return by_area[pk]
    return None


def aid_limit_amount(file: HardshipFile, aid_type: str, year: int) -> Decimal | None:
    if not file.tier:
        return None
    limit = limit_for(file.member.union, file.tier, aid_type)
    if limit is None:
        return None
    standard = standard_for(file.member.union, year)
    return rules.aid_limit(
        months_of_standard=limit.months_of_standard,
        amount=limit.amount,
        monthly_standard=standard.monthly_amount if standard else None,
    )


def aid_given(file: HardshipFile, aid_type: str, year: int) -> Decimal:
    total = AidRecord.objects.filter(file=file, aid_type=aid_type, given_on__year=year).aggregate(
        total=Sum(F("amount") + F("goods_value"), output_field=MONEY_FIELD)
    )["total"]
    return round_money(total or ZERO)


# --- campaigns -----------------------------------------------------------------------------


def campaign_candidates(campaign: Campaign) -> QuerySet[HardshipFile]:
    """Active files of workers whose union lies under the organising federation."""
    return HardshipFile.objects.filter(
        status=Status.ACTIVE, member__union__path__startswith=campaign.org.path
    ).select_related("member")


def campaign_member_candidates(campaign: Campaign) -> QuerySet[Member]:
    """A member-wide campaign's reach: active members under the organising federation."""
    return Member.objects.filter(
        status=MemberStatus.ACTIVE, union__path__startswith=campaign.org.path
    ).select_related("union")


def campaign_member_matches(campaign: Campaign) -> QuerySet[Member]:
    """The members a member-wide campaign's rule picks: any of its groups (the members'
    tags kept by the activities service: frontline, sanitation, outdoor), a woman if it says
    so. An empty rule picks every active member."""
    members = campaign_member_candidates(campaign)
    groups = campaign.rule.get("groups") or []
    if groups:
        members = members.filter(
            pk__in=Member.objects.filter(activity_tags__tag__in=groups).values("pk")
        )
    if campaign.rule.get("female_worker"):
        members = members.filter(gender="female")
    return members


def file_facts(file: HardshipFile) -> rules.Facts:
    return rules.Facts(
        tier=file.tier,
        causes=tuple(file.causes),
        worker_gender=file.member.gender,
        family=tuple(
            rules.Relative(relation=r.relation, age=r.age, schooling=r.schooling)
            for r in file.family.all()
        ),
    )


def campaign_recipients(campaign: Campaign) -> QuerySet[CampaignRecipient]:
    return campaign.recipients.select_related("member", "member__union", "file", "aid").order_by(
        "member__union__path", "member__name", "id"
    )


def campaign_totals(campaign: Campaign) -> dict:
    return campaigns_with_totals([campaign])[0][1]


def campaigns_with_totals(campaigns: Iterable[Campaign]) -> list[tuple[Campaign, dict]]:
    """Each campaign with its recipients, payments and budget figures, in two queries
    whatever the number of campaigns."""
    campaigns = list(campaigns)
    ids = [campaign.pk for campaign in campaigns]
    recipients = {
        row["campaign_id"]: row
        for row in CampaignRecipient.objects.filter(campaign_id__in=ids)
        .values("campaign_id")
        .annotate(n=Count("id"), planned=Coalesce(Sum("planned_amount"), Value(ZERO)))
        .order_by()
    }
    payments = {
        row["campaign_id"]: row
        for row in AidRecord.objects.filter(campaign_id__in=ids)
        .values("campaign_id")
        .annotate(
            n=Count("id"),
            cash=Coalesce(Sum("amount"), Value(ZERO)),
            goods=Coalesce(Sum("goods_value"), Value(ZERO)),
        )
        .order_by()
    }
    none = {"n": 0, "planned": ZERO, "cash": ZERO, "goods": ZERO}
    return [
        (
            campaign,
            _campaign_totals(
                campaign, recipients.get(campaign.pk, none), payments.get(campaign.pk, none)
            ),
        )
        for campaign in campaigns
    ]


def _campaign_totals(campaign: Campaign, recipients: dict, paid: dict) -> dict:
    cash, goods = round_money(paid["cash"]), round_money(paid["goods"])
    spent = cash + goods
    return {
        "recipients": recipients["n"],
        "planned": round_money(recipients["planned"]),
        "paid_count": paid["n"],
        "unpaid_count": recipients["n"] - paid["n"],
        "cash": cash,
        "goods": goods,
        "spent": spent,
        "left": campaign.budget - spent,
        "spent_percent": percent(spent, campaign.budget),
        "over_budget": spent > campaign.budget,
        "planned_over_budget": recipients["planned"] > campaign.budget,
    }


def amount_in_words(amount: Decimal) -> str:
    """How the articles write sums: 4.4万元 from ten thousand up, else 2,000元."""
    if amount >= 10000:
        wan = round_money(amount / Decimal(10000), Decimal("0.1"))
        return _("%(wan)s × 10,000 yuan") % {"wan": wan}
    return _("%(yuan)s yuan") % {"yuan": f"{round_money(amount):,}".removesuffix(".00")}


TIER_PHRASES = {
    Tier.DEEP: lambda n: ngettext(
        "%(n)d worker in deep hardship", "%(n)d workers in deep hardship", n
    ),
    Tier.RELATIVE: lambda n: ngettext(
        "%(n)d family in relative hardship", "%(n)d families in relative hardship", n
    ),
    Tier.ACCIDENTAL: lambda n: ngettext(
        "%(n)d family hit by an emergency", "%(n)d families hit by an emergency", n
    ),
}


def aid_sentence(*, org_name: str, title: str, by_tier: Counter, cash: Decimal, goods: Decimal):
    """The report sentence the articles use, computed from aid records, e.g.
    "2026年两节送温暖：路桥区总工会为12名深度困难职工、20户相对困难职工家庭送去慰问金共计5.2万元。"
    """
    parts = [TIER_PHRASES[tier](by_tier[tier]) % {"n": by_tier[tier]} for tier in TIER_PHRASES]
    parts = [part for tier, part in zip(TIER_PHRASES, parts, strict=True) if by_tier[tier]]
    if not parts:
        return ""
    what = _what_was_given(cash, goods)
    return _("%(title)s: %(org)s gave %(what)s worth %(amount)s in all to %(recipients)s.") % {
        "title": title,
        "org": org_name,
        "what": what,
        "amount": amount_in_words(cash + goods),
        "recipients": pgettext("between the parts of a list", ", ").join(parts),
    }


def _what_was_given(cash: Decimal, goods: Decimal) -> str:
    if cash and goods:
        return pgettext("what was given", "cash and gifts")
    if goods:
        return pgettext("what was given", "gifts")
    return pgettext("what was given", "cash")


def campaign_sentence(campaign: Campaign) -> str:
    totals = campaign_totals(campaign)
    title = _("%(year)s %(name)s") % {"year": campaign.year, "name": campaign.name}
    if campaign.audience == Audience.MEMBERS:
        if not totals["paid_count"]:
            return ""
        return _("%(title)s: %(org)s gave %(what)s worth %(amount)s in all to %(n)d workers.") % {
            "title": title,
            "org": campaign.org.name,
            "what": _what_was_given(totals["cash"], totals["goods"]),
            "amount": amount_in_words(totals["spent"]),
            "n": totals["paid_count"],
        }
    records = campaign.aid.select_related("file")
    by_tier = Counter(record.file.tier for record in records)
    return aid_sentence(
        org_name=campaign.org.name,
        title=title,
        by_tier=by_tier,
        cash=totals["cash"],
        goods=totals["goods"],
    )


# --- pairs ---------------------------------------------------------------------------------


def pairs_board(user, today: datetime.date | None = None) -> list[Pair]:
    """Current pairs with their last visit; `overdue` when nothing has happened for 90 days
    (counted from the pairing when there has been no visit yet)."""
    today = today or timezone.localdate()
    pairs = (
        pairs_visible_to(user)
        .filter(ended_on__isnull=True)
        .select_related("cadre", "file__member__union")
        .annotate(last_visit=Max("visits__visited_on"))
        .order_by("cadre__display_name", "cadre__username", "file__member__name")
    )
    board = list(pairs)
    for pair in board:
        since = pair.last_visit or pair.started_on
        pair.days_since = (today - since).days
        pair.overdue = today - since > PAIR_VISIT_INTERVAL
    return board


# --- figures -------------------------------------------------------------------------------


def summary_figures(user, year: int, today: datetime.date | None = None) -> dict:
    """The part of `figures` the county dashboard shows: active files by tier, the year's
    events, files overdue for review, aid by type, campaigns."""
    today = today or timezone.localdate()
    files = files_in_scope(user)
    active = files.filter(status=Status.ACTIVE)
    by_tier = dict(active.values_list("tier").annotate(n=Count("id")).order_by())
    events = FileEvent.objects.filter(file__in=files, at__year=year).aggregate(
        new=Count("id", filter=Q(action__in=[Action.APPLY, Action.IMPORT])),
        approved=Count("id", filter=Q(action=Action.APPROVE)),
        closed=Count("id", filter=Q(action=Action.CLOSE)),
        fallen_back=Count("id", filter=Q(action=Action.REOPEN)),
    )
    aid_by_type = {
        row["aid_type"]: row
        for row in _aid_of_year(files, year)
        .order_by()
        .values("aid_type")
        .annotate(
            n=Count("id"),
            households=Count("file", distinct=True),
            cash=Coalesce(Sum("amount"), Value(ZERO)),
            goods=Coalesce(Sum("goods_value"), Value(ZERO)),
        )
    }
    campaigns = [
        {"campaign": campaign, **totals}
        for campaign, totals in campaigns_with_totals(
            campaigns_visible_to(user).filter(year=year).select_related("org")
        )
    ]
    return {
        "year": year,
        "active": sum(by_tier.values()),
        "by_tier": [(tier.label, tier.value, by_tier.get(tier.value, 0)) for tier in Tier],
        "new": events["new"],
        "approved": events["approved"],
        "closed": events["closed"],
        "fallen_back": events["fallen_back"],
        "due_for_review": files_due_for_review(files, today).count(),
        "aid_by_type": [
            {
                "label": aid_type.label,
                "value": aid_type.value,
                "n": aid_by_type.get(aid_type.value, {}).get("n", 0),
                "households": aid_by_type.get(aid_type.value, {}).get("households", 0),
                "cash": round_money(aid_by_type.get(aid_type.value, {}).get("cash", ZERO)),
                "goods": round_money(aid_by_type.get(aid_type.value, {}).get("goods", ZERO)),
            }
            for aid_type in AidType
        ],
        "campaigns": campaigns,
    }


def _aid_of_year(files: QuerySet[HardshipFile], year: int) -> QuerySet[AidRecord]:
    return AidRecord.objects.filter(file__in=files, given_on__year=year)


def figures(user, year: int, today: datetime.date | None = None) -> dict:
    """The hardship figures for the user's subtree and a calendar year: summary_figures and
    the files by cause, files in progress, the year's aid in total and in a sentence, and
    the pairs."""
    today = today or timezone.localdate()
    files = files_in_scope(user)
    by_cause = dict(
        files.filter(status=Status.ACTIVE)
        .values_list("main_cause")
        .annotate(n=Count("id"))
        .order_by()
    )
    aid = _aid_of_year(files, year)
    aid_total = aid.aggregate(
        n=Count("id"),
        households=Count("file", distinct=True),
        cash=Coalesce(Sum("amount"), Value(ZERO)),
        goods=Coalesce(Sum("goods_value"), Value(ZERO)),
    )
    aid_total["cash"] = round_money(aid_total["cash"])
    aid_total["goods"] = round_money(aid_total["goods"])
    households_by_tier = Counter(
        dict(aid.values_list("file__tier").annotate(n=Count("file", distinct=True)).order_by())
    )
    pairs = pairs_board(user, today)
    return {
        **summary_figures(user, year, today),
        "by_cause": [(cause.label, cause.value, by_cause.get(cause.value, 0)) for cause in Cause],
        "in_progress": files.filter(
            status__in=[
                Status.APPLIED,
                Status.UNION_REVIEWED,
                Status.VISITED,
                Status.TOWN_VERIFIED,
                Status.PUBLIC_NOTICE,
            ]
        ).count(),
        "aid_total": aid_total,
        "sentence": aid_sentence(
            org_name=user.org.name if roles.is_staff(user) else "",
            title=_("%(year)s hardship aid") % {"year": year},
            by_tier=households_by_tier,
            cash=aid_total["cash"],
            goods=aid_total["goods"],
        ),
        "pairs": pairs,
        "pairs_overdue": sum(1 for pair in pairs if pair.overdue),
    }


def aid_summary(file: HardshipFile, year: int) -> list[dict]:
    """This year's aid on the file by type, beside the type's limit for the file's tier."""
    rows = []
    for aid_type in AidType:
        given = aid_given(file, aid_type.value, year)
        limit = aid_limit_amount(file, aid_type.value, year)
        if given or limit is not None:
            rows.append(
                {
                    "label": aid_type.label,
                    "given": given,
                    "limit": limit,
                    "over": limit is not None and given > limit,
                }
            )
    return rows


def cadres_for(user):
    """Staff users who may be paired by this user: those of organisations in the subtree."""
    return (
        User.objects.filter(org__in=orgs_visible_to(user), role__in=roles.STAFF_ROLES)
        .exclude(role=Role.AUDITOR)
        .select_related("org")
        .order_by("org__path", "display_name", "username")
    )


def rule_description(rule: dict, audience: str = Audience.FILES) -> list[str]:
    """A campaign rule in words, one condition a line."""
    parts = []
    if rule.get("groups"):
        parts.append(
            _("Member group: %(groups)s")
            % {"groups": "、".join(str(MemberGroup(g).label) for g in rule["groups"])}
        )
    if rule.get("tiers"):
        parts.append(
            _("Tier: %(tiers)s") % {"tiers": "、".join(str(Tier(t).label) for t in rule["tiers"])}
        )
    if rule.get("causes"):
        parts.append(
            _("Cause: %(causes)s")
            % {"causes": "、".join(str(Cause(c).label) for c in rule["causes"])}
        )
    if rule.get("child_in_school"):
        parts.append(_("Has a child in school"))
    if rule.get("young_child"):
        parts.append(_("Has a child aged 14 or under"))
    if rule.get("female_worker"):
        parts.append(_("The worker is a woman"))
    if parts:
        return parts
    return [_("Every active member") if audience == Audience.MEMBERS else _("Every active file")]
