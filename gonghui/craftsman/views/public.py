"""Public pages, no sign-in: the public notice (公示) of a scheme. It shows names, enterprises
and scores only (what the applicant agreed to publish), never ID numbers or phone numbers.
A certificate's QR opens the documents app's check page (/v/<code>/)."""

from django.shortcuts import get_object_or_404, render

from gonghui.craftsman.models import Scheme, SchemeStatus, Status


def notice(request, pk):
    scheme = get_object_or_404(
        Scheme.objects.filter(status__in=(SchemeStatus.NOTICE, SchemeStatus.NAMED)), pk=pk
    )
    rows = (
        scheme.applications.filter(status__in=(Status.ON_NOTICE, Status.NAMED), consent_notice=True)
        .select_related("member", "enterprise")
        .order_by("rank__position")
    )
    return render(request, "craftsman/public/notice.html", {"scheme": scheme, "rows": rows})
