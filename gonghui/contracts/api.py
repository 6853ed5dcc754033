"""The JSON API of collective contracts: every page action. Staff: the register (record,
file, objection, signed PDF), coverage and renewals due, the March campaign (open, report),
its targets (confirm, send the 要约书, reply, meeting, contract). Members: the contracts that
cover them. Writes stop while the federation has the service off."""

from django.core.files.storage import default_storage
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from gonghui.accounts.permissions import IsMemberUser, IsStaffUser
from gonghui.contracts import access, selectors
from gonghui.contracts.models import (
    Campaign,
    Contract,
    ContractEvent,
    Kind,
    Level,
    Meeting,
    Reply,
    Target,
)
from gonghui.contracts.services import campaign as campaign_services
from gonghui.contracts.services import register
from gonghui.core.api import IdField, known
from gonghui.core.filecrypt import decrypted_response
from gonghui.core.switches import ServiceEnabled
from gonghui.orgs.selectors import enterprises_visible_to, orgs_visible_to

KEY = "contracts"


def validated(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ContractReader(BasePermission):
    message = "仅限有权查看集体合同的工会工作人员。"

    def has_permission(self, request, view):
        return access.can_read(request.user)


class ContractLinkSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(source="enterprise_id")
    enterprise_name = serializers.CharField(source="enterprise.name")
    workers_covered = serializers.IntegerField()


class ContractEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContractEvent
        fields = ["action", "from_status", "to_status", "on", "note", "at"]


class ContractSerializer(serializers.ModelSerializer):
    links = ContractLinkSerializer(many=True, read_only=True)
    events = ContractEventSerializer(many=True, read_only=True)
    file_due_on = serializers.DateField(read_only=True)
    objection_ends_on = serializers.DateField(read_only=True, allow_null=True)
    has_pdf = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id", "org", "title", "level", "kind", "status", "starts_on", "ends_on",
            "signed_on", "file_due_on", "filed_on", "objection_ends_on", "effective_on",
            "objected_on", "union_signatory", "employer_signatory", "union_negotiator",
            "employer_negotiator", "congress_present", "congress_for", "congress_against",
            "average_wage", "adjustment_pct", "lowest_wage", "pay_day", "renews", "links",
            "events", "has_pdf",
        ]  # fmt: skip

    def get_has_pdf(self, contract) -> bool:
        return bool(contract.pdf)


class MemberContractSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contract
        fields = [
            "id", "title", "level", "kind", "starts_on", "ends_on", "average_wage",
            "adjustment_pct", "lowest_wage", "pay_day",
        ]  # fmt: skip


class ContractBoundInput(serializers.Serializer):
    enterprise = IdField()
    workers_covered = serializers.IntegerField()


class ContractTermsInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Kind.choices)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    signed_on = serializers.DateField()
    union_signatory = serializers.CharField(max_length=64, required=False, allow_blank=True)
    union_chair_mobile = serializers.CharField(max_length=20, required=False, allow_blank=True)
    employer_signatory = serializers.CharField(max_length=64, required=False, allow_blank=True)
    union_negotiator = serializers.CharField(max_length=64, required=False, allow_blank=True)
    employer_negotiator = serializers.CharField(max_length=64, required=False, allow_blank=True)
    congress_present = serializers.IntegerField(min_value=0, required=False)
    congress_for = serializers.IntegerField(min_value=0, required=False)
    congress_against = serializers.IntegerField(min_value=0, required=False)
    average_wage = serializers.DecimalField(max_digits=10, decimal_places=2, required=False)
    adjustment_pct = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
    lowest_wage = serializers.DecimalField(max_digits=10, decimal_places=2, required=False)
    pay_day = serializers.CharField(max_length=64, required=False, allow_blank=True)


class ContractInput(ContractTermsInput):
    org = IdField()
    level = serializers.ChoiceField(choices=Level.choices)
    enterprises = ContractBoundInput(many=True)
    renews = IdField(required=False)


class ContractFileInput(serializers.Serializer):
    filed_on = serializers.DateField()


class ContractObjectionInput(serializers.Serializer):
    on = serializers.DateField()
    note = serializers.CharField(max_length=255, required=False, allow_blank=True)


class ContractPdfInput(serializers.Serializer):
    pdf = serializers.FileField()


