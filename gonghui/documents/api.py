"""Issued documents in the JSON API: list, one, its PDF, and revocation."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gonghui.accounts.permissions import IsStaffUser
from gonghui.core.api import Pagination
from gonghui.documents import selectors, services
from gonghui.documents.models import IssuedDocument


class DocumentSerializer(serializers.ModelSerializer):
    issuer_name = serializers.CharField(source="issuer.name", read_only=True)
    verify_path = serializers.SerializerMethodField()
    revoked = serializers.BooleanField(read_only=True)

    class Meta:
        model = IssuedDocument
        fields = [
            "id",
            "code",
            "kind",
            "title",
            "issuer",
            "issuer_name",
            "subject_masked",
            "owner",
            "object_id",
            "sha256",
            "size",
            "issued_at",
            "revoked",
            "revoked_at",
            "revoke_reason",
            "verify_path",
        ]

    def get_verify_path(self, document) -> str:
        return services.verify_url(document.code, "")


class RevokeInput(serializers.Serializer):
    reason = serializers.CharField(max_length=255)


@extend_schema_view(
    list=extend_schema(summary="本辖区签发的文件（带核验二维码的PDF）"),
    retrieve=extend_schema(summary="一份签发的文件"),
)
class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DocumentSerializer
    permission_classes = [IsStaffUser]
    pagination_class = Pagination

    def get_queryset(self):
        return selectors.documents_visible_to(self.request.user)

    @extend_schema(summary="下载文件PDF", responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        document = self.get_object()
        response = HttpResponse(services.document_bytes(document), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{document.code}.pdf"'
        return response

    @extend_schema(
        summary="作废文件（须说明理由）", request=RevokeInput, responses={200: DocumentSerializer}
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        serializer = RevokeInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = services.document_revoke(
            actor=request.user, document=self.get_object(), **serializer.validated_data
        )
        return Response(DocumentSerializer(document).data)
