"""Schemes, their quota pools and their rules versions (editable until the first score,
then a new version with a reason)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.accounts.models import Role
from gonghui.core.db import write_transaction
from gonghui.craftsman import selectors
from gonghui.craftsman.defaults import default_rules
from gonghui.craftsman.models import PoolBy, RulesVersion, Scheme, SchemeStatus
from gonghui.craftsman.scoring import RulesError, rules_as_mapping, rules_from_mapping


def check_federation_admin(actor, scheme_federation) -> None:
    if not (
        roles.is_staff(actor)
        and actor.role == Role.COUNTY_ADMIN
        and scheme_federation.path.startswith(actor.org.path)
    ):
        raise PermissionDenied(_("Only the federation's administrator may do this."))


def clean_rules(rules) -> dict:
    """The rules as GH-SCORE-1 data, checked; a Chinese message on anything wrong."""
    try:
        return rules_as_mapping(rules_from_mapping(rules))
    except RulesError as exc:
        raise ValidationError(str(exc), code="rules") from exc


def scheme_create(
    *,
    actor,
    federation,
    year: int,
    title: str,
    name: str,
    quota: int,
    rules=None,
    pool_by: str = PoolBy.NONE,
    pools=(),
    notice_days: int = 7,
    title_years: int = 3,
) -> Scheme:
    check_federation_admin(actor, federation)
    if quota < 1:
        raise ValidationError(_("The quota must be at least 1."))
    mapping = clean_rules(rules if rules is not None else default_rules(year))
    if sum(places for _key, _label, places in pools) > quota:
        raise ValidationError(_("The pools hold more places than the quota."))
    try:
        with write_transaction():
            scheme = Scheme.objects.create(
                federation=federation,
                year=year,
                title=title,
                name=name,
                quota=quota,
                pool_by=pool_by,
                notice_days=notice_days,
                title_years=title_years,
            )
            for key, label, places in pools:
                scheme.pools.create(key=str(key), label=label, places=places)
            RulesVersion.objects.create(scheme=scheme, number=1, rules=mapping, created_by=actor)
    except IntegrityError as exc:
        raise ValidationError(
            _("This federation already has a scheme for that year and title.")
        ) from exc
    return scheme


def rules_update(*, actor, scheme: Scheme, rules, reason: str = "") -> RulesVersion:
    """Edit the current version while nothing is scored under it; once frozen, a change is a
    new version and needs a reason. Applications keep the version they were scored under."""
    check_federation_admin(actor, scheme.federation)
    if scheme.status != SchemeStatus.OPEN:
        raise ValidationError(_("The ranking is frozen: the rules can no longer change."))
    mapping = clean_rules(rules)
    with write_transaction():
        current = selectors.current_version(scheme)
        if current.frozen_at is None:
            updated = RulesVersion.objects.filter(pk=current.pk, frozen_at__isnull=True).update(
                rules=mapping
            )
            if updated == 1:
                current.rules = mapping
                return current
        if not reason.strip():
            raise ValidationError(
                _(
                    "These rules are frozen: an application has been scored under them. "
                    "A change becomes a new version and needs a reason."
                ),
                code="frozen",
            )
        return RulesVersion.objects.create(
            scheme=scheme,
            number=current.number + 1,
            rules=mapping,
            reason=reason.strip(),
            created_by=actor,
        )
