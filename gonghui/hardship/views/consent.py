"""The page where staff record a worker's agreement to the public notice on an existing file."""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from gonghui.accounts.decorators import staff_required
from gonghui.consent.forms import add_consent_fields, consent_agreement
from gonghui.consent.services import consent_for
from gonghui.core.imports import error_text
from gonghui.hardship import access, publication
from gonghui.hardship.services.consent import file_consent_record
from gonghui.hardship.views.files import render_file_page, visible_file


class ConsentForm(django_forms.Form):
    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        add_consent_fields(self, service=publication.SERVICE, member=member, on_behalf=True)


@staff_required
def consent_record(request, pk):
    file = visible_file(request, pk)
    if not access.can_keep_files(request.user):
        raise PermissionDenied
    form = ConsentForm(request.POST or None, member=file.member)
    if request.method == "POST" and form.is_valid():
        try:
            file_consent_record(actor=request.user, file=file, agreement=consent_agreement(form))
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The worker's agreement to the notice has been recorded."))
            return redirect("staff:hardship_file_detail", pk=file.pk)
    return render_file_page(
        request,
        "hardship/consent_form.html",
        file,
        {"form": form, "consent": consent_for(publication.SERVICE, file.pk)},
    )
