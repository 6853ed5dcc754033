"""The expert committee, the federation's frozen ranking, the public notice and the naming."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.core.db import write_transaction
from gonghui.craftsman import selectors
from gonghui.craftsman.models import (
    Action,
    Application,
    Expert,
    ExpertScore,
    Honour,
    Objection,
    RankingEntry,
    Scheme,
    SchemeStatus,
    Status,
)
from gonghui.craftsman.scoring import plain, ranking, score, select
from gonghui.craftsman.services.certificates import honour_certificate_issue
from gonghui.craftsman.services.common import (
    applicant_of,
    check_scope,
    decimal_value,
    move,
    recompute,
)
from gonghui.craftsman.services.schemes import check_federation_admin
from gonghui.documents.services import document_revoke


def _check_cap(application: Application, adjustment) -> None:
    cap = selectors.rules_of(application.version).adjust_cap
    if abs(adjustment) > cap:
        raise ValidationError(
            _("The adjustment must lie between -%(cap)s and +%(cap)s points.")
            % {"cap": plain(cap)},
            code="cap",
        )


def expert_add(*, actor, scheme: Scheme, user, enterprise=None) -> Expert:
    check_federation_admin(actor, scheme.federation)
    return Expert.objects.create(scheme=scheme, user=user, enterprise=enterprise)


def expert_score(*, actor, application: Application, adjustment, comment: str) -> ExpertScore:
    """An expert's own proposal; an expert from the applicant's enterprise is blocked."""
    expert = Expert.objects.filter(scheme=application.scheme, user=actor).first()
    if expert is None:
        raise PermissionDenied(_("You are not on this scheme's expert committee."))
    if expert.enterprise_id and expert.enterprise_id == application.enterprise_id:
        raise PermissionDenied(
            _("Conflict of interest: you work at the applicant's enterprise and may not score.")
        )
    if not Application.objects.filter(pk=application.pk, status=Status.TOWN_CHECKED).exists():
        raise ValidationError(_("Only qualified applications are with the committee."))
    value = decimal_value(adjustment, _("Adjustment"))
    _check_cap(application, value)
    if not comment.strip():
        raise ValidationError(_("Write a comment with your score."))
    try:
        return ExpertScore.objects.create(
            application=application, expert=expert, adjustment=value, comment=comment.strip()
        )
    except IntegrityError as exc:
        raise ValidationError(_("You have already scored this application.")) from exc


def reviews_visible(*, user, application: Application):
    """Others' scores are shown to an expert only after they submitted their own."""
    mine = application.reviews.filter(expert__user=user)
    if mine.exists() or not Expert.objects.filter(scheme=application.scheme, user=user).exists():
        return application.reviews.select_related("expert__user")
    return mine


def application_adjust(*, actor, application: Application, adjustment, reason: str):
    """The committee's one agreed adjustment, within ±adjust_cap, with a written reason."""
    check_scope(actor, application)
    value = decimal_value(adjustment, _("Adjustment"))
    _check_cap(application, value)
    if not reason.strip():
        raise ValidationError(_("Write the reason for the adjustment."))
    with write_transaction():
        event = move(
            application=application,
            action=Action.ADJUST,
            actor=actor,
            note=f"{plain(value)}：{reason.strip()}",
            adjustment=value,
            adjustment_reason=reason.strip()[:255],
        )
        recompute(application)
    return event


def ranking_freeze(*, actor, scheme: Scheme) -> list[RankingEntry]:
    """Rank the qualified applications by rule 6 within the quota (pools, then the final
    pool) and keep the ranking as a snapshot; the scheme's rules are then closed."""
    check_federation_admin(actor, scheme.federation)
    with write_transaction():
        if (
            Scheme.objects.filter(pk=scheme.pk, status=SchemeStatus.OPEN).update(
                status=SchemeStatus.RANKED, ranked_at=timezone.now()
            )
            != 1
        ):
            raise ValidationError(_("The ranking of this scheme is already frozen."))
        scheme.status = SchemeStatus.RANKED
        applications = {
            str(a.pk): a
            for a in scheme.applications.filter(status=Status.TOWN_CHECKED)
            .select_related("member", "version")
            .prefetch_related("lines")
        }
        results = [
            score(applicant_of(a), selectors.rules_of(a.version)) for a in applications.values()
        ]
        pools = {pool.key: pool.places for pool in scheme.pools.all()}
        if pools:
            # Places not shared out to any pool join the final pool's.
            chosen = select(results, pools=pools, extra=scheme.quota - sum(pools.values()))
        else:
            chosen = select(results, quota=scheme.quota)
        picked = {c.applicant_id: c for c in chosen}
        by_id = {r.applicant_id: r for r in results}
        order = [c.applicant_id for c in chosen] + [
            r.applicant_id for r in ranking(results) if r.applicant_id not in picked
        ]
        entries = []
        for position, applicant_id in enumerate(order, start=1):
            application = applications[applicant_id]
            choice = picked.get(applicant_id)
            entries.append(
                RankingEntry.objects.create(
                    scheme=scheme,
                    application=application,
                    position=position,
                    pool=choice.pool if choice else application.pool,
                    pool_rank=choice.rank if choice else None,
                    selected=choice is not None,
                    score=by_id[applicant_id].total,
                    direct=by_id[applicant_id].direct,
                )
            )
        for applicant_id, application in applications.items():
            action = Action.RANK if applicant_id in picked else Action.RANK_OUT
            move(application=application, action=action, actor=actor)
    return entries


