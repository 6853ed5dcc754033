"""调解协议书: the terms, the amount and how it is performed, signed on the screen by the worker
and the enterprise (the claims app's signature check), and the PDF in the standard layout
(gonghui.documents, with its verification QR). Signing settles the case."""

import base64

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from gonghui.claims.services.filing import _clean_signature as clean_signature
from gonghui.core.money import fmt_yuan
from gonghui.documents.pdf import Letter
from gonghui.documents.services import document_issue, register_kind
from gonghui.grid.models import Action, Agreement, Case, PartyRole
from gonghui.grid.services import deadlines
from gonghui.grid.services.cases import _move, lock, money

KIND = "grid_agreement"
OWNER = "grid.agreement"


def register() -> None:
    register_kind(KIND, pgettext_lazy("document kind", "Mediation agreement"))


def signature_bytes(value) -> bytes:
    """A PNG as bytes, or as the canvas's data URL (data:image/png;base64,...)."""
    if isinstance(value, bytes):
        return value
    text = (value or "").strip()
    if "," in text and text.startswith("data:"):
        text = text.split(",", 1)[1]
    try:
        return base64.b64decode(text, validate=True)
    except (ValueError, TypeError):
        return b""


def _signature(value, field: str) -> bytes:
    try:
        png, _width, _height = clean_signature(signature_bytes(value))
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}, code="signature") from exc
    return png


def agreement_letter(case: Case, agreement: Agreement) -> Letter:
    workers = [p.name for p in case.parties.all() if p.role == PartyRole.WORKER]
    companies = [p.name for p in case.parties.all() if p.role != PartyRole.WORKER]
    signed = timezone.localtime(agreement.signed_at)
    return Letter(
        title=pgettext("grid", "Mediation agreement"),
        paragraphs=[
            _(
                "Case %(code)s was mediated by the trade union. The parties agree on the "
                "following terms of their own free will."
            )
            % {"code": case.code}
        ],
        rows=[
            (pgettext("grid", "Case number"), case.code),
            (pgettext("grid", "Worker party"), "、".join(workers) or "—"),
            (pgettext("grid", "Other party"), "、".join(companies) or "—"),
            (pgettext("grid", "Facts"), case.facts),
            (pgettext("grid", "Terms"), agreement.terms),
            (pgettext("grid", "Amount (yuan)"), fmt_yuan(agreement.amount)),
            (pgettext("grid", "Performance"), agreement.performance),
            (pgettext("grid", "Signatures"), _("Signed on the screen by both parties")),
        ],
        signer=case.org.name,
        date=signed.strftime("%Y-%m-%d"),
    )


@transaction.atomic
def agreement_sign(
    *, actor, case: Case, terms, amount, performance, worker_signature, enterprise_signature,
    base_url: str = "",
) -> Agreement:  # fmt: skip
    """Everything is checked before anything is written: a bad amount or a blank signature
    leaves the case as it was."""
    case = lock(case, actor)
    amount = money(amount, "amount")
    if not (terms or "").strip() or not (performance or "").strip():
        raise ValidationError(
            {"terms": _("Write the terms and how, when and where they are performed.")},
            code="terms",
        )
    worker_png = _signature(worker_signature, "worker_signature")
    enterprise_png = _signature(enterprise_signature, "enterprise_signature")
    if hasattr(case, "agreement"):
        raise ValidationError(_("This case already has an agreement."), code="twice")
    now = timezone.now()
    _move(case, actor=actor, action=Action.SETTLE, note=terms, settled_at=now)
    agreement = Agreement.objects.create(
        case=case, terms=terms.strip(), amount=amount, performance=performance.strip(),
        worker_signature=worker_png, enterprise_signature=enterprise_png, signed_by=actor,
    )  # fmt: skip
    document = document_issue(
        actor=actor if actor.role != "member" else None,
        kind=KIND,
        letter=agreement_letter(case, agreement),
        issuer=case.org,
        subject_masked=case.code,
        owner=OWNER,
        object_id=agreement.pk,
        base_url=base_url,
    )
    Agreement.objects.filter(pk=agreement.pk).update(document=document)
    agreement.document = document
    deadlines.mediation_met(case)
    return agreement
