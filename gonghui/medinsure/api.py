"""JSON API of the medical-insurance link.

- The bureau's system pushes settlement records, one or a batch, authenticated as a machine
  client of one federation: `Authorization: Api-Key <key>` (BureauApiKey, hashed). Idempotent
  by serial number, like a file.
- Staff read records, notices and recoveries of their subtree; members read their own notices
  and confirm one (the same services and selectors as the pages).
"""

import hmac

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from gonghui.accounts.permissions import IsMemberUser, IsStaffUser
from gonghui.core.imports import error_text
from gonghui.medinsure import selectors, services
from gonghui.medinsure.models import (
    FIELD_HEADERS,
    BenefitNotice,
    BureauApiKey,
    Recovery,
    SettlementRecord,
)

MAX_RECORDS = 5000


# --- the bureau as a machine client --------------------------------------------------------


class BureauClient:
    """Who the request is from when the bureau's system calls: no person, one federation."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    role = None
    pk = None

    def __init__(self, api_key: BureauApiKey):
        self.api_key = api_key
        self.federation = api_key.federation

    def __str__(self):
        return f"bureau:{self.api_key.prefix}"


class BureauKeyAuthentication(BaseAuthentication):
    keyword = b"api-key"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Api-Key <key>."))
        key = parts[1].decode("ascii", "replace")
        digest = services.api_key_hash(key)
        api_key = BureauApiKey.objects.select_related("federation").filter(key_hash=digest).first()
        if api_key is None or not hmac.compare_digest(api_key.key_hash, digest):
            raise exceptions.AuthenticationFailed(_("Unknown API key."))
        if not api_key.active:
            raise exceptions.AuthenticationFailed(_("This API key has been revoked."))
        return BureauClient(api_key), api_key

    def authenticate_header(self, request):
        return "Api-Key"


class BureauKeyScheme(OpenApiAuthenticationExtension):
    target_class = BureauKeyAuthentication
    name = "bureauApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Api-Key <key>，由县总工会管理员在“医保数据 → 接口密钥”创建。",
        }


class IsBureauClient(BasePermission):
    message = _("Only the medical insurance bureau's system may push records.")

    def has_permission(self, request, view):
        return isinstance(request.auth, BureauApiKey)


class SettlementInSerializer(serializers.Serializer):
    """One record as the bureau sends it: our field names, the file's values (Chinese words
    such as 正常/冲销, 住院, 本地 or our codes; dates as in files; amounts as strings)."""

    serial = serializers.CharField(help_text="结算流水号")
    status = serializers.CharField(help_text="结算状态：正常 / 冲销")
    original_serial = serializers.CharField(required=False, help_text="原结算流水号（冲销时）")
    id_number = serializers.CharField(help_text="身份证号")
    name = serializers.CharField(required=False)
    category = serializers.CharField(help_text="医疗类别：住院 / 门诊慢特病 / 普通门诊 / 生育")
    hospital = serializers.CharField(required=False)
    hospital_level = serializers.CharField(required=False)
    place = serializers.CharField(help_text="就医地：本地 / 异地")
    admission = serializers.CharField(required=False)
    discharge = serializers.CharField()
    diagnosis_code = serializers.CharField(required=False)
    diagnosis_name = serializers.CharField(required=False)
    total_cost = serializers.CharField()
    fund_paid = serializers.CharField(required=False)
    personal_paid = serializers.CharField(required=False)
    self_responsibility = serializers.CharField(help_text="其中自负")
    self_care = serializers.CharField(required=False)
    self_paid = serializers.CharField(required=False)
    settled_on = serializers.CharField(required=False)


class PushErrorSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="1 for the first record sent")
    reason = serializers.CharField()


class PushResultSerializer(serializers.Serializer):
    summary = serializers.DictField(help_text="as import_settlements prints it")
    errors = PushErrorSerializer(many=True)


EXAMPLE = {
    "serial": "SL202200001",
    "status": "正常",
    "id_number": "330522197805061235",
    "name": "沈国华",
    "category": "住院",
    "hospital": "长兴县人民医院",
    "hospital_level": "二级",
    "place": "本地",
    "admission": "2022-03-02",
    "discharge": "2022-03-09",
    "diagnosis_code": "K35.8",
    "diagnosis_name": "急性阑尾炎",
    "total_cost": "18234.50",
    "fund_paid": "12890.10",
    "personal_paid": "5344.40",
    "self_responsibility": "4102.30",
    "self_care": "900.10",
    "self_paid": "342.00",
    "settled_on": "2022-03-09",
}


class SettlementPushView(APIView):
    """POST one record (an object), or several (a list, or {"records": [...]}), up to 5,000."""

    authentication_classes = [BureauKeyAuthentication]
    permission_classes = [IsBureauClient]

    @extend_schema(
        summary="医保局推送结算记录（单条或批量，按结算流水号幂等）",
        request=SettlementInSerializer(many=True),
        responses={200: PushResultSerializer},
        examples=[OpenApiExample("一条住院结算", value=[EXAMPLE], request_only=True)],
    )
    def post(self, request):
        data = request.data
        if isinstance(data, dict) and "records" in data:
            data = data["records"]
        records = [data] if isinstance(data, dict) else data
        if not isinstance(records, list) or not records:
            raise exceptions.ValidationError(_("Send a record, or a list of records."))
        if len(records) > MAX_RECORDS:
            raise exceptions.ValidationError(
                _("At most %(n)d records a request.") % {"n": MAX_RECORDS}
            )
        unknown = sorted(
            {key for r in records if isinstance(r, dict) for key in r if key not in FIELD_HEADERS}
        )
        if unknown:
            raise exceptions.ValidationError(
                _("Unknown fields: %(fields)s.") % {"fields": ", ".join(unknown)}
            )
        try:
            report = services.settlements_push(api_key=request.auth, records=records)
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from exc
        return Response(
            {
                "summary": report.summary,
                "errors": [{"index": n, "reason": reason} for n, reason in report.errors],
            },
            status=status.HTTP_200_OK,
        )


# --- reading -------------------------------------------------------------------------------


class RecordSerializer(serializers.ModelSerializer):
    """The ID number is masked and the diagnosis is not sent (the page shows it, logged)."""

    id_number_masked = serializers.CharField(read_only=True)
    member_name = serializers.CharField(
        source="member.name", read_only=True, default=None, allow_null=True
    )
    notice = serializers.SerializerMethodField()

    class Meta:
        model = SettlementRecord
        fields = [
            "id",
            "serial",
            "kind",
            "original_serial",
            "id_number_masked",
            "name",
            "category",
            "hospital",
            "hospital_level",
            "place",
            "admission",
            "discharge",
            "total_cost",
            "fund_paid",
            "personal_paid",
            "self_responsibility",
            "self_care",
            "self_paid",
            "settled_on",
            "member",
            "member_name",
            "period",
            "notice",
            "created_at",
        ]

    def get_notice(self, record) -> int | None:
        notice = getattr(record, "notice", None)
        return notice.pk if notice is not None else None


@extend_schema_view(
    list=extend_schema(summary="医保结算记录（本级及下级；未匹配的仅县总工会可见）"),
    retrieve=extend_schema(summary="医保结算记录详情（身份证号遮蔽，不含诊断）"),
)
class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RecordSerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        return selectors.records_visible_to(self.request.user).select_related("member", "notice")


class NoticeSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)
    serial = serializers.CharField(source="record.serial", read_only=True)
    hospital = serializers.CharField(source="record.hospital", read_only=True)
    period_code = serializers.CharField(source="period.code", read_only=True)
    claim_status = serializers.CharField(
        source="claim.status", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = BenefitNotice
        fields = [
            "id",
            "member",
            "member_name",
            "serial",
            "hospital",
            "discharge",
            "period",
            "period_code",
            "kind",
            "status",
            "total",
            "lines",
            "refused",
            "trace",
            "parameters_version",
            "created_at",
            "notified_at",
            "reminded_at",
            "confirmed_at",
            "bank_card_masked",
            "claim",
            "claim_status",
        ]
        read_only_fields = ["claim"]


class ConfirmSerializer(serializers.Serializer):
    bank_card = serializers.CharField(required=False, allow_blank=True, default="")
    bank_name = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(summary="医保主动告知（员工：本级及下级；会员：本人）"),
    retrieve=extend_schema(summary="医保主动告知详情（金额、明细、计算过程）"),
)
class NoticeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = NoticeSerializer
    permission_classes = [IsStaffUser | IsMemberUser]

    def get_queryset(self):
        return selectors.notices_visible_to(self.request.user).select_related(
            "member", "record", "period", "claim"
        )

    @extend_schema(
        summary="会员确认银行卡领取（可同时更正银行卡）",
        request=ConfirmSerializer,
        responses={200: NoticeSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsMemberUser])
    def confirm(self, request, pk=None):
        notice = self.get_object()
        serializer = ConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            notice = services.benefit_notice_confirm(
                actor=request.user, notice=notice, **serializer.validated_data
            )
        except DjangoValidationError as exc:
            raise exceptions.ValidationError({"detail": error_text(exc)}) from exc
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from exc
        return Response(NoticeSerializer(notice).data)


class RecoverySerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)
    serial = serializers.CharField(source="notice.record.serial", read_only=True)
    reversal_serial = serializers.CharField(source="reversal.serial", read_only=True)

    class Meta:
        model = Recovery
        fields = [
            "id",
            "member",
            "member_name",
            "notice",
            "serial",
            "reversal_serial",
            "amount",
            "status",
            "opened_at",
            "closed_at",
            "note",
        ]


@extend_schema_view(
    list=extend_schema(summary="追回（冲销已确认的医保告知）"),
    retrieve=extend_schema(summary="追回详情"),
)
class RecoveryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RecoverySerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        return selectors.recoveries_visible_to(self.request.user).select_related(
            "member", "notice__record", "reversal"
        )
