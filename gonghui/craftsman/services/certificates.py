"""A title's certificate is an issued document (gonghui.documents): rendered once with its
verification QR to the public check page /v/<code>/, kept encrypted with its hash, revoked
with the title. One honour points at its current certificate (a one-to-one key)."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from gonghui.accounts import roles
from gonghui.core.masking import mask_name
from gonghui.craftsman.models import Honour
from gonghui.documents.models import IssuedDocument
from gonghui.documents.pdf import Letter
from gonghui.documents.services import document_issue, register_kind

KIND = "craftsman_certificate"
OWNER = "craftsman.honour"


def register() -> None:
    register_kind(KIND, pgettext_lazy("document kind", "Craftsman or model worker certificate"))


def honour_label(honour: Honour) -> str:
    return honour.name or honour.get_title_display()


def certificate_letter(honour: Honour) -> Letter:
    title = honour_label(honour)
    rows = [
        (pgettext("craftsman", "Holder"), honour.holder_name),
        (pgettext("craftsman", "Honour"), title),
        (pgettext("craftsman", "Year"), str(honour.year)),
        (pgettext("craftsman", "Level"), honour.get_level_display()),
        (pgettext("craftsman", "Valid from"), honour.valid_from.strftime("%Y-%m-%d")),
        (
            pgettext("craftsman", "Valid until"),
            honour.valid_until.strftime("%Y-%m-%d")
            if honour.valid_until
            else pgettext("craftsman", "For life"),
        ),
    ]
    return Letter(
        title=_("Certificate of honour: %(year)s %(title)s")
        % {"year": honour.year, "title": title},
        paragraphs=[
            _("%(holder)s holds the honour %(title)s of %(year)s. This certificate is issued.")
            % {"holder": honour.holder_name, "title": title, "year": honour.year},
        ],
        rows=rows,
        signer=honour.federation.name,
        date=honour.valid_from.strftime("%Y-%m-%d"),
    )


def _subject(honour: Honour) -> str:
    # A collective (a team, a workshop) is named whole; a person masked (陈*心).
    return honour.holder_name if honour.collective else mask_name(honour.holder_name)


@transaction.atomic
def honour_certificate_issue(*, actor, honour: Honour, base_url: str = "") -> IssuedDocument:
    """The honour's certificate: the stored one, or a new one when it has none yet (an honour
    imported into the archive) or when its document was revoked while the title stands. The
    honour's row is locked so that two requests never issue two certificates."""
    locked = (
        Honour.objects.select_for_update(of=("self",))
        .select_related("federation", "certificate")
        .get(pk=honour.pk)
    )
    current = locked.certificate
    if current is not None and (not current.revoked or locked.revoked_at is not None):
        return current
    document = document_issue(
        actor=actor if roles.is_staff(actor) else None,  # a member's download: the system
        kind=KIND,
        letter=certificate_letter(locked),
        issuer=locked.federation,
        subject_masked=_subject(locked),
        owner=OWNER,
        object_id=locked.pk,
        base_url=base_url,
    )
    Honour.objects.filter(pk=locked.pk).update(certificate=document)
    honour.certificate = document
    return document
