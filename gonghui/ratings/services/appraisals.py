"""The yearly cadre appraisal: a GH-SCORE-1 points table, quotas per group, the ranking and
the commendations by the craftsman engine's select()."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import pgettext

from gonghui.core.db import write_transaction
from gonghui.craftsman.scoring import Applicant, Evidence, RulesError, score, select
from gonghui.ratings.models import Appraisal, Appraisee
from gonghui.ratings.services.applications import _date
from gonghui.ratings.services.common import check_federation_admin, check_open


def clean_rules(rules) -> dict:
    from gonghui.craftsman.scoring import rules_as_mapping, rules_from_mapping

    try:
        return rules_as_mapping(rules_from_mapping(rules))
    except RulesError as exc:
        raise ValidationError(str(exc), code="rules") from exc


def appraisal_create(*, actor, federation, year: int, name: str, rules, quotas: dict):
    check_federation_admin(actor, federation)
    check_open(federation)
    try:
        quotas = {str(k): int(v) for k, v in (quotas or {}).items()}
    except (TypeError, ValueError):
        quotas = {}
    if not quotas or any(v < 0 for v in quotas.values()):
        raise ValidationError(pgettext("ratings", "Give a quota for each group."))
    return Appraisal.objects.create(
        federation=federation,
        year=year,
        name=name,
        rules=clean_rules(rules),
        quotas=quotas,
    )


def _scored(appraisal: Appraisal, appraisee_id, evidence, group):
    from gonghui.craftsman.scoring import rules_from_mapping

    lines = tuple(
        Evidence(
            item=str(e.get("item") or ""),
            date=_date(e.get("date"), n),
            quantity=int(e.get("quantity") or 1),
        )
        for n, e in enumerate(evidence, 1)
    )
    try:
        return score(
            Applicant(id=str(appraisee_id), evidence=lines, pool=group),
            rules_from_mapping(appraisal.rules),
        )
    except RulesError as exc:
        raise ValidationError(str(exc), code="rules") from exc


def appraisee_add(*, actor, appraisal: Appraisal, name: str, union, group: str, evidence):
    check_federation_admin(actor, appraisal.federation)
    check_open(appraisal.federation)
    if appraisal.ranked_at:
        raise ValidationError(
            pgettext("ratings", "The appraisal is ranked: no more cadres can be added.")
        )
    if group not in appraisal.quotas:
        raise ValidationError(pgettext("ratings", "There is no such group in this appraisal."))
    if not union.path.startswith(appraisal.federation.path):
        raise PermissionDenied(pgettext("ratings", "This union is outside the federation."))
    result = _scored(appraisal, "new", evidence, group)
    return Appraisee.objects.create(
        appraisal=appraisal,
        name=name.strip()[:64],
        union=union,
        group=group,
        evidence=[{**e, "date": str(e.get("date"))} for e in evidence],
        score=result.total,
        trace=[step.text for step in result.trace],
    )


def appraisal_rank(*, actor, appraisal: Appraisal) -> list[Appraisee]:
    """Rank each group within its quota (rule 6 of GH-SCORE-1) and record the commended."""
    check_federation_admin(actor, appraisal.federation)
    check_open(appraisal.federation)
    people = list(appraisal.appraisees.all())
    results = [_scored(appraisal, p.pk, p.evidence, p.group) for p in people]
    chosen = select(results, pools={k: int(v) for k, v in appraisal.quotas.items()})
    ranks = {int(s.applicant_id): s.rank for s in chosen}
    with write_transaction():
        for person in people:
            person.rank = ranks.get(person.pk)
            person.commended = person.pk in ranks
            person.save(update_fields=["rank", "commended"])
        appraisal.ranked_at = timezone.now()
        appraisal.save(update_fields=["ranked_at"])
    return people
