"""Programmes and their rules versions (editable until the first score, then a new version
with a reason)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import pgettext

from gonghui.core.db import write_transaction
from gonghui.craftsman.scoring import RulesError, rules_as_mapping, rules_from_mapping
from gonghui.ratings import selectors
from gonghui.ratings.defaults import default_rules
from gonghui.ratings.models import ApplicantKind, Programme, RulesVersion
from gonghui.ratings.services.common import check_federation_admin, check_open


def clean_rules(rules) -> dict:
    """The rules as GH-SCORE-1 data with at least one level, checked by the craftsman
    engine's reader; a Chinese message on anything wrong (levels not ascending included)."""
    try:
        parsed = rules_from_mapping(rules)
    except RulesError as exc:
        raise ValidationError(str(exc), code="rules") from exc
    if not parsed.levels:
        raise ValidationError(
            pgettext("ratings", "A programme's rules need at least one level."), code="rules"
        )
    return rules_as_mapping(parsed)


def programme_create(
    *,
    actor,
    federation,
    code: str,
    name: str,
    applicant_kind: str = ApplicantKind.UNION,
    scope=None,
    rules=None,
    validity_years: int = 3,
    reassess_days: int = 90,
    notice_days: int = 7,
    award=0,
    award_note: str = "",
) -> Programme:
    check_federation_admin(actor, federation)
    check_open(federation)
    if applicant_kind not in ApplicantKind.values:
        raise ValidationError(pgettext("ratings", "Choose who may apply."))
    if scope is not None and not scope.path.startswith(federation.path):
        raise ValidationError(
            pgettext("ratings", "The programme can only be open to the federation's own subtree.")
        )
    if validity_years < 1:
        raise ValidationError(pgettext("ratings", "A title lasts at least one year."))
    mapping = clean_rules(rules if rules is not None else default_rules())
    try:
        with write_transaction():
            programme = Programme.objects.create(
                federation=federation,
                code=code,
                name=name,
                applicant_kind=applicant_kind,
                scope=scope,
                validity_years=validity_years,
                reassess_days=reassess_days,
                notice_days=notice_days,
                award=award,
                award_note=award_note,
            )
            RulesVersion.objects.create(
                programme=programme, number=1, rules=mapping, created_by=actor
            )
    except IntegrityError as exc:
        raise ValidationError(
            pgettext("ratings", "This federation already has a programme with that code.")
        ) from exc
    return programme


def rules_update(*, actor, programme: Programme, rules, reason: str = "") -> RulesVersion:
    """Edit the current version while nothing is scored under it; once frozen, a change is a
    new version and needs a reason. Applications keep the version they were scored under."""
    check_federation_admin(actor, programme.federation)
    check_open(programme.federation)
    mapping = clean_rules(rules)
    with write_transaction():
        current = selectors.current_version(programme)
        if current.frozen_at is None:
            updated = RulesVersion.objects.filter(pk=current.pk, frozen_at__isnull=True).update(
                rules=mapping
            )
            if updated == 1:
                current.rules = mapping
                return current
        if not reason.strip():
            raise ValidationError(
                pgettext(
                    "ratings",
                    "These rules are frozen: an application has been scored under them. "
                    "A change becomes a new version and needs a reason.",
                ),
                code="frozen",
            )
        return RulesVersion.objects.create(
            programme=programme,
            number=current.number + 1,
            rules=mapping,
            reason=reason.strip(),
            created_by=actor,
        )