@extend_schema_view(
    list=extend_schema(summary="集体合同名册（本级及下级）"),
    retrieve=extend_schema(summary="一份集体合同及其备案步骤"),
)
class ContractViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ContractSerializer
    permission_classes = [IsStaffUser, ContractReader, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        return (
            selectors.contracts_visible_to(self.request.user)
            .prefetch_related("links__enterprise", "events")
            .order_by("-signed_on", "-id")
        )

    @extend_schema(
        summary="登记已签订的集体合同", request=ContractInput, responses={201: ContractSerializer}
    )
    def create(self, request):
        data = validated(ContractInput, request)
        user = request.user
        org = known(orgs_visible_to(user), data.pop("org"), "org")
        enterprises = enterprises_visible_to(user)
        bound = [
            (known(enterprises, item["enterprise"], "enterprises"), item["workers_covered"])
            for item in data.pop("enterprises")
        ]
        renews = data.pop("renews", None)
        if renews is not None:
            renews = known(selectors.contracts_visible_to(user), renews, "renews")
        contract = register.contract_create(actor=user, org=org, bound=bound, renews=renews, **data)
        return Response(ContractSerializer(contract).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="报送备案（签订后10日内）", request=ContractFileInput, responses=ContractSerializer
    )
    @action(detail=True, methods=["post"], url_path="file")
    def file_it(self, request, pk=None):
        data = validated(ContractFileInput, request)
        contract = register.contract_file(actor=request.user, contract=self.get_object(), **data)
        return Response(ContractSerializer(contract).data)

    @extend_schema(
        summary="登记审查异议（重新协商）",
        request=ContractObjectionInput,
        responses=ContractSerializer,
    )
    @action(detail=True, methods=["post"])
    def objection(self, request, pk=None):
        data = validated(ContractObjectionInput, request)
        contract = register.contract_object(actor=request.user, contract=self.get_object(), **data)
        return Response(ContractSerializer(contract).data)

    @extend_schema(
        summary="上传签字合同文本（PDF）", request=ContractPdfInput, responses=ContractSerializer
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def pdf(self, request, pk=None):
        data = validated(ContractPdfInput, request)
        contract = register.contract_attach_pdf(
            actor=request.user, contract=self.get_object(), upload=data["pdf"]
        )
        return Response(ContractSerializer(contract).data)

    @extend_schema(
        summary="下载签字合同文本", responses={(200, "application/pdf"): OpenApiTypes.BINARY}
    )
    @pdf.mapping.get
    def pdf_download(self, request, pk=None):
        contract = self.get_object()
        if not contract.pdf:
            raise Http404
        return decrypted_response(
            default_storage,
            contract.pdf,
            filename=f"contract-{contract.pk}.pdf",
            content_type="application/pdf",
        )


class ContractFiguresSerializer(serializers.Serializer):
    coverage = serializers.DictField()
    renewals_due = serializers.ListField(child=serializers.DictField())
    late = serializers.ListField(child=serializers.IntegerField())


class ContractFiguresView(APIView):
    permission_classes = [IsStaffUser, ContractReader]

    @extend_schema(
        summary="覆盖面、到期续签与逾期备案（本级及下级）", responses=ContractFiguresSerializer
    )
    def get(self, request):
        cover = selectors.coverage_for(request.user)
        due = selectors.renewals_due(request.user)
        return Response(
            {
                "coverage": {
                    "totals": cover["totals"],
                    "by_town": cover["by_town"],
                    "by_industry": cover["by_industry"],
                    "by_kind": cover["by_kind"],
                },  # fmt: skip
                "renewals_due": [
                    {
                        "contract": row["contract"].pk,
                        "days_left": row["days_left"],
                        "window": row["window"],
                        "town": str(row["town"]),
                    }  # fmt: skip
                    for row in due
                ],
                "late": [c.pk for c in selectors.late_contracts(request.user)],
            }
        )


class ContractCampaignSerializer(serializers.ModelSerializer):
    report_due_on = serializers.DateField(read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "year", "reply_days", "opened_at", "report_due_on"]


class ContractCampaignInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    reply_days = serializers.IntegerField(min_value=1, max_value=90, default=20)


class ContractReportRowSerializer(serializers.Serializer):
    town = serializers.CharField(allow_null=True)
    targeted = serializers.IntegerField()
    confirmed = serializers.IntegerField()
    sent = serializers.IntegerField()
    agreed = serializers.IntegerField()
    refused = serializers.IntegerField()
    no_reply = serializers.IntegerField()
    signed = serializers.IntegerField()
    workers = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(summary="要约行动月（各年度）"),
    retrieve=extend_schema(summary="一年的要约行动"),
)
class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ContractCampaignSerializer
    permission_classes = [IsStaffUser, ContractReader, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        return selectors.campaigns_visible_to(self.request.user)

    @extend_schema(
        summary="开启要约行动月并生成目标企业",
        request=ContractCampaignInput,
        responses={201: ContractCampaignSerializer},
    )
    def create(self, request):
        data = validated(ContractCampaignInput, request)
        found = campaign_services.campaign_open(actor=request.user, **data)
        return Response(ContractCampaignSerializer(found).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="要约行动汇总表（按镇街）", responses=ContractReportRowSerializer(many=True)
    )
    @action(detail=True, methods=["get"], pagination_class=None)  # a row a town, whole
    def report(self, request, pk=None):
        rows = selectors.campaign_report(
            self.get_object(), selectors.targets_visible_to(request.user)
        )
        return Response(ContractReportRowSerializer(rows, many=True).data)


class ContractMeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "held_on", "place", "notes"]


class ContractTargetSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    meetings = ContractMeetingSerializer(many=True, read_only=True)
    reply_due_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Target
        fields = [
            "id", "campaign", "enterprise", "enterprise_name", "union", "reasons",
            "confirmed_at", "letter", "sent_on", "reply_due_on", "reply_on", "reply",
            "contract", "meetings",
        ]  # fmt: skip


class ContractSendInput(serializers.Serializer):
    sent_on = serializers.DateField()
    chair = serializers.CharField(max_length=64)


class ContractReplyInput(serializers.Serializer):
    reply = serializers.ChoiceField(choices=Reply.choices)
    reply_on = serializers.DateField()


class ContractMeetingInput(serializers.Serializer):
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=128, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=255, required=False, allow_blank=True)