def notice_start(*, actor, scheme: Scheme, today: datetime.date | None = None) -> Scheme:
    check_federation_admin(actor, scheme.federation)
    today = today or timezone.localdate()
    ends = today + datetime.timedelta(days=scheme.notice_days)
    with write_transaction():
        if (
            Scheme.objects.filter(pk=scheme.pk, status=SchemeStatus.RANKED).update(
                status=SchemeStatus.NOTICE, notice_ends=ends
            )
            != 1
        ):
            raise ValidationError(_("Freeze the ranking before the public notice."))
        for application in scheme.applications.filter(status=Status.SELECTED):
            move(application=application, action=Action.START_NOTICE, actor=actor)
    scheme.status, scheme.notice_ends = SchemeStatus.NOTICE, ends
    return scheme


def objection_record(*, actor, application: Application, text: str, contact: str = ""):
    if not roles.is_staff(actor):
        raise PermissionDenied(_("Objections are recorded by staff."))
    check_scope(actor, application)
    if not Application.objects.filter(pk=application.pk, status=Status.ON_NOTICE).exists():
        raise ValidationError(_("Objections are taken during the public notice only."))
    if not text.strip():
        raise ValidationError(_("Write the objection."))
    return Objection.objects.create(
        application=application, text=text.strip(), contact=contact[:64], recorded_by=actor
    )


def objection_answer(*, actor, objection: Objection, answer: str, withdraw: bool = False):
    application = objection.application
    check_federation_admin(actor, application.scheme.federation)
    if not answer.strip():
        raise ValidationError(_("Write the answer to the objection."))
    with write_transaction():
        if (
            Objection.objects.filter(pk=objection.pk, answered_at__isnull=True).update(
                answer=answer.strip(), answered_at=timezone.now()
            )
            != 1
        ):
            raise ValidationError(_("This objection has already been answered."))
        if withdraw:
            move(application=application, action=Action.WITHDRAW, actor=actor, note=answer)
    objection.refresh_from_db()
    return objection


def scheme_name(
    *, actor, scheme: Scheme, today: datetime.date | None = None, base_url: str = ""
) -> list[Honour]:
    """After the notice (no objection unanswered), the selected are named; each gets a title
    valid for `title_years` years and its certificate, issued as a document whose QR opens the
    public check page (`base_url`: the site's address, for the QR)."""
    check_federation_admin(actor, scheme.federation)
    today = today or timezone.localdate()
    if scheme.status != SchemeStatus.NOTICE or today <= scheme.notice_ends:
        raise ValidationError(_("Titles are named after the public notice has ended."))
    if Objection.objects.filter(application__scheme=scheme, answered_at__isnull=True).exists():
        raise ValidationError(_("Answer every objection before naming."))
    honours = []
    with write_transaction():
        if (
            Scheme.objects.filter(pk=scheme.pk, status=SchemeStatus.NOTICE).update(
                status=SchemeStatus.NAMED
            )
            != 1
        ):
            raise ValidationError(_("This scheme has already been named."))
        named = scheme.applications.filter(status=Status.ON_NOTICE).select_related("member")
        for application in named.order_by("rank__position"):
            move(application=application, action=Action.NAME, actor=actor)
            honour = Honour.objects.create(
                member=application.member,
                holder_name=application.member.name,
                title=scheme.title,
                year=scheme.year,
                federation=scheme.federation,
                application=application,
                valid_from=today,
                valid_until=today.replace(year=today.year + scheme.title_years)
                - datetime.timedelta(days=1),
            )
            honour_certificate_issue(actor=actor, honour=honour, base_url=base_url)
            honours.append(honour)
    scheme.status = SchemeStatus.NAMED
    return honours


def honour_revoke(*, actor, honour: Honour, reason: str) -> Honour:
    """The title ends, and its certificate with it: the check page says it is revoked."""
    check_federation_admin(actor, honour.federation)
    if not reason.strip():
        raise ValidationError(_("Give the reason for revoking the title."))
    with write_transaction():
        if (
            Honour.objects.filter(pk=honour.pk, revoked_at__isnull=True).update(
                revoked_at=timezone.now(), revoke_reason=reason.strip()[:255]
            )
            != 1
        ):
            raise ValidationError(_("This title has already been revoked."))
        honour.refresh_from_db()
        certificate = honour.certificate
        if certificate is not None and not certificate.revoked:
            document_revoke(actor=actor, document=certificate, reason=reason)
    return honour


__all__ = ["recompute"]
