"""The JSON API: every action the hardship pages offer, through the same services and
selectors (so the same scope and the same rules). Each file read is logged."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from gonghui.accounts.permissions import IsMemberUser, IsStaffUser
from gonghui.core.api import ErrorDetailSerializer, IdField, read_query
from gonghui.core.audit import log_access
from gonghui.core.models import AccessLog
from gonghui.core.search import refuse_id_in_query
from gonghui.hardship import selectors
from gonghui.hardship.models import (
    Action,
    AidRecord,
    AidType,
    AttachmentKind,
    Campaign,
    CampaignKind,
    CampaignRecipient,
    Cause,
    CloseReason,
    Disability,
    FamilyMember,
    FileEvent,
    FundingSource,
    HardshipFile,
    Health,
    Housing,
    Objection,
    Pair,
    Relation,
    Schooling,
    Status,
    SubsistenceStandard,
    Tier,
    TierDecision,
    VisitMode,
)
from gonghui.hardship.services import aid as aid_services
from gonghui.hardship.services import campaigns as campaign_services
from gonghui.hardship.services import files as file_services
from gonghui.hardship.services import pairs as pair_services
from gonghui.hardship.services import parameters as parameter_services
from gonghui.orgs import selectors as org_selectors

MONEY = {"max_digits": 14, "decimal_places": 2}


# --- output --------------------------------------------------------------------------------


class FileSerializer(serializers.ModelSerializer):
    worker = serializers.CharField(source="member.name", read_only=True)
    union = serializers.CharField(source="member.union.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    tier_label = serializers.CharField(source="get_tier_display", read_only=True)

    class Meta:
        model = HardshipFile
        fields = [
            "id",
            "worker",
            "union",
            "status",
            "status_label",
            "tier",
            "tier_label",
            "suggested_tier",
            "main_cause",
            "applied_on",
            "approved_on",
            "reviewed_on",
            "closed_on",
            "close_reason",
        ]


class FamilySerializer(serializers.ModelSerializer):
    id_number_masked = serializers.CharField(read_only=True)

    class Meta:
        model = FamilyMember
        fields = [
            "id",
            "relation",
            "name",
            "id_number_masked",
            "age",
            "health",
            "disability",
            "schooling",
            "school_or_employer",
            "annual_income",
        ]


class FileEventSerializer(serializers.ModelSerializer):
    actor = serializers.StringRelatedField()
    action_label = serializers.CharField(source="get_action_display")
    to_status_label = serializers.CharField(source="get_to_status_display")

    class Meta:
        model = FileEvent
        fields = [
            "action",
            "action_label",
            "from_status",
            "to_status",
            "to_status_label",
            "actor",
            "at",
            "note",
        ]


class DecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.StringRelatedField()

    class Meta:
        model = TierDecision
        fields = [
            "suggested_tier",
            "income_per_person",
            "standard_used",
            "tier",
            "reason",
            "action",
            "decided_by",
            "decided_at",
        ]


class AidSerializer(serializers.ModelSerializer):
    campaign_name = serializers.CharField(source="campaign.name", default="", read_only=True)
    approved_by = serializers.StringRelatedField()

    class Meta:
        model = AidRecord
        fields = [
            "id",
            "file",
            "aid_type",
            "amount",
            "goods",
            "goods_value",
            "given_on",
            "funding_source",
            "campaign",
            "campaign_name",
            "approved_by",
            "over_limit",
            "over_limit_reason",
            "note",
        ]


class FileDetailSerializer(FileSerializer):
    bank_card_masked = serializers.CharField(read_only=True)
    family = FamilySerializer(many=True, read_only=True)
    events = FileEventSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    aid = AidSerializer(many=True, read_only=True)
    attachments = serializers.SerializerMethodField()

    class Meta(FileSerializer.Meta):
        fields = FileSerializer.Meta.fields + [
            "channel",
            "statement",
            "housing",
            "housing_note",
            "secondary_causes",
            "household_size",
            "annual_income",
            "spending_illness",
            "spending_disability",
            "spending_schooling",
            "emergency_cost",
            "emergency_note",
            "bank_name",
            "account_holder",
            "bank_card_masked",
            "income_per_person",
            "standard_used",
            "suggestion_trace",
            "family",
            "events",
            "decisions",
            "aid",
            "attachments",
        ]

    def get_attachments(self, file) -> list[dict]:
        return [
            {
                "id": item.pk,
                "kind": item.kind,
                "name": item.original_name,
                "url": reverse("staff:hardship_attachment", args=[item.pk]),
            }
            for item in file.attachments.all()
        ]


# --- input ---------------------------------------------------------------------------------


class HouseholdInput(serializers.Serializer):
    statement = serializers.CharField(required=False, allow_blank=True)
    housing = serializers.ChoiceField(Housing.choices, required=False, allow_blank=True)
    housing_note = serializers.CharField(required=False, allow_blank=True)
    main_cause = serializers.ChoiceField(Cause.choices, required=False)
    secondary_causes = serializers.ListField(
        child=serializers.ChoiceField(Cause.choices), required=False
    )
    household_size = serializers.IntegerField(min_value=1, max_value=99, required=False)
    annual_income = serializers.DecimalField(**MONEY, required=False)
    spending_illness = serializers.DecimalField(**MONEY, required=False)
    spending_disability = serializers.DecimalField(**MONEY, required=False)
    spending_schooling = serializers.DecimalField(**MONEY, required=False)
    emergency_cost = serializers.DecimalField(**MONEY, required=False)
    emergency_note = serializers.CharField(required=False, allow_blank=True)
    bank_name = serializers.CharField(required=False, allow_blank=True)
    account_holder = serializers.CharField(required=False, allow_blank=True)
    bank_card = serializers.CharField(required=False, allow_blank=True)


class ApplyInput(HouseholdInput):
    id_number = serializers.CharField(help_text="The worker's full ID number.")
    main_cause = serializers.ChoiceField(Cause.choices)


class MemberApplyInput(HouseholdInput):
    main_cause = serializers.ChoiceField(Cause.choices)


class TierInput(serializers.Serializer):
    tier = serializers.ChoiceField(Tier.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ApproveInput(TierInput):
    tier = serializers.ChoiceField(Tier.choices, required=False, allow_blank=True, default="")


class VisitInput(serializers.Serializer):
    visited_on = serializers.DateField()
    visitors = serializers.CharField()
    findings = serializers.CharField()


class NoteInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RequiredNoteInput(serializers.Serializer):
    note = serializers.CharField()


class NoticeInput(serializers.Serializer):
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    place = serializers.CharField()


class ReturnInput(serializers.Serializer):
    reason = serializers.CharField()


class ChangeTierInput(serializers.Serializer):
    tier = serializers.ChoiceField(Tier.choices)
    reason = serializers.CharField()


class CloseInput(serializers.Serializer):
    reason = serializers.ChoiceField(CloseReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class FamilyInput(serializers.Serializer):
    relation = serializers.ChoiceField(Relation.choices)
    name = serializers.CharField()
    id_number = serializers.CharField(required=False, allow_blank=True, default="")
    age = serializers.IntegerField(min_value=0, max_value=130)
    health = serializers.ChoiceField(Health.choices, default="healthy")
    disability = serializers.ChoiceField(
        Disability.choices, required=False, allow_blank=True, default=""
    )
    schooling = serializers.ChoiceField(
        Schooling.choices, required=False, allow_blank=True, default=""
    )
    school_or_employer = serializers.CharField(required=False, allow_blank=True, default="")
    annual_income = serializers.DecimalField(**MONEY, default=0)


class AttachmentInput(serializers.Serializer):
    kind = serializers.ChoiceField(AttachmentKind.choices)
    uploads = serializers.ListField(child=serializers.FileField(), min_length=1)


class ObjectionInput(serializers.Serializer):
    received_on = serializers.DateField()
    raised_by = serializers.CharField(required=False, allow_blank=True, default="")
    content = serializers.CharField()


class ResolveInput(serializers.Serializer):
    objection = IdField()
    resolution = serializers.CharField()


class AidInput(serializers.Serializer):
    aid_type = serializers.ChoiceField(AidType.choices)
    amount = serializers.DecimalField(**MONEY, default=0)
    goods = serializers.CharField(required=False, allow_blank=True, default="")
    goods_value = serializers.DecimalField(**MONEY, default=0)
    given_on = serializers.DateField()
    funding_source = serializers.ChoiceField(FundingSource.choices)
    over_limit_reason = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PairInput(serializers.Serializer):
    cadre = IdField(help_text="The staff user to pair with the worker.")
    started_on = serializers.DateField(required=False)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- files ---------------------------------------------------------------------------------


class FileFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, help_text="Part of the name")
    status = serializers.ChoiceField(Status.choices, required=False, allow_blank=True)
    tier = serializers.ChoiceField(Tier.choices, required=False, allow_blank=True)
    due = serializers.BooleanField(required=False, help_text="Only files due for review")


@extend_schema_view(
    list=extend_schema(summary="困难职工档案列表（本级及下级工会）", parameters=[FileFilters]),
    retrieve=extend_schema(summary="困难职工档案详情（记入访问日志）"),
)
class HardshipFileViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        filters = {}
        if self.action == "list":
            refuse_id_in_query(self.request.query_params)  # by name; ID numbers stay out of URLs
            filters = read_query(FileFilters, self.request)
        return selectors.file_search(
            self.request.user,
            query=filters.get("q", ""),
            status=filters.get("status", ""),
            tier=filters.get("tier", ""),
            due=filters.get("due", False),
        )

    def get_serializer_class(self):
        return FileSerializer if self.action == "list" else FileDetailSerializer

    def get_object(self):
        file = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        log_access(
            request=self.request,
            action=AccessLog.Action.VIEW_HARDSHIP_FILE,
            subject=file,
            org=file.member.union,
            label=file.member.name,
        )
        return file

    def _answer(self, file, code=status.HTTP_200_OK):
        file.refresh_from_db()
        return Response(FileDetailSerializer(file).data, status=code)

    def _step(self, request, step, serializer_class):
        file = self.get_object()
        file_services.file_take_step(
            actor=request.user, file=file, action=step, **_valid(serializer_class, request)
        )
        return self._answer(file)

    @extend_schema(
        summary="代职工申请（工会工作人员）", request=ApplyInput, responses=FileDetailSerializer
    )
    def create(self, request):
        data = _valid(ApplyInput, request)
        worker = org_selectors.member_find_by_id_number(data.pop("id_number"))
        if (
            worker is None
            or not org_selectors.members_visible_to(request.user).filter(pk=worker.pk).exists()
        ):
            raise serializers.ValidationError(
                {"id_number": [_("No member of a union you keep has this ID number.")]}
            )
        file = file_services.file_apply(actor=request.user, member=worker, **data)
        return self._answer(file, status.HTTP_201_CREATED)

    @extend_schema(
        summary="修改家庭收支与基本情况（重新计算建议档次）",
        request=HouseholdInput,
        responses=FileDetailSerializer,
    )
    @action(detail=True, methods=["patch"])
    def household(self, request, pk=None):
        file = self.get_object()
        file_services.file_update_household(
            actor=request.user, file=file, **_valid(HouseholdInput, request)
        )
        return self._answer(file)

    @extend_schema(summary="添加家庭成员", request=FamilyInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"])
    def family(self, request, pk=None):
        file = self.get_object()
        file_services.family_member_add(
            actor=request.user, file=file, **_valid(FamilyInput, request)
        )
        return self._answer(file)

    @extend_schema(
        summary="上传附件（申请表、签字授权书、走访记录）",
        request=AttachmentInput,
        responses=FileDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def attachments(self, request, pk=None):
        file = self.get_object()
        serializer = AttachmentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        file_services.attachment_add(actor=request.user, file=file, **serializer.validated_data)
        return self._answer(file)

    @extend_schema(
        summary="基层工会初审（确认或调整建议档次）",
        request=TierInput,
        responses=FileDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="union-review")
    def union_review(self, request, pk=None):
        return self._step(request, Action.UNION_REVIEW, TierInput)

    @extend_schema(summary="记录入户走访", request=VisitInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"], url_path="record-visit")
    def record_visit(self, request, pk=None):
        return self._step(request, Action.RECORD_VISIT, VisitInput)

    @extend_schema(
        summary="乡镇（街道）总工会核实", request=NoteInput, responses=FileDetailSerializer
    )
    @action(detail=True, methods=["post"], url_path="town-verify")
    def town_verify(self, request, pk=None):
        return self._step(request, Action.TOWN_VERIFY, NoteInput)

    @extend_schema(summary="开始公示", request=NoticeInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"], url_path="start-notice")
    def start_notice(self, request, pk=None):
        return self._step(request, Action.START_NOTICE, NoticeInput)

    @extend_schema(
        summary="县总工会审批建档（公示期满且异议已处理）",
        request=ApproveInput,
        responses=FileDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step(request, Action.APPROVE, ApproveInput)

    @extend_schema(
        summary="退回（须说明理由）", request=ReturnInput, responses=FileDetailSerializer
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_file(self, request, pk=None):
        return self._step(request, Action.RETURN, ReturnInput)

    @extend_schema(summary="退回后重新提交", request=NoteInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        return self._step(request, Action.RESUBMIT, NoteInput)

    @extend_schema(summary="年度复核", request=RequiredNoteInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self._step(request, Action.REVIEW, RequiredNoteInput)

    @extend_schema(summary="调整档次", request=ChangeTierInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"], url_path="change-tier")
    def change_tier(self, request, pk=None):
        return self._step(request, Action.CHANGE_TIER, ChangeTierInput)

    @extend_schema(
        summary="销档（脱困、退休、迁出、去世；退回件撤回）",
        request=CloseInput,
        responses=FileDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step(request, Action.CLOSE, CloseInput)

    @extend_schema(
        summary="返困重新启用档案", request=RequiredNoteInput, responses=FileDetailSerializer
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._step(request, Action.REOPEN, RequiredNoteInput)

    @extend_schema(summary="登记公示异议", request=ObjectionInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"])
    def objections(self, request, pk=None):
        file = self.get_object()
        file_services.objection_record(
            actor=request.user, file=file, **_valid(ObjectionInput, request)
        )
        return self._answer(file)

    @extend_schema(summary="处理公示异议", request=ResolveInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"], url_path="resolve-objection")
    def resolve_objection(self, request, pk=None):
        file = self.get_object()
        data = _valid(ResolveInput, request)
        objection = get_object_or_404(Objection, pk=data["objection"], notice__file=file)
        file_services.objection_resolve(
            actor=request.user, objection=objection, resolution=data["resolution"]
        )
        return self._answer(file)

    # A file has a few aid records a year: the whole list, never pages.
    @extend_schema(
        methods=["GET"], summary="帮扶记录", responses=AidSerializer(many=True), request=None
    )
    @extend_schema(
        methods=["POST"],
        summary="登记帮扶（超出限额须说明理由）",
        request=AidInput,
        responses={201: AidSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def aid(self, request, pk=None):
        file = self.get_object()
        if request.method == "POST":
            record = aid_services.aid_record_create(
                actor=request.user, file=file, **_valid(AidInput, request)
            )
            return Response(AidSerializer(record).data, status=status.HTTP_201_CREATED)
        return Response(
            AidSerializer(file.aid.select_related("campaign", "approved_by"), many=True).data
        )

    @extend_schema(
        summary="结对：为职工安排帮扶干部", request=PairInput, responses=FileDetailSerializer
    )
    @action(detail=True, methods=["post"])
    def pair(self, request, pk=None):
        file = self.get_object()
        data = _valid(PairInput, request)
        cadre = get_object_or_404(selectors.cadres_for(request.user), pk=data.pop("cadre"))
        pair_services.pair_create(actor=request.user, file=file, cadre=cadre, **data)
        return self._answer(file)


# --- campaigns -----------------------------------------------------------------------------


class CampaignSerializer(serializers.ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True)
    totals = serializers.SerializerMethodField()
    sentence = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "kind",
            "year",
            "org",
            "org_name",
            "budget",
            "aid_type",
            "funding_source",
            "default_amount",
            "goods",
            "rule",
            "totals",
            "sentence",
        ]
        read_only_fields = ["org"]

    def get_totals(self, campaign) -> dict:
        return {key: str(value) for key, value in selectors.campaign_totals(campaign).items()}

    def get_sentence(self, campaign) -> str:
        return selectors.campaign_sentence(campaign)


@extend_schema_field(OpenApiTypes.INT)
class VisibleOrgField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return org_selectors.orgs_visible_to(self.context["request"].user)


class CampaignInput(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(CampaignKind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    org = VisibleOrgField(help_text="The organising federation (of your subtree).")
    budget = serializers.DecimalField(**MONEY)
    aid_type = serializers.ChoiceField(AidType.choices)
    funding_source = serializers.ChoiceField(FundingSource.choices)
    default_amount = serializers.DecimalField(**MONEY)
    goods = serializers.CharField(required=False, allow_blank=True, default="")
    rule = serializers.DictField(
        required=False,
        default=dict,
        help_text="tiers, causes (lists); child_in_school, young_child, female_worker (true/false)",
    )


class RecipientSerializer(serializers.ModelSerializer):
    worker = serializers.CharField(source="file.member.name", read_only=True)
    union = serializers.CharField(source="file.member.union.name", read_only=True)
    tier = serializers.CharField(source="file.tier", read_only=True)
    paid = serializers.SerializerMethodField()

    class Meta:
        model = CampaignRecipient
        fields = ["id", "file", "worker", "union", "tier", "planned_amount", "by_rule", "paid"]

    def get_paid(self, recipient) -> str | None:
        record = getattr(recipient, "aid", None)
        return str(record.value) if record else None


class RecipientAddInput(serializers.Serializer):
    file = IdField()
    planned_amount = serializers.DecimalField(**MONEY, required=False, allow_null=True)


class RecipientInput(serializers.Serializer):
    recipient = IdField()


class PayInput(RecipientInput):
    given_on = serializers.DateField()
    amount = serializers.DecimalField(**MONEY, required=False, allow_null=True)
    over_limit_reason = serializers.CharField(required=False, allow_blank=True, default="")


class PayAllInput(serializers.Serializer):
    given_on = serializers.DateField()


class SelectResult(serializers.Serializer):
    added = serializers.IntegerField(help_text="Recipients added by the rule")


class HeldSerializer(serializers.Serializer):
    recipient = serializers.IntegerField()
    worker = serializers.CharField()
    reason = serializers.CharField()


class PayAllResult(serializers.Serializer):
    paid = serializers.IntegerField()
    held = HeldSerializer(many=True, help_text="Not paid, and why (over the limit…)")


@extend_schema_view(
    list=extend_schema(summary="帮扶活动列表（两节送温暖、金秋助学等）"),
    retrieve=extend_schema(summary="帮扶活动详情：预算、支出与报告语句"),
)
class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CampaignSerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        return selectors.campaigns_visible_to(self.request.user).select_related("org")

    def _recipient(self, campaign, pk):
        return get_object_or_404(campaign.recipients.select_related("file__member"), pk=pk)

    @extend_schema(summary="新建帮扶活动", request=CampaignInput, responses=CampaignSerializer)
    def create(self, request):
        data = _valid(CampaignInput, request)
        campaign = campaign_services.campaign_create(actor=request.user, **data)
        return Response(CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="按规则从在档困难职工中选取对象", request=None, responses=SelectResult)
    @action(detail=True, methods=["post"])
    def select(self, request, pk=None):
        added = campaign_services.campaign_recipients_select(
            actor=request.user, campaign=self.get_object()
        )
        return Response({"added": added})

    @extend_schema(summary="发放名单", responses=RecipientSerializer(many=True))
    @action(detail=True, methods=["get"])
    def recipients(self, request, pk=None):
        page = self.paginate_queryset(selectors.campaign_recipients(self.get_object()))
        return self.get_paginated_response(RecipientSerializer(page, many=True).data)

    @extend_schema(
        summary="手工加入名单", request=RecipientAddInput, responses={201: RecipientSerializer}
    )
    @action(detail=True, methods=["post"], url_path="add-recipient")
    def add_recipient(self, request, pk=None):
        campaign = self.get_object()
        data = _valid(RecipientAddInput, request)
        file = get_object_or_404(selectors.campaign_candidates(campaign), pk=data["file"])
        recipient = campaign_services.campaign_recipient_add(
            actor=request.user,
            campaign=campaign,
            file=file,
            planned_amount=data.get("planned_amount"),
        )
        return Response(RecipientSerializer(recipient).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="移出名单（未发放的）", request=RecipientInput, responses={204: None})
    @action(detail=True, methods=["post"], url_path="remove-recipient")
    def remove_recipient(self, request, pk=None):
        recipient = self._recipient(self.get_object(), _valid(RecipientInput, request)["recipient"])
        campaign_services.campaign_recipient_remove(actor=request.user, recipient=recipient)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="登记一名对象的发放（生成帮扶记录）",
        request=PayInput,
        responses={201: AidSerializer},
    )
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        data = _valid(PayInput, request)
        recipient = self._recipient(self.get_object(), data.pop("recipient"))
        record = campaign_services.campaign_recipient_pay(
            actor=request.user, recipient=recipient, **data
        )
        return Response(AidSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="全部未发放对象登记发放", request=PayAllInput, responses=PayAllResult)
    @action(detail=True, methods=["post"], url_path="pay-all")
    def pay_all(self, request, pk=None):
        paid, held = campaign_services.campaign_pay_all(
            actor=request.user, campaign=self.get_object(), **_valid(PayAllInput, request)
        )
        return Response(
            {
                "paid": paid,
                "held": [
                    {"recipient": r.pk, "worker": r.file.member.name, "reason": reason}
                    for r, reason in held
                ],
            }
        )


# --- pairs, parameters, figures, the worker's own file -------------------------------------


class PairSerializer(serializers.ModelSerializer):
    cadre_name = serializers.CharField(source="cadre.__str__", read_only=True)
    worker = serializers.CharField(source="file.member.name", read_only=True)
    last_visit = serializers.DateField(read_only=True, allow_null=True)
    days_since = serializers.IntegerField(read_only=True)
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Pair
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "file",
            "worker",
            "started_on",
            "last_visit",
            "days_since",
            "overdue",
        ]


class PairVisitInput(serializers.Serializer):
    visited_on = serializers.DateField()
    mode = serializers.ChoiceField(VisitMode.choices)
    content = serializers.CharField()


@extend_schema_view(list=extend_schema(summary="结对帮扶一览（90天未走访的标出）"))
class PairViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PairSerializer
    permission_classes = [IsStaffUser]
    pagination_class = None

    def get_queryset(self):
        return selectors.pairs_visible_to(self.request.user)

    def list(self, request):
        return Response(PairSerializer(selectors.pairs_board(request.user), many=True).data)

    @extend_schema(summary="登记结对走访", request=PairVisitInput, responses={201: None})
    @action(detail=True, methods=["post"])
    def visits(self, request, pk=None):
        pair_services.pair_visit_record(
            actor=request.user, pair=self.get_object(), **_valid(PairVisitInput, request)
        )
        return Response(status=status.HTTP_201_CREATED)

    @extend_schema(summary="结束结对", request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        pair_services.pair_end(actor=request.user, pair=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class StandardSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = SubsistenceStandard
        fields = ["id", "area", "area_name", "year", "monthly_amount"]


@extend_schema_view(
    list=extend_schema(summary="低保标准（按地区、年度）"),
    create=extend_schema(summary="设定低保标准"),
)
class StandardViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = StandardSerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        user = self.request.user
        return SubsistenceStandard.objects.filter(
            Q(area__in=org_selectors.orgs_visible_to(user)) | Q(area_id__in=user.org.ancestor_ids)
        ).select_related("area")

    def perform_create(self, serializer):
        serializer.instance = parameter_services.standard_set(
            actor=self.request.user, **serializer.validated_data
        )


class FiguresFilters(serializers.Serializer):
    year = serializers.IntegerField(
        required=False, min_value=2000, max_value=2100, help_text="This year when left out"
    )


class FiguresViewSet(viewsets.ViewSet):
    permission_classes = [IsStaffUser]

    @extend_schema(summary="困难职工帮扶数据", parameters=[FiguresFilters], responses=dict)
    def list(self, request):
        today = timezone.localdate()
        year = read_query(FiguresFilters, request).get("year", today.year)
        data = selectors.figures(request.user, year, today)
        pairs = data.pop("pairs")
        data["pairs"] = PairSerializer(pairs, many=True).data
        data["campaigns"] = [
            {
                "campaign": row["campaign"].pk,
                "name": row["campaign"].name,
                "budget": str(row["campaign"].budget),
                "spent": str(row["spent"]),
                "recipients": row["recipients"],
            }
            for row in data["campaigns"]
        ]
        return Response(_plain(data))


def _plain(value):
    """Figures as JSON: Decimals as strings, labels as text."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, int | bool | str) or value is None:
        return value
    return str(value)


