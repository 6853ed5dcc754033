"""A title's certificate served to the member or to staff: the stored document's exact bytes
(the ones its hash on the public check page /v/<code>/ was taken from)."""

from django.http import HttpResponse

from gonghui.craftsman.services import honour_certificate_issue
from gonghui.documents.services import document_bytes


def certificate_response(request, honour) -> HttpResponse:
    document = honour_certificate_issue(
        actor=request.user, honour=honour, base_url=request.build_absolute_uri("/")
    )
    return HttpResponse(
        document_bytes(document),
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="certificate-{honour.pk}.pdf"'},
    )
