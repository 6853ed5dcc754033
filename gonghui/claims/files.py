"""Claim files leave storage only through the scoped views of a claim (member or staff),
never through MEDIA_URL: a guessed number of another claim is a 404 before any file is
touched."""

from django.http import FileResponse

from gonghui.claims.models import Material

EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}


def serve_material(material: Material) -> FileResponse:
    extension = EXTENSIONS.get(material.content_type, "bin")
    response = FileResponse(
        material.file.open("rb"),
        content_type=material.content_type,
        filename=f"{material.claim.reference}-{material.kind}-{material.pk}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; frame-ancestors 'self'"
    )
    # The reviewer's viewer shows a PDF in a frame of the claim page; every other answer is
    # DENY (settings.X_FRAME_OPTIONS).
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response