@extend_schema_serializer(many=False)
class OwnFileSerializer(FileDetailSerializer):
    """The worker's one file: an object, though the router names its GET `list`."""


NO_FILE = OpenApiResponse(ErrorDetailSerializer, description="You have no hardship file.")


class MyFileViewSet(viewsets.ViewSet):
    """The worker's own file: progress and aid (GET), applying (POST), resubmitting."""

    permission_classes = [IsMemberUser]

    def _member(self, request):
        return org_selectors.members_visible_to(request.user).get()

    @extend_schema(
        summary="我的困难职工档案：进度与帮扶记录（会员本人）",
        responses={200: OwnFileSerializer, 404: NO_FILE},
    )
    def list(self, request):
        file = selectors.file_for_member(self._member(request))
        if file is None:
            raise NotFound(_("You have no hardship file."))
        log_access(
            request=request,
            action=AccessLog.Action.VIEW_HARDSHIP_FILE,
            subject=file,
            org=file.member.union,
            label=file.member.name,
        )
        return Response(FileDetailSerializer(file).data)

    @extend_schema(
        summary="申请困难帮扶（会员本人）", request=MemberApplyInput, responses=FileDetailSerializer
    )
    def create(self, request):
        file = file_services.file_apply(
            actor=request.user, member=self._member(request), **_valid(MemberApplyInput, request)
        )
        return Response(FileDetailSerializer(file).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="退回后重新提交（会员本人）",
        request=NoteInput,
        responses={200: FileDetailSerializer, 404: NO_FILE},
    )
    @action(detail=False, methods=["post"])
    def resubmit(self, request):
        file = selectors.file_for_member(self._member(request))
        if file is None:
            raise NotFound(_("You have no hardship file."))
        file_services.file_resubmit(actor=request.user, file=file, **_valid(NoteInput, request))
        file.refresh_from_db()
        return Response(FileDetailSerializer(file).data)
