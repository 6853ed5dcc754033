"""The public notice (公示) of a hardship file as a PDF to post, with a verification QR
(the documents app). It publishes what the worker agreed to when applying (the notice's
text: e.g. 程*生，甲镇一厂工会，深度困难), as the notice page does."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core.masking import mask_name
from gonghui.documents.pdf import Letter
from gonghui.documents.services import document_issue
from gonghui.hardship.models import PublicNotice
from gonghui.hardship.services.common import check_keeper

OWNER = "hardship.publicnotice"


@transaction.atomic
def notice_document_issue(*, actor, notice: PublicNotice, base_url: str = ""):
    file = notice.file
    check_keeper(actor, file)
    member = file.member
    union = member.union
    town = union.parent or union
    letter = Letter(
        title=_("Public notice of a hardship worker file"),
        paragraphs=[
            _(
                "On the worker's application, after review by the grassroots union and a home "
                "visit by the town federation, the worker below is proposed as a hardship "
                "worker. This is made public as follows."
            )
        ],
        rows=[
            # Only what the worker agreed to when applying (the consent app), as on the
            # notice page; a notice from before consents were recorded names them masked.
            (_("Published with the worker's agreement"), notice.text or mask_name(member.name)),
            (
                _("Notice period"),
                pgettext("hardship", "%(start)s to %(end)s")
                % {
                    "start": notice.starts_on.strftime("%Y-%m-%d"),
                    "end": notice.ends_on.strftime("%Y-%m-%d"),
                },
            ),
            (_("Posted at"), notice.place),
        ],
        after=[
            _(
                "Anyone who objects may tell %(town)s during the notice period, in their own "
                "name; the union keeps who raised an objection confidential."
            )
            % {"town": town.name}
        ],
        signer=actor.org.name,
        date=notice.starts_on.strftime("%Y-%m-%d"),
    )
    return document_issue(
        actor=actor,
        kind="hardship_notice",
        letter=letter,
        issuer=actor.org,
        subject_masked=mask_name(member.name),
        owner=OWNER,
        object_id=notice.pk,
        base_url=base_url,
    )
