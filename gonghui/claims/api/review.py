"""The review queue and the reviewer's actions: correct, approve (and second-approve),
reject, return for material."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action

from gonghui.accounts.permissions import IsStaffUser
from gonghui.claims import access, selectors, services
from gonghui.claims.api.filing import FilingActions
from gonghui.claims.api.serializers import (
    ClaimDetailSerializer,
    ClaimSerializer,
    StaffFactsSerializer,
)
from gonghui.claims.models import Claim, ClaimStatus, MaterialKind
from gonghui.claims.services.review import CORRECTABLE
from gonghui.core.api import IdField, read_query
from gonghui.core.audit import log_access
from gonghui.core.models import AccessLog
from gonghui.mutual_aid.models import Plan


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class RejectSerializer(NoteSerializer):
    reason = serializers.ChoiceField(choices=list(services.REJECT_REASONS))


class ReturnSerializer(NoteSerializer):
    materials = serializers.ListField(
        child=serializers.ChoiceField(choices=MaterialKind.choices), required=False
    )


class CorrectionSerializer(serializers.Serializer):
    field = serializers.ChoiceField(choices=list(CORRECTABLE))
    value = serializers.CharField(allow_blank=True, max_length=128)
    reason = serializers.CharField(max_length=500)


class QueueFilters(serializers.Serializer):
    """The review queue's filters, bounded as on the queue page (QueueFilterForm)."""

    status = serializers.ChoiceField(
        [s for s in ClaimStatus.choices if s[0] != ClaimStatus.DRAFT],
        required=False,
        allow_blank=True,
        help_text="State; default: waiting for review",
    )
    plan = serializers.ChoiceField(Plan.choices, required=False, allow_blank=True)
    union = IdField(required=False, help_text="A union of your subtree and those below it")
    waited_days = serializers.IntegerField(
        required=False, min_value=0, max_value=3650, help_text="Waiting at least this many days"
    )
    amount_min = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False
    )
    amount_max = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False
    )
    reviewer = IdField(required=False)

    def validate(self, attrs):
        for name in ("union", "reviewer"):
            if name in attrs:
                attrs[f"{name}_id"] = attrs.pop(name)
        return attrs


@extend_schema_view(
    list=extend_schema(summary="审核队列（本组织及下级）", parameters=[QueueFilters]),
    retrieve=extend_schema(summary="申请详情：材料、计算明细与过程（查看即记录）"),
    create=extend_schema(summary="窗口代办：为会员开始一份申请", request=StaffFactsSerializer),
)
class ClaimViewSet(
    FilingActions,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI schema generator
            return Claim.objects.none()
        if self.action == "list":
            return selectors.claim_queue(
                self.request.user, **read_query(QueueFilters, self.request)
            )
        if self.action != "create" and not access.can_open_claims(self.request.user):
            raise PermissionDenied
        return selectors.claims_visible_to(self.request.user)

    def get_serializer_class(self):
        return ClaimSerializer if self.action == "list" else ClaimDetailSerializer

    def retrieve(self, request, pk=None):
        claim = self.get_object()
        log_access(
            request=request._request,
            action=AccessLog.Action.VIEW_DIAGNOSIS,
            subject=claim,
            org=claim.member.union,
            label=f"{claim.reference} {claim.member.name}",
        )
        return self._detail(claim)

    def create(self, request):
        serializer = StaffFactsSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        facts = dict(serializer.validated_data)
        member = facts.pop("member")
        claim = services.claim_create(actor=request.user, member=member, facts=facts)
        return self._detail(claim, status.HTTP_201_CREATED)

    @extend_schema(summary="更正一项输入（附理由，重新计算）", request=CorrectionSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        claim = self.get_object()
        serializer = CorrectionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.claim_correct(actor=request.user, claim=claim, **serializer.validated_data)
        return self._detail(claim)

    @extend_schema(summary="审核通过（超过限额转复核）", request=NoteSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        claim = self.get_object()
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if claim.status != ClaimStatus.IN_REVIEW:
            raise DjangoValidationError("这份申请不在审核中。")
        services.claim_approve(actor=request.user, claim=claim, **serializer.validated_data)
        return self._detail(claim)

    @extend_schema(summary="复核通过（须另一位审核员）", request=NoteSerializer)
    @action(detail=True, methods=["post"], url_path="second-approval")
    def second_approval(self, request, pk=None):
        claim = self.get_object()
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if claim.status != ClaimStatus.AWAITING_SECOND_APPROVAL:
            raise DjangoValidationError("这份申请不在等待复核。")
        services.claim_approve(actor=request.user, claim=claim, **serializer.validated_data)
        return self._detail(claim)

    @extend_schema(summary="不予通过（附原因代码）", request=RejectSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        claim = self.get_object()
        serializer = RejectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.claim_reject(actor=request.user, claim=claim, **serializer.validated_data)
        return self._detail(claim)

    @extend_schema(summary="退回补充材料", request=ReturnSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_for_material(self, request, pk=None):
        claim = self.get_object()
        serializer = ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.claim_return(
            actor=request.user,
            claim=claim,
            materials=serializer.validated_data.get("materials", []),
            note=serializer.validated_data.get("note", ""),
        )
        return self._detail(claim)
