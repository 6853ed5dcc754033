"""Member pages (phone, WeUI): my enrollments and the benefit calculator."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone

from gonghui.accounts.decorators import member_required
from gonghui.core.imports import error_text
from gonghui.mutual_aid import quotes, selectors
from gonghui.mutual_aid.forms import QuoteForm
from gonghui.orgs.selectors import members_visible_to


@member_required
def my_enrollments(request):
    return render(
        request,
        "mutual_aid/portal/enrollments.html",
        {
            "groups": selectors.my_enrollments(request.user),
            "today": timezone.localdate(),
        },
    )


@member_required
def quote(request):
    member = members_visible_to(request.user).select_related("union").get()
    form = QuoteForm(request.POST or None, initial={"type": "inpatient"})
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = quotes.quote_for_member(
                member=member, event=form.cleaned_data["event"], filed_on=timezone.localdate()
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
    return render(request, "mutual_aid/portal/quote.html", {"form": form, "quote": result})
