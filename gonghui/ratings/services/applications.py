"""Applications by a union (or for its enterprise): evidence lines with encrypted uploads and
the self-assessment at once; the town's pre-assessment; the county's inspection (refused lines
recompute); the public notice and the naming of the title."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import pgettext

from gonghui.core.db import write_transaction
from gonghui.core.filecrypt import save_encrypted
from gonghui.core.uploads import clean_upload
from gonghui.craftsman.scoring import Applicant, Evidence, RulesError, check_applicant
from gonghui.orgs.models import FEDERATION_KINDS, GRASSROOTS_KINDS
from gonghui.ratings import selectors
from gonghui.ratings.models import (
    Action,
    ApplicantKind,
    Application,
    Inspection,
    Line,
    Programme,
    Status,
    Title,
    TitleStatus,
)
from gonghui.ratings.services.common import check_open, check_scope, level_name, move, recompute
from gonghui.ratings.workflow import CREATED, check_move


def check_may_apply(programme: Programme, applicant, enterprise=None) -> None:
    """Who may apply: the programme's kind of applicant within its scope's subtree."""
    scope = programme.scope or programme.federation
    if not applicant.path.startswith(scope.path):
        raise ValidationError(
            pgettext(
                "ratings", "%(org)s is outside the scope of %(programme)s (open to %(scope)s only)."
            )
            % {"org": applicant.name, "programme": programme.name, "scope": scope.name},
            code="scope",
        )
    kind = programme.applicant_kind
    if kind == ApplicantKind.TOWN and applicant.kind not in FEDERATION_KINDS:
        raise ValidationError(
            pgettext("ratings", "Only town federations may apply for this programme.")
        )
    if kind in (ApplicantKind.UNION, ApplicantKind.ENTERPRISE) and (
        applicant.kind not in GRASSROOTS_KINDS
    ):
        raise ValidationError(
            pgettext("ratings", "Only grassroots unions may apply for this programme.")
        )
    if kind == ApplicantKind.ENTERPRISE and (
        enterprise is None or enterprise.union_id != applicant.pk
    ):
        raise ValidationError(pgettext("ratings", "Choose an enterprise of the applying union."))


def _date(raw, number):
    if isinstance(raw, str):
        try:
            raw = datetime.date.fromisoformat(raw.strip())
        except ValueError:
            raw = None
    if not isinstance(raw, datetime.date):
        raise ValidationError(
            pgettext("ratings", "Line %(number)s needs a valid date.") % {"number": number}
        )
    return raw


def clean_lines(rules, lines) -> list[dict]:
    cleaned = []
    for number, raw in enumerate(lines, start=1):
        try:
            quantity = int(raw.get("quantity") or 1)
        except (TypeError, ValueError) as exc:
            raise ValidationError(
                pgettext("ratings", "Line %(number)s: the quantity is not a whole number.")
                % {"number": number}
            ) from exc
        cleaned.append(
            {
                "item": str(raw.get("item") or "").strip(),
                "date": _date(raw.get("date"), number),
                "quantity": quantity,
                "note": str(raw.get("note") or "").strip()[:255],
                "upload": raw.get("upload"),
            }
        )
    if not cleaned:
        raise ValidationError(pgettext("ratings", "Add at least one evidence line."))
    evidence = tuple(
        Evidence(item=c["item"], date=c["date"], quantity=c["quantity"]) for c in cleaned
    )
    try:
        check_applicant(Applicant(id="new", evidence=evidence), rules)
    except RulesError as exc:
        raise ValidationError(str(exc), code="rules") from exc
    return cleaned


def _store_upload(application: Application, upload) -> tuple[str, str]:
    clean = clean_upload(upload)
    name = f"ratings/{application.pk}/{timezone.now():%Y%m%d%H%M%S%f}.{clean.extension}.bin"
    stored = save_encrypted(default_storage, name, ContentFile(clean.content))
    return stored, upload.name[:255]


def application_apply(*, actor, programme: Programme, lines, applicant=None, enterprise=None):
    """The union's staff apply for their own union (a town's staff for their town); the
    self-assessed score and level are computed at once and freeze the rules version."""
    check_open(programme.federation)
    applicant = applicant or actor.org
    if not applicant.path.startswith(actor.org.path):
        raise PermissionDenied(pgettext("ratings", "You may only apply for your own organisation."))
    if not programme.active:
        raise ValidationError(pgettext("ratings", "This programme takes no applications now."))
    check_move(status=CREATED, action=Action.APPLY, role=actor.role)
    check_may_apply(programme, applicant, enterprise)
    version = selectors.current_version(programme)
    cleaned = clean_lines(selectors.rules_of(version), lines)
    uploads = [c["upload"] for c in cleaned if c["upload"]]
    for upload in uploads:
        clean_upload(upload)  # a refused file is refused before anything is written
        upload.seek(0)
    with write_transaction():
        application = Application.objects.create(
            programme=programme,
            version=version,
            applicant=applicant,
            enterprise=enterprise,
            filed_by=actor,
            applied_at=timezone.now(),
            status=Status.SUBMITTED,
        )
        for number, c in enumerate(cleaned, start=1):
            stored, name = _store_upload(application, c["upload"]) if c["upload"] else ("", "")
            Line.objects.create(
                application=application,
                number=number,
                item=c["item"],
                date=c["date"],
                quantity=c["quantity"],
                note=c["note"],
                upload=stored,
                upload_name=name,
            )
        recompute(application, self_assessed=True)
        from gonghui.ratings.models import Event

        Event.objects.create(
            application=application,
            action=Action.APPLY,
            to_status=Status.SUBMITTED,
            actor=actor,
        )
    return application


def _load(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def pre_assess(*, actor, application: Application, note: str = "") -> Application:
    check_open(application.programme.federation)
    check_scope(actor, application)
    with write_transaction():
        application = _load(application)
        move(application=application, action=Action.PRE_ASSESS, actor=actor, note=note)
    return application


def refuse(*, actor, application: Application, reason: str) -> Application:
    check_open(application.programme.federation)
    check_scope(actor, application)
    if not reason.strip():
        raise ValidationError(pgettext("ratings", "Give the reason for the refusal."))
    with write_transaction():
        application = _load(application)
        move(application=application, action=Action.REFUSE, actor=actor, note=reason.strip())
    return application


def inspect(
    *, actor, application: Application, date, inspectors: str, summary: str = "", findings=()
) -> Application:
    """The county's on-site inspection: findings per line, refused lines with their reasons;
    the score and level are recomputed and the trace says why a level dropped."""
    check_open(application.programme.federation)
    check_scope(actor, application)
    if not isinstance(date, datetime.date):
        try:
            date = datetime.date.fromisoformat(str(date).strip())
        except ValueError as exc:
            raise ValidationError(pgettext("ratings", "Enter the date of the inspection.")) from exc
    if not inspectors.strip():
        raise ValidationError(pgettext("ratings", "Name the inspectors."))
    lines = {line.number: line for line in application.lines.all()}
    cleaned = []
    for finding in findings:
        number = int(finding.get("line") or 0)
        if number not in lines:
            raise ValidationError(
                pgettext("ratings", "The application has no evidence line %(number)s.")
                % {"number": number}
            )
        refused = bool(finding.get("refused"))
        reason = str(finding.get("reason") or "").strip()
        if refused and not reason:
            raise ValidationError(
                pgettext("ratings", "Give the reason for refusing line %(number)s.")
                % {"number": number}
            )
        cleaned.append((lines[number], str(finding.get("finding") or "").strip(), refused, reason))
    with write_transaction():
        application = _load(application)
        check_move(status=application.status, action=Action.INSPECT, role=actor.role)
        Inspection.objects.create(
            application=application,
            date=date,
            inspectors=inspectors.strip()[:255],
            summary=summary.strip(),
            recorded_by=actor,
        )
        for line, text, refused, reason in cleaned:
            line.finding = text[:255]
            line.refused_reason = reason[:255] if refused else ""
            line.save(update_fields=["finding", "refused_reason"])
        recompute(application)
        rules = selectors.rules_of(application.version)
        note = pgettext("ratings", "Score %(score)s, level %(level)s") % {
            "score": application.score,
            "level": level_name(rules, application.level) or "—",
        }
        move(application=application, action=Action.INSPECT, actor=actor, note=note)
    return application


def start_notice(*, actor, application: Application) -> Application:
    check_open(application.programme.federation)
    check_scope(actor, application)
    if not application.level:
        raise ValidationError(
            pgettext("ratings", "The application reaches no level: it cannot be named.")
        )
    ends = timezone.localdate() + datetime.timedelta(days=application.programme.notice_days)
    with write_transaction():
        application = _load(application)
        move(application=application, action=Action.START_NOTICE, actor=actor, notice_ends=ends)
    return application


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def title_dates(programme: Programme, start: datetime.date) -> dict:
    """Valid from the naming day for validity_years (the last day included); re-assessment
    due reassess_days before the last day."""
    until = add_years(start, programme.validity_years) - datetime.timedelta(days=1)
    return {
        "valid_from": start,
        "valid_until": until,
        "reassess_due": until - datetime.timedelta(days=programme.reassess_days),
    }


def name_title(*, actor, application: Application) -> Title:
    """After the notice: the title, with its validity and the programme's award; an earlier
    title of the same programme held by the applicant is renewed by it."""
    check_open(application.programme.federation)
    check_scope(actor, application)
    today = timezone.localdate()
    if application.notice_ends and today < application.notice_ends:
        raise ValidationError(
            pgettext("ratings", "The public notice runs until %(date)s.")
            % {"date": application.notice_ends}
        )
    programme = application.programme
    rules = selectors.rules_of(application.version)
    with write_transaction():
        application = _load(application)
        move(application=application, action=Action.NAME, actor=actor)
        Title.objects.filter(
            programme=programme, holder=application.applicant, status=TitleStatus.IN_FORCE
        ).update(status=TitleStatus.RENEWED)
        enterprise = application.enterprise
        return Title.objects.create(
            programme=programme,
            holder=application.applicant,
            enterprise=enterprise,
            application=application,
            level=application.level,
            level_name=level_name(rules, application.level),
            award=programme.award,
            **title_dates(programme, today),
        )
