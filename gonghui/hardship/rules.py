"""The hardship rules as pure functions over plain values: no ORM, no clock. Each result
carries a trace a person can read.

Tiers (national practice since 2018, hardship.md):
  income per person per month = (annual income − rigid spending) ÷ 12 ÷ people living together
  deep        if that figure is below the local 低保 standard
  relative    if it is below 2 × 低保
  accidental  if an emergency cost exceeds 80 % of the annual household income
"Below" and "exceeds" are strict: exactly 1 × 低保 is not deep, exactly 2 × is not relative,
exactly 80 % is not accidental. The per-person figure is rounded half up to the fen before it
is compared, so the boundary is the figure a clerk sees on the page.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from gonghui.core.money import fmt_yuan, round_money

RELATIVE_MULTIPLE = Decimal(2)
EMERGENCY_SHARE = Decimal("0.8")
MONTHS = Decimal(12)

DEEP, RELATIVE, ACCIDENTAL = "deep", "relative", "accidental"


@dataclass(frozen=True)
class Household:
    annual_income: Decimal
    household_size: int
    spending_illness: Decimal = Decimal(0)
    spending_disability: Decimal = Decimal(0)
    spending_schooling: Decimal = Decimal(0)
    emergency_cost: Decimal = Decimal(0)

    @property
    def rigid_spending(self) -> Decimal:
        return self.spending_illness + self.spending_disability + self.spending_schooling


@dataclass(frozen=True)
class Suggestion:
    tier: str  # "" when the figures show no hardship
    income_per_person: Decimal
    standard: Decimal | None
    trace: list[str] = field(default_factory=list)


def income_per_person(household: Household) -> Decimal:
    """Monthly income per person after rigid spending, rounded half up to the fen. Rigid
    spending above the income (a year of hospital bills paid with loans) leaves nothing:
    0, never a negative income (the tier is deep either way)."""
    if household.household_size < 1:
        raise ValueError("a household has at least one person")
    net = max(household.annual_income - household.rigid_spending, Decimal(0))
    return round_money(net / MONTHS / Decimal(household.household_size))


def suggest_tier(household: Household, monthly_standard: Decimal | None) -> Suggestion:
    per_person = income_per_person(household)
    figures = {
        "income": fmt_yuan(household.annual_income),
        "rigid": fmt_yuan(household.rigid_spending),
        "people": household.household_size,
        "per_person": fmt_yuan(per_person),
    }
    if household.rigid_spending > household.annual_income:
        first = _(
            "Income per person per month: the rigid spending of %(rigid)s is more than the "
            "income of %(income)s, so nothing is left: %(per_person)s yuan."
        )
    else:
        first = _(
            "Income per person per month: (%(income)s − %(rigid)s rigid spending) ÷ 12 ÷ "
            "%(people)d = %(per_person)s yuan."
        )
    trace = [first % figures]
    if monthly_standard is None:
        trace.append(
            _(
                "No minimum living standard is set for this area and year: deep and relative "
                "hardship cannot be judged."
            )
        )
    else:
        double = monthly_standard * RELATIVE_MULTIPLE
        if per_person < monthly_standard:
            trace.append(
                _("%(per_person)s is below the standard of %(standard)s: deep hardship.")
                % {"per_person": fmt_yuan(per_person), "standard": fmt_yuan(monthly_standard)}
            )
            return Suggestion(DEEP, per_person, monthly_standard, trace)
        if per_person < double:
            trace.append(
                _(
                    "%(per_person)s is not below the standard of %(standard)s but below twice "
                    "it (%(double)s): relative hardship."
                )
                % {
                    "per_person": fmt_yuan(per_person),
                    "standard": fmt_yuan(monthly_standard),
                    "double": fmt_yuan(double),
                }
            )
            return Suggestion(RELATIVE, per_person, monthly_standard, trace)
        trace.append(
            _("%(per_person)s is not below twice the standard (%(double)s).")
            % {"per_person": fmt_yuan(per_person), "double": fmt_yuan(double)}
        )
    threshold = household.annual_income * EMERGENCY_SHARE
    if household.emergency_cost > 0 and household.emergency_cost > threshold:
        trace.append(
            _(
                "The emergency cost of %(cost)s exceeds 80%% of the annual income "
                "(%(threshold)s): hardship from an emergency."
            )
            % {"cost": fmt_yuan(household.emergency_cost), "threshold": fmt_yuan(threshold)}
        )
        return Suggestion(ACCIDENTAL, per_person, monthly_standard, trace)
    if household.emergency_cost > 0:
        trace.append(
            _(
                "The emergency cost of %(cost)s does not exceed 80%% of the annual income (%(threshold)s)."
            )
            % {"cost": fmt_yuan(household.emergency_cost), "threshold": fmt_yuan(threshold)}
        )
    trace.append(_("The figures do not show hardship."))
    return Suggestion("", per_person, monthly_standard, trace)


def aid_limit(
    *,
    months_of_standard: Decimal | None,
    amount: Decimal | None,
    monthly_standard: Decimal | None,
) -> Decimal | None:
    """The yearly limit in yuan: a fixed amount, or months × the 低保 standard; None when
    there is no limit (or no standard to count months of)."""
    if amount is not None:
        return round_money(amount)
    if months_of_standard is None or monthly_standard is None:
        return None
    return round_money(months_of_standard * monthly_standard)


def exceeds_limit(*, already: Decimal, new: Decimal, limit: Decimal | None) -> bool:
    """Aid given this year plus the new aid is above the limit (reaching it is allowed)."""
    return limit is not None and already + new > limit


# --- campaign rules --------------------------------------------------------------------------

SCHOOL_AGE_RELATIONS = frozenset({"child", "grandchild"})
CHILDRENS_DAY_AGE = 14


@dataclass(frozen=True)
class Relative:
    relation: str
    age: int
    schooling: str  # "" when not in school


@dataclass(frozen=True)
class Facts:
    """What a campaign rule may ask about a file."""

    tier: str
    causes: tuple[str, ...]
    worker_gender: str
    family: tuple[Relative, ...] = ()


def has_child_in_school(family: Iterable[Relative]) -> bool:
    return any(r.relation in SCHOOL_AGE_RELATIONS and r.schooling for r in family)


def has_young_child(family: Iterable[Relative]) -> bool:
    return any(r.relation in SCHOOL_AGE_RELATIONS and r.age <= CHILDRENS_DAY_AGE for r in family)


def matches_rule(rule: dict, facts: Facts) -> bool:
    """A campaign rule is a dict of conditions, all of which must hold:
    tiers (any of), causes (any of, main or secondary), child_in_school, young_child
    (a child aged 14 or under), female_worker. An empty rule matches every active file."""
    tiers = rule.get("tiers") or []
    if tiers and facts.tier not in tiers:
        return False
    causes = rule.get("causes") or []
    if causes and not set(causes) & set(facts.causes):
        return False
    if rule.get("child_in_school") and not has_child_in_school(facts.family):
        return False
    if rule.get("young_child") and not has_young_child(facts.family):
        return False
    return not (rule.get("female_worker") and facts.worker_gender != "female")