class ContractTargetContractInput(ContractTermsInput):
    workers_covered = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(summary="要约目标企业（本级及下级工会）"),
    retrieve=extend_schema(summary="一家目标企业的要约进展"),
)
class TargetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ContractTargetSerializer
    permission_classes = [IsStaffUser, ContractReader, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        return (
            selectors.targets_visible_to(self.request.user)
            .select_related("enterprise", "campaign")
            .prefetch_related("meetings")
            .order_by("id")
        )

    def _answer(self, target):
        target = self.get_queryset().get(pk=target.pk)
        return Response(ContractTargetSerializer(target).data)

    @extend_schema(summary="工会确认目标企业", request=None, responses=ContractTargetSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._answer(
            campaign_services.target_confirm(actor=request.user, target=self.get_object())
        )

    @extend_schema(
        summary="生成并发出要约书（PDF）",
        request=ContractSendInput,
        responses=ContractTargetSerializer,
    )
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        data = validated(ContractSendInput, request)
        found = campaign_services.letter_send(
            actor=request.user,
            target=self.get_object(),
            base_url=request.build_absolute_uri("/"),
            **data,
        )
        return self._answer(found)

    @extend_schema(
        summary="登记企业答复", request=ContractReplyInput, responses=ContractTargetSerializer
    )
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        data = validated(ContractReplyInput, request)
        return self._answer(
            campaign_services.reply_record(actor=request.user, target=self.get_object(), **data)
        )

    @extend_schema(
        summary="登记协商会议", request=ContractMeetingInput, responses=ContractTargetSerializer
    )
    @action(detail=True, methods=["post"])
    def meeting(self, request, pk=None):
        data = validated(ContractMeetingInput, request)
        target = self.get_object()
        campaign_services.meeting_add(actor=request.user, target=target, **data)
        return self._answer(target)

    @extend_schema(
        summary="登记协商结果：签订的合同",
        request=ContractTargetContractInput,
        responses={201: ContractSerializer},
    )
    @action(detail=True, methods=["post"])
    def contract(self, request, pk=None):
        data = validated(ContractTargetContractInput, request)
        made = campaign_services.target_contract(
            actor=request.user, target=self.get_object(), level=Level.ENTERPRISE, **data
        )
        return Response(ContractSerializer(made).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="覆盖本人的集体合同（期限与工资条款）"))
class MyContractViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = MemberContractSerializer
    permission_classes = [IsMemberUser]
    pagination_class = None

    def get_queryset(self):
        ids = [c.pk for c in selectors.member_contracts(self.request.user)]
        return Contract.objects.filter(pk__in=ids).order_by("level", "kind", "id")
