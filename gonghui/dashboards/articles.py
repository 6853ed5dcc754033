"""The figures the five articles report, each beside the same measure computed from this
installation's records (for the user's subtree), so an office can write its own year-end
report. The reported figures are the articles' own (other counties); ours are live."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from gonghui.claims import selectors as claim_selectors
from gonghui.claims.models import ClaimStatus, ComputationLine
from gonghui.core.money import fmt_yuan
from gonghui.hardship import selectors as hardship_selectors
from gonghui.hardship.models import AidRecord, CampaignKind, Tier
from gonghui.mutual_aid import selectors as mutual_aid_selectors
from gonghui.mutual_aid.models import Enrollment
from gonghui.orgs import selectors as org_selectors

# Each article by its place and its headline, as the union newspaper printed it.
SEEDS = {
    "000": (
        pgettext_lazy("article place", "Luqiao"),
        gettext_lazy(
            "Luqiao builds a red, hard-working, people-first, digital and branded union: "
            "the enterprises' trusted helper, the workers' family"
        ),
    ),
    "001": (
        pgettext_lazy("article place", "Zhangqi, Cixi"),
        gettext_lazy(
            "The union polishes its brand: rights, aid and services in one — a warm "
            "landmark of Zhangqi"
        ),
    ),
    "002": (
        pgettext_lazy("article place", "Yongkang"),
        gettext_lazy("How to be the workers' family? The city federation answers"),
    ),
    "003": (
        pgettext_lazy("article place", "Tongxiang"),
        gettext_lazy("True to the mission: a model pupil of union work as an “important window”"),
    ),
    "004": (
        pgettext_lazy("article place", "Anji"),
        gettext_lazy(
            "Innovation for development, reform for improvement: the county federation as "
            "the workers' most trusted family"
        ),
    ),
}


@dataclass
class ArticleFigure:
    seed: str
    measure: str
    reported: str
    ours: object  # None when nothing is recorded yet (no period)
    unit: str = ""
    basis: str = ""

    @property
    def place(self) -> str:
        return str(SEEDS[self.seed][0])

    @property
    def title(self) -> str:
        return str(SEEDS[self.seed][1])


def article_figures(user, year: int) -> list[ArticleFigure]:
    coverage = org_selectors.coverage_figures(user)
    periods = list(mutual_aid_selectors.periods_visible_to(user).order_by("-start"))
    current = mutual_aid_selectors.period_figures(user, periods[0]) if periods else None
    enrollments = Enrollment.objects.filter(
        period__in=periods, union__in=org_selectors.unions_visible_to(user)
    )
    # A person enrolled in one period counts once, whatever the number of plans (Tongxiang
    # runs one plan, so its 人次 are persons per period).
    person_periods = enrollments.values("period", "member").distinct().count()
    spring = _campaign_kind_totals(user, year, CampaignKind.SPRING_FESTIVAL)
    figures = [
        ArticleFigure(
            "004",
            _("Grassroots unions"),
            "1,548",
            coverage["grassroots_unions"],
            basis=_("single and joint unions in your organisation tree"),
        ),
        ArticleFigure(
            "004",
            _("Union members"),
            "132,411",
            coverage["members"],
            basis=_("active members in the registry"),
        ),
        ArticleFigure(
            "002",
            _("Membership rate (goal)"),
            "95%",
            coverage["membership_rate"],
            "%",
            _("members ÷ staff of enterprises with a union"),
        ),
        ArticleFigure(
            "001",
            _("Workers enrolled in mutual aid this period"),
            "2,589",
            current.total.persons if current else None,
            basis=str(current.period) if current else _("no period yet"),
        ),
        ArticleFigure(
            "001",
            _("Completion of the enrollment target"),
            "123.3%",
            current.total.completion if current else None,
            "%",
            _("persons enrolled ÷ the unions' targets"),
        ),
        ArticleFigure(
            "003",
            _("Enrolled person-times, all periods"),
            _("252,000 over 5 periods"),
            person_periods,
            basis=_("%(n)s periods; a person counts once per period") % {"n": len(periods)},
        ),
        ArticleFigure(
            "004",
            _("Spring Festival visits: deep-hardship workers and families, amount"),
            _("60 extremely poor workers and 150 families, nearly 500,000 yuan"),
            _("%(deep)s deep-hardship, %(others)s other families, %(amount)s yuan") % spring
            if spring
            else _("none recorded"),
            basis=_("两节送温暖 campaigns of %(year)s") % {"year": year},
        ),
    ]
    paid = claim_selectors.claims_visible_to(user).filter(status=ClaimStatus.PAID)
    last_year = Q(paid_at__year=year - 1)
    totals = paid.aggregate(
        all_n=Count("id"),
        all_amount=Sum("amount"),
        last_year_n=Count("id", filter=last_year),
        last_year_amount=Sum("amount", filter=last_year),
    )
    figures += [
        ArticleFigure(
            "003",
            _("Mutual-aid payouts (person-times) and amount"),
            _("3,403 payouts, 4,971,000 yuan"),
            _payout_text(totals["all_n"], totals["all_amount"]),
            basis=_("claims paid, all periods"),
        ),
        ArticleFigure(
            "002",
            _("Maternity benefit payments and amount"),
            _("167 women, 100,200 yuan"),
            _payout_text(*_line_totals(paid, "MATERNITY.lump_sum")),
            basis=_("paid claims with a maternity line"),
        ),
        ArticleFigure(
            "001",
            _("Payouts last year in one town"),
            _("47 payouts, 27,183 yuan"),
            _payout_text(totals["last_year_n"], totals["last_year_amount"]),
            basis=_("claims paid in %(year)s, your whole organisation") % {"year": year - 1},
        ),
    ]
    return figures


def _campaign_kind_totals(user, year: int, kind: str) -> dict | None:
    campaigns = hardship_selectors.campaigns_visible_to(user).filter(year=year, kind=kind)
    # households on hardship files: member-wide distributions are not counted here
    aid = AidRecord.objects.filter(campaign__in=campaigns, file__isnull=False)
    if not aid.exists():
        return None
    households = dict(
        aid.values_list("file__tier").annotate(n=Count("file", distinct=True)).order_by()
    )
    totals = aid.aggregate(cash=Sum("amount"), goods=Sum("goods_value"))
    amount = (totals["cash"] or Decimal(0)) + (totals["goods"] or Decimal(0))
    deep = households.get(Tier.DEEP, 0)
    return {
        "deep": deep,
        "others": sum(households.values()) - deep,
        "amount": fmt_yuan(amount),
    }


def _line_totals(paid, code: str) -> tuple[int, Decimal | None]:
    lines = ComputationLine.objects.filter(
        computation_id__in=paid.values("computation_id"), code=code
    )
    totals = lines.aggregate(n=Count("id"), total=Sum("amount"))
    return totals["n"], totals["total"]


def _payout_text(n: int, amount: Decimal | None) -> str:
    return _("%(n)s payouts, %(amount)s yuan") % {
        "n": f"{n:,}",
        "amount": fmt_yuan(amount or 0),
    }
