"""Legal help: members' questions answered by the federation's union lawyers (a question can
become a case), legal-service events, and labour-practice health checks of enterprises."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.accounts.models import Role
from gonghui.grid import selectors
from gonghui.grid.models import (
    CHECKLIST,
    Channel,
    HealthCheck,
    Kind,
    LegalEvent,
    LegalEventKind,
    LegalQuestion,
    PartyRole,
    QuestionCategory,
    Severity,
)
from gonghui.orgs.models import Member
from gonghui.orgs.selectors import enterprises_visible_to

HEALTH_CHECKERS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_ADMIN})


@transaction.atomic
def question_ask(*, actor, category: str, text: str) -> LegalQuestion:
    if not roles.is_member(actor):
        raise PermissionDenied(_("Members ask legal questions on their phone."))
    if category not in QuestionCategory.values:
        raise ValidationError({"category": _("Choose what the question is about.")})
    if not (text or "").strip():
        raise ValidationError({"text": _("Write your question.")}, code="text")
    member = Member.objects.select_related("union").get(user=actor)
    return LegalQuestion.objects.create(
        member=member,
        federation_id=member.union.ancestor_ids[0],
        category=category,
        text=text.strip(),
    )


def _lawyer_question(actor, question: LegalQuestion) -> LegalQuestion:
    if (
        actor.role != Role.LAWYER
        or not selectors.questions_visible_to(actor).filter(pk=question.pk).exists()
    ):
        raise PermissionDenied(_("Only the federation's union lawyers answer legal questions."))
    return LegalQuestion.objects.select_for_update().get(pk=question.pk)


@transaction.atomic
def question_answer(*, actor, question: LegalQuestion, answer: str) -> LegalQuestion:
    question = _lawyer_question(actor, question)
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write the answer.")}, code="answer")
    question.answer = answer.strip()
    question.answered_by = actor
    question.answered_at = question.answered_at or timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    return question


@transaction.atomic
def question_to_case(*, actor, question: LegalQuestion, kind: str = Kind.LABOUR_DISPUTE):
    """The question becomes a case of the member's union, the member its worker party."""
    from gonghui.grid.models import Case, CaseEvent, Level, Party, Status
    from gonghui.grid.services import deadlines
    from gonghui.grid.services.cases import _town_of, new_code, parameters_of

    question = _lawyer_question(actor, question)
    if question.case_id:
        raise ValidationError(_("This question is already a case."), code="twice")
    member = question.member
    case = Case.objects.create(
        code=new_code(), kind=kind, severity=Severity.MEDIUM, status=Status.REGISTERED,
        level=Level.UNION, channel=Channel.QUESTION, union=member.union,
        town=_town_of(member.union), org=member.union, enterprise=member.enterprise,
        title=question.get_category_display(), facts=question.text, filed_by=member.user,
        filer_mobile=member.mobile, filed_at=timezone.now(),
    )  # fmt: skip
    Party.objects.create(
        case=case, role=PartyRole.WORKER, name=member.name, member=member, mobile=member.mobile
    )
    CaseEvent.objects.create(
        case=case, action="file", from_status="", to_status=case.status, level=case.level,
        actor=actor, note=_("From a legal question."),
    )  # fmt: skip
    deadlines.first_action_open(case, parameters_of(member.union))
    question.case = case
    question.save(update_fields=["case"])
    return case


@transaction.atomic
def legal_event_record(*, actor, kind, date, topic, attendees=0, enterprise=None) -> LegalEvent:
    if not (roles.is_staff(actor) or actor.role == Role.LAWYER):
        raise PermissionDenied(_("Your role may not record legal-service events."))
    if kind not in LegalEventKind.values:
        raise ValidationError({"kind": _("Choose the kind of event.")})
    if not date or not (topic or "").strip():
        raise ValidationError({"topic": _("Give the date and the topic.")}, code="required")
    return LegalEvent.objects.create(
        federation_id=actor.org.ancestor_ids[0], kind=kind, date=date, topic=topic.strip()[:128],
        attendees=int(attendees or 0), enterprise=enterprise,
    )  # fmt: skip


@transaction.atomic
def health_check_record(
    *, actor, enterprise, date: datetime.date, results: dict, findings="", rectify_by=None
) -> HealthCheck:
    """劳动用工体检: every item of the checklist answered; a finding needs a rectification
    deadline after the check."""
    if not (roles.is_staff(actor) and actor.role in HEALTH_CHECKERS):
        raise PermissionDenied(_("Your role may not record health checks."))
    if not enterprises_visible_to(actor).filter(pk=enterprise.pk).exists():
        raise PermissionDenied(_("The enterprise is not in your organisation."))
    answered = {key: results.get(key) for key, _label in CHECKLIST}
    if any(value is None for value in answered.values()):
        raise ValidationError({"results": _("Answer every item of the checklist.")})
    if not all(answered.values()) and rectify_by is None:
        raise ValidationError(
            {"rectify_by": _("A finding needs a rectification deadline.")}, code="rectify_by"
        )
    if rectify_by is not None and rectify_by < date:
        raise ValidationError({"rectify_by": _("The deadline is after the check.")})
    return HealthCheck.objects.create(
        enterprise=enterprise, org=enterprise.union or enterprise.area, date=date,
        results={key: bool(value) for key, value in answered.items()},
        findings=(findings or "").strip(), rectify_by=rectify_by, checked_by=actor,
    )  # fmt: skip
