"""Public pages, no sign-in: the public notice (公示) of a scheme and the verification page a
certificate's QR code opens. They show names, enterprises and scores only (what the applicant
agreed to publish), never ID numbers or phone numbers."""

from django.shortcuts import get_object_or_404, render

from gonghui.craftsman.models import Honour, Scheme, SchemeStatus, Status


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


def verify(request, code):
    honour = Honour.objects.filter(code=code).select_related("federation").first()
    return render(
        request, "craftsman/public/verify.html", {"honour": honour}, status=200 if honour else 404
    )
