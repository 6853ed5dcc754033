"""The 要约书: a written request to bargain, generated as an issued document (a PDF with its
verification QR) naming the enterprise and the union, signed by the union chair."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from gonghui.contracts.models import Target
from gonghui.documents.pdf import Letter

KIND = "contract_request"
OWNER = "contracts.target"


def register() -> None:
    from gonghui.documents.services import register_kind

    register_kind(KIND, pgettext_lazy("document kind", "Request to bargain (要约书)"))


def request_letter(target: Target, *, chair: str, sent_on) -> Letter:
    enterprise, union = target.enterprise, target.union
    return Letter(
        title=_("Request for collective wage bargaining"),
        paragraphs=[
            pgettext("contracts", "To %(enterprise)s:") % {"enterprise": enterprise.name},
            _(
                "Under the Labour Contract Law, the Trade Union Law and the Provisions on "
                "Collective Contracts, %(union)s, on behalf of the workers of your enterprise, "
                "requests collective bargaining over wages for %(year)s: this year's wage "
                "adjustment, the lowest wage, pay days and the workers covered."
            )
            % {"union": union.name, "year": target.campaign.year},
            _(
                "Please reply in writing within %(days)s days of receiving this letter and "
                "name your representatives, so that the first meeting can be agreed."
            )
            % {"days": target.campaign.reply_days},
        ],
        rows=[
            (pgettext("contracts", "Enterprise"), enterprise.name),
            (pgettext("contracts", "Credit code"), enterprise.credit_code),
            (pgettext("contracts", "Union"), union.name),
            (pgettext("contracts", "Union chair"), chair),
        ],
        signer=f"{union.name}　{chair}",
        date=sent_on.strftime("%Y-%m-%d"),
    )
