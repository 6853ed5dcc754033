"""Payout batches: from approved claims to the bank's file, paid or failed line by line."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gonghui.accounts.permissions import IsStaffUser
from gonghui.claims import access, selectors, services
from gonghui.claims.api.serializers import ClaimSerializer
from gonghui.claims.models import PayoutBatch, PayoutLine
from gonghui.core import exports
from gonghui.core.api import IdField


class PayoutLineSerializer(serializers.ModelSerializer):
    claim_reference = serializers.CharField(source="claim.reference")
    member_name = serializers.CharField(source="claim.member.name")
    bank_card = serializers.CharField(source="claim.member.bank_card_masked")

    class Meta:
        model = PayoutLine
        fields = [
            "id",
            "claim",
            "claim_reference",
            "member_name",
            "bank_card",
            "amount",
            "status",
            "failure_reason",
            "decided_at",
        ]


class PayoutBatchSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    lines = PayoutLineSerializer(many=True, read_only=True)

    class Meta:
        model = PayoutBatch
        fields = ["id", "reference", "status", "created_at", "exported_at", "closed_at", "lines"]


class BatchCreateSerializer(serializers.Serializer):
    claims = serializers.ListField(
        child=IdField(),
        required=False,
        max_length=5000,
        help_text="Claim ids; all claims waiting for payment when left out.",
    )


class FailSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255)


class IsPayer(IsStaffUser):
    def has_permission(self, request, view):
        return super().has_permission(request, view) and access.can_pay(request.user)


@extend_schema_view(
    list=extend_schema(summary="支付批次"),
    retrieve=extend_schema(summary="支付批次详情"),
    create=extend_schema(summary="从审核通过的申请生成支付批次", request=BatchCreateSerializer),
)
class PayoutBatchViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsPayer]
    serializer_class = PayoutBatchSerializer

    def get_queryset(self):
        return (
            selectors.batches_visible_to(self.request.user)
            .prefetch_related("lines__claim__member")
            .order_by("-created_at", "-id")
        )

    def create(self, request):
        serializer = BatchCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        batch = services.payout_batch_create(
            actor=request.user, claim_ids=serializer.validated_data.get("claims")
        )
        return Response(
            PayoutBatchSerializer(self.get_queryset().get(pk=batch.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(summary="等待支付的申请", responses=ClaimSerializer(many=True))
    @action(detail=False, methods=["get"])
    def waiting(self, request):
        page = self.paginate_queryset(selectors.payout_queue(request.user))
        return self.get_paginated_response(ClaimSerializer(page, many=True).data)

    @extend_schema(
        summary="导出银行代发文件（xlsx，记录导出）",
        responses={(200, exports.XLSX): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        batch = self.get_object()
        content = services.payout_batch_export(actor=request.user, batch=batch)
        label = _("Bank transfer file %(batch)s") % {"batch": batch.reference}
        return exports.xlsx_response(
            content,
            f"{label}.xlsx",
            request=request._request,
            logged=exports.Logged(batch, batch.federation, label),
        )

    @extend_schema(summary="标记整批已支付（失败的行除外）", request=None)
    @action(detail=True, methods=["post"])
    def paid(self, request, pk=None):
        batch = self.get_object()
        services.payout_batch_mark_paid(actor=request.user, batch=batch)
        return Response(PayoutBatchSerializer(self.get_queryset().get(pk=batch.pk)).data)

    @extend_schema(summary="标记一行支付失败（回到待支付队列）", request=FailSerializer)
    @action(detail=True, methods=["post"], url_path="lines/<int:line_pk>/failed")
    def line_failed(self, request, pk=None, line_pk=None):
        batch = self.get_object()
        line = get_object_or_404(batch.lines, pk=line_pk)
        serializer = FailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.payout_line_fail(actor=request.user, line=line, **serializer.validated_data)
        return Response(PayoutBatchSerializer(self.get_queryset().get(pk=batch.pk)).data)
