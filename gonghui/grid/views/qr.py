import segno
from django.urls import reverse


def track_url(request, case) -> str:
    return request.build_absolute_uri(reverse("grid_portal:track") + f"?code={case.code}")


def track_qr(request, case) -> str:
    """The case's QR: the follow-up page with its number filled in (the filer adds the
    mobile)."""
    return segno.make_qr(track_url(request, case), error="m").svg_inline(scale=3, border=2)
