"""Member pages (phone, WeUI): my enrollments and the benefit calculator."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone

from gonghui.accounts.decorators import member_required
from gonghui.core.imports import error_text
from gonghui.mutual_aid import quotes, selectors
from gonghui.mutual_aid.forms import QuoteForm
from gonghui.orgs.selectors import members_visible_to

# The calculator's events a claim is filed for (a special outpatient visit is never paid).
CLAIMABLE = ("inpatient", "diagnosis", "birth")


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
    # Something is payable for a kind of event a claim can be filed for: offer to file it,
    # carrying what was typed here.
    claim_facts = {}
    if result is not None and result.total > 0 and form.data.get("type") in CLAIMABLE:
        claim_facts = {
            name: form.data[name] for name in QuoteForm.EVENT_FIELDS if form.data.get(name)
        }
    return render(
        request,
        "mutual_aid/portal/quote.html",
        {"form": form, "quote": result, "claim_facts": claim_facts},
    )
