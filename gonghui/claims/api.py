"""JSON API of claims: every action the pages offer, with the same checks (access.py for
roles, selectors.claims_visible_to for scope, the services for rules). Members reach only
their own claims and files; staff only their subtree."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from gonghui.accounts.permissions import IsMemberUser, IsStaffUser
from gonghui.claims import access, selectors, services
from gonghui.claims.files import serve_material
from gonghui.claims.forms import SignatureForm
from gonghui.claims.models import (
    MEMBER_LABELS,
    Claim,
    ClaimEvent,
    ClaimStatus,
    EventType,
    MaterialKind,
    PayoutBatch,
    PayoutLine,
    Place,
    Severity,
    SmsKind,
)
from gonghui.claims.services.review import CORRECTABLE
from gonghui.core import exports
from gonghui.core.audit import log_access
from gonghui.core.models import AccessLog
from gonghui.core.money import round_money, to_decimal
from gonghui.mutual_aid.selectors import periods_visible_to
from gonghui.orgs.selectors import members_visible_to

# --- serializers ---------------------------------------------------------------------------


class ClaimFactsSerializer(serializers.Serializer):
    event_type = serializers.ChoiceField(choices=EventType.choices)
    hospital = serializers.CharField(max_length=128, required=False, allow_blank=True)
    settlement_serial = serializers.CharField(max_length=64, required=False, allow_blank=True)
    admission = serializers.DateField(required=False, allow_null=True)
    discharge = serializers.DateField(required=False, allow_null=True)
    place = serializers.ChoiceField(choices=Place.choices, required=False)
    accident = serializers.BooleanField(required=False)
    self_responsibility = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    critical = serializers.ChoiceField(choices=Severity.choices, required=False)
    female_cancer = serializers.BooleanField(required=False)
    in_situ = serializers.BooleanField(required=False)
    first_diagnosed = serializers.DateField(required=False, allow_null=True)
    diagnosis = serializers.CharField(max_length=128, required=False, allow_blank=True)
    icd10 = serializers.CharField(max_length=16, required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)


class StaffFactsSerializer(ClaimFactsSerializer):
    member = serializers.IntegerField(help_text="The member filed for (in your subtree).")

    def validate_member(self, pk):
        member = members_visible_to(self.context["request"].user).filter(pk=pk).first()
        if member is None:
            raise serializers.ValidationError("该会员不在您的管辖范围内。")
        return member


class LineSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    days = serializers.IntegerField(allow_null=True)
    explanation = serializers.CharField()


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField()
    plan = serializers.CharField()
    text = serializers.CharField()


class ClaimEventSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()
    actor = serializers.SerializerMethodField()

    class Meta:
        model = ClaimEvent
        fields = ["old_status", "new_status", "label", "actor", "at", "note", "reason", "materials"]

    def get_label(self, event) -> str:
        return str(MEMBER_LABELS[event.new_status])

    def get_actor(self, event) -> str:
        return str(event.actor) if event.actor else ""


class MaterialSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    uploaded_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_url(self, material) -> str:
        name = "claims_portal:file" if self.context.get("member") else "staff:claims_file"
        return reverse(name, args=[material.claim_id, material.pk])


class ClaimSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    member_name = serializers.CharField(source="member.name", read_only=True)
    union_name = serializers.CharField(source="member.union.name", read_only=True)
    period_code = serializers.CharField(source="period.code", default="", read_only=True)
    status_label = serializers.CharField(source="member_status_label", read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "reference",
            "member",
            "member_name",
            "union_name",
            "event_type",
            "plans",
            "period_code",
            "status",
            "status_label",
            "amount",
            "channel",
            "created_at",
            "submitted_at",
            "status_changed_at",
            "approved_at",
            "paid_at",
        ]


class ClaimDetailSerializer(ClaimSerializer):
    facts = serializers.SerializerMethodField()
    lines = serializers.SerializerMethodField()
    findings = serializers.SerializerMethodField()
    trace = serializers.SerializerMethodField()
    parameters_version = serializers.SerializerMethodField()
    missing_materials = serializers.SerializerMethodField()
    materials = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()

    class Meta(ClaimSerializer.Meta):
        fields = [
            *ClaimSerializer.Meta.fields,
            "facts",
            "lines",
            "findings",
            "trace",
            "parameters_version",
            "missing_materials",
            "materials",
            "events",
        ]

    def get_facts(self, claim) -> dict:
        return ClaimFactsSerializer(claim).data

    def get_lines(self, claim) -> list:
        lines = claim.computation.lines.all() if claim.computation else []
        return LineSerializer(lines, many=True).data

    def get_findings(self, claim) -> list:
        findings = claim.computation.findings.all() if claim.computation else []
        return FindingSerializer(findings, many=True).data

    def get_trace(self, claim) -> list[str]:
        return claim.computation.trace_lines if claim.computation else []

    def get_parameters_version(self, claim) -> str:
        return claim.computation.parameter_set.label if claim.computation else ""

    def get_missing_materials(self, claim) -> list[str]:
        return selectors.missing_materials(claim)

    def get_materials(self, claim) -> list:
        return MaterialSerializer(claim.materials.all(), many=True, context=self.context).data

    def get_events(self, claim) -> list:
        return ClaimEventSerializer(selectors.claim_timeline(claim), many=True).data


class UploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MaterialKind.choices)
    file = serializers.FileField()


class SignatureSerializer(serializers.Serializer):
    signature = serializers.CharField(help_text="data:image/png;base64,… from a canvas")


class EstimateSerializer(serializers.Serializer):
    period = serializers.CharField()
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    parameters_version = serializers.CharField()
    lines = serializers.ListField(child=serializers.DictField())
    refused = serializers.ListField(child=serializers.DictField())
    notices = serializers.ListField(child=serializers.CharField())


def _estimate_data(quote) -> dict:
    return {
        "period": quote.period.code,
        "total": str(round_money(quote.total)),
        "parameters_version": quote.parameters_version,
        "lines": [
            {"code": line.code, "label": line.label, "amount": str(line.amount), "why": line.texts}
            for line in quote.lines
        ],
        "refused": [
            {"plan": item.plan, "reason": item.reason, "why": item.texts} for item in quote.refused
        ],
        "notices": list(quote.notices),
    }


# --- filing, shared by the member's and the staff's endpoints ------------------------------


class FilingActions:
    """Upload, sign, estimate, submit, timeline and files of a claim the user may reach."""

    member_view = False

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "member": self.member_view}

    def _detail(self, claim, code=status.HTTP_200_OK) -> Response:
        claim.refresh_from_db()
        return Response(
            ClaimDetailSerializer(claim, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(summary="上传一份材料（照片或 PDF）", request=UploadSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def materials(self, request, pk=None):
        claim = self.get_object()
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        material = services.material_add(
            actor=request.user,
            claim=claim,
            kind=serializer.validated_data["kind"],
            upload=serializer.validated_data["file"],
        )
        data = MaterialSerializer(material, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="下载一份材料（仅限本人或管辖范围）", responses={200: OpenApiTypes.BINARY}
    )
    @action(detail=True, methods=["get"], url_path=r"materials/(?P<material_pk>\d+)/file")
    def material_file(self, request, pk=None, material_pk=None):
        claim = self.get_object()
        return serve_material(get_object_or_404(claim.materials, pk=material_pk))

    @extend_schema(summary="在屏幕上签名（申请表随之生成）", request=SignatureSerializer)
    @action(detail=True, methods=["post"])
    def signature(self, request, pk=None):
        claim = self.get_object()
        form = SignatureForm(request.data)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        services.claim_sign(
            actor=request.user, claim=claim, signature=form.cleaned_data["signature"]
        )
        return self._detail(claim, status.HTTP_201_CREATED)

    @extend_schema(summary="提交前试算（不保存）", responses=EstimateSerializer)
    @action(detail=True, methods=["get"])
    def estimate(self, request, pk=None):
        return Response(_estimate_data(services.claim_estimate(self.get_object())))

    @extend_schema(summary="提交申请（自动检查后进入审核）", request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        claim = self.get_object()
        services.claim_submit(actor=request.user, claim=claim)
        return self._detail(claim)

    @extend_schema(summary="办理进度（每一步）", responses=ClaimEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def timeline(self, request, pk=None):
        return Response(
            ClaimEventSerializer(selectors.claim_timeline(self.get_object()), many=True).data
        )


@extend_schema_view(
    list=extend_schema(summary="我的报销申请"),
    retrieve=extend_schema(summary="我的一份申请（计算明细、材料、进度）"),
    create=extend_schema(summary="开始一份申请（草稿）", request=ClaimFactsSerializer),
    partial_update=extend_schema(summary="修改草稿或退回申请的信息", request=ClaimFactsSerializer),
    destroy=extend_schema(summary="删除从未提交的草稿"),
)
class MyClaimViewSet(
    FilingActions,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsMemberUser]
    member_view = True
    http_method_names = ["get", "post", "patch", "delete"]

    def get_queryset(self):
        return selectors.claims_visible_to(self.request.user).order_by("-created_at", "-id")

    def get_serializer_class(self):
        return ClaimDetailSerializer if self.action == "retrieve" else ClaimSerializer

    def create(self, request):
        serializer = ClaimFactsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = members_visible_to(request.user).get()
        claim = services.claim_create(
            actor=request.user, member=member, facts=serializer.validated_data
        )
        return self._detail(claim, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        claim = self.get_object()
        serializer = ClaimFactsSerializer(claim, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        facts = {**ClaimFactsSerializer(claim).data, **serializer.validated_data}
        services.claim_update_facts(actor=request.user, claim=claim, facts=_typed(facts))
        return self._detail(claim)

    def perform_destroy(self, claim):
        services.claim_delete(actor=self.request.user, claim=claim)


def _typed(facts: dict) -> dict:
    """Facts re-read from their serialized form for the services."""
    serializer = ClaimFactsSerializer(data={k: v for k, v in facts.items() if v is not None})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- review --------------------------------------------------------------------------------


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


QUEUE_PARAMETERS = [
    OpenApiParameter("status", str, description="State; default: waiting for review"),
    OpenApiParameter("plan", str),
    OpenApiParameter("union", int),
    OpenApiParameter("waited_days", int, description="Waiting at least this many days"),
    OpenApiParameter("amount_min", float),
    OpenApiParameter("amount_max", float),
    OpenApiParameter("reviewer", int),
]


def _queue_filters(params) -> dict:
    def number(name):
        value = params.get(name, "")
        return int(value) if value.isdigit() else None

    def amount(name):
        try:
            return to_decimal(params[name]) if params.get(name) else None
        except ValueError:
            return None

    return {
        "status": params.get("status", ""),
        "plan": params.get("plan", ""),
        "union_id": number("union"),
        "waited_days": number("waited_days"),
        "amount_min": amount("amount_min"),
        "amount_max": amount("amount_max"),
        "reviewer_id": number("reviewer"),
    }


@extend_schema_view(
    list=extend_schema(summary="审核队列（本组织及下级）", parameters=QUEUE_PARAMETERS),
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
                self.request.user, **_queue_filters(self.request.query_params)
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


# --- payouts -------------------------------------------------------------------------------


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
        child=serializers.IntegerField(),
        required=False,
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
        return Response(ClaimSerializer(selectors.payout_queue(request.user), many=True).data)

    @extend_schema(
        summary="导出银行代发文件（xlsx，记录导出）", responses={200: OpenApiTypes.BINARY}
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
    @action(detail=True, methods=["post"], url_path=r"lines/(?P<line_pk>\d+)/failed")
    def line_failed(self, request, pk=None, line_pk=None):
        batch = self.get_object()
        line = get_object_or_404(batch.lines, pk=line_pk)
        serializer = FailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.payout_line_fail(actor=request.user, line=line, **serializer.validated_data)
        return Response(PayoutBatchSerializer(self.get_queryset().get(pk=batch.pk)).data)


# --- figures and SMS texts -----------------------------------------------------------------


class FiguresViewSet(viewsets.ViewSet):
    permission_classes = [IsStaffUser]

    @extend_schema(
        summary="报销统计：按状态、项目、工会、保障期；审核与到账用时",
        parameters=[OpenApiParameter("period", int)],
        responses=OpenApiTypes.OBJECT,
    )
    def list(self, request):
        period = None
        if request.query_params.get("period", "").isdigit():
            period = get_object_or_404(
                periods_visible_to(request.user), pk=int(request.query_params["period"])
            )
        figures = selectors.claim_figures(request.user, period=period)

        def rows(items):
            return [
                {"label": row.label, "count": row.count, "amount": str(round_money(row.amount))}
                for row in items
            ]

        def durations(item):
            return {
                "count": item.count,
                "median_hours": item.median_hours,
                "within_two_days_percent": str(item.within_promise)
                if item.within_promise is not None
                else None,
            }

        return Response(
            {
                "by_status": rows(figures.by_status),
                "by_plan": rows(figures.by_plan),
                "by_union": rows(figures.by_union),
                "by_period": rows(figures.by_period),
                "submission_to_approval": durations(figures.to_approval),
                "approval_to_payment": durations(figures.to_payment),
                "paid_count": figures.paid_count,
                "paid_amount": str(round_money(figures.paid_amount)),
            }
        )


class SmsTemplateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SmsKind.choices)
    text = serializers.CharField(allow_blank=True, max_length=300)


class SmsTemplateViewSet(viewsets.GenericViewSet):
    permission_classes = [IsStaffUser]
    serializer_class = SmsTemplateSerializer

    @extend_schema(summary="报销短信模板", responses=SmsTemplateSerializer(many=True))
    def list(self, request):
        if not access.can_edit_templates(request.user):
            raise PermissionDenied
        texts = selectors.sms_template_texts()
        return Response([{"kind": kind, "text": text} for kind, text in texts.items()])

    @extend_schema(summary="修改一条短信模板（留空恢复默认）", request=SmsTemplateSerializer)
    def create(self, request):
        serializer = SmsTemplateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.sms_template_save(actor=request.user, **serializer.validated_data)
        return Response(
            {
                "kind": serializer.validated_data["kind"],
                "text": selectors.sms_template_text(serializer.validated_data["kind"]),
            }
        )
