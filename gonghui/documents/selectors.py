from django.db.models import QuerySet

from gonghui.accounts import roles
from gonghui.documents.models import IssuedDocument


def documents_visible_to(user) -> QuerySet[IssuedDocument]:
    """Documents issued in the user's subtree."""
    if not roles.is_staff(user):
        return IssuedDocument.objects.none()
    return IssuedDocument.objects.filter(issuer__path__startswith=user.org.path).select_related(
        "issuer"
    )


def documents_of(owner: str, object_id: int) -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.filter(owner=owner, object_id=object_id).order_by("-issued_at")


def document_by_code(code: str) -> IssuedDocument | None:
    return IssuedDocument.objects.select_related("issuer").filter(code=code).first()
