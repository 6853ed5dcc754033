"""The public check page (/v/<code>/, no sign-in, a phone's width) and the staff list of
issued documents with download and revocation."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.core.imports import error_text
from gonghui.documents import selectors, services

MAX_CHECK_BYTES = 20 * 1024 * 1024


class CheckForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("The PDF you received"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CHECK_BYTES:
            raise ValidationError(_("The file is larger than 20 MB."))
        return upload


def verify(request, code):
    """Anyone holding the document (an employer, a bank, the worker) checks it here."""
    document = selectors.document_by_code(code)
    if document is None:
        return render(request, "documents/verify.html", {"code": code}, status=404)
    form = CheckForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = services.document_matches(document, form.cleaned_data["file"].read())
    return render(
        request,
        "documents/verify.html",
        {
            "document": document,
            "kind": services.KINDS.get(document.kind, document.kind),
            "form": form,
            "outcome": outcome,
        },
    )


@staff_required
def document_list(request):
    rows = selectors.documents_visible_to(request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    for document in page:
        document.kind_label = services.KINDS.get(document.kind, document.kind)
    return render(request, "documents/list.html", {"page": page})


@staff_required
def document_pdf(request, pk):
    document = get_object_or_404(selectors.documents_visible_to(request.user), pk=pk)
    response = HttpResponse(services.document_bytes(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.code}.pdf"'
    return response


@staff_required
@require_POST
def document_revoke(request, pk):
    document = get_object_or_404(selectors.documents_visible_to(request.user), pk=pk)
    try:
        services.document_revoke(
            actor=request.user, document=document, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The document has been revoked."))
    return redirect("staff:document_list")
