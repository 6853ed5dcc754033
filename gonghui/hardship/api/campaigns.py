"""Campaigns (两节送温暖, 金秋助学…): the list of recipients picked by rule or by hand, paid
one by one or all at once."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gonghui.accounts.permissions import IsStaffUser
from gonghui.core.api import IdField
from gonghui.hardship import selectors
from gonghui.hardship.api.serializers import MONEY, AidSerializer, validated
from gonghui.hardship.models import (
    AidType,
    Audience,
    Campaign,
    CampaignKind,
    CampaignRecipient,
    FundingSource,
)
from gonghui.hardship.services import campaigns as campaign_services
from gonghui.orgs import selectors as org_selectors

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
            "audience",
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
    audience = serializers.ChoiceField(
        Audience.choices,
        default=Audience.FILES,
        help_text="files: active hardship files; members: every active member (member-wide)",
    )
    rule = serializers.DictField(
        required=False,
        default=dict,
        help_text=(
            "files: tiers, causes (lists); child_in_school, young_child, female_worker "
            "(true/false). members: groups (list of frontline, sanitation, outdoor); "
            "female_worker"
        ),
    )


class RecipientSerializer(serializers.ModelSerializer):
    worker = serializers.CharField(source="member.name", read_only=True)
    union = serializers.CharField(source="member.union.name", read_only=True)
    tier = serializers.CharField(
        source="file.tier", read_only=True, allow_null=True, help_text="null: member-wide"
    )
    paid = serializers.SerializerMethodField()

    class Meta:
        model = CampaignRecipient
        fields = [
            "id",
            "member",
            "file",
            "worker",
            "union",
            "tier",
            "planned_amount",
            "by_rule",
            "paid",
        ]

    def get_paid(self, recipient) -> str | None:
        record = getattr(recipient, "aid", None)
        return str(record.value) if record else None


class RecipientAddInput(serializers.Serializer):
    file = IdField(required=False, help_text="A campaign for files: the active file to add")
    member = IdField(required=False, help_text="A member-wide campaign: the member to add")
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


def _pick(candidates, data: dict, field: str):
    """The file or member the input names, among the campaign's candidates (404 if not)."""
    if data.get(field) is None:
        raise serializers.ValidationError({field: [_("This field is required.")]})
    return get_object_or_404(candidates, pk=data[field])


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
        return get_object_or_404(campaign.recipients.select_related("member", "file"), pk=pk)

    @extend_schema(summary="新建帮扶活动", request=CampaignInput, responses=CampaignSerializer)
    def create(self, request):
        data = validated(CampaignInput, request)
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
        data = validated(RecipientAddInput, request)
        if campaign.audience == Audience.MEMBERS:
            whom = {"member": _pick(selectors.campaign_member_candidates(campaign), data, "member")}
        else:
            whom = {"file": _pick(selectors.campaign_candidates(campaign), data, "file")}
        recipient = campaign_services.campaign_recipient_add(
            actor=request.user,
            campaign=campaign,
            planned_amount=data.get("planned_amount"),
            **whom,
        )
        return Response(RecipientSerializer(recipient).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="移出名单（未发放的）", request=RecipientInput, responses={204: None})
    @action(detail=True, methods=["post"], url_path="remove-recipient")
    def remove_recipient(self, request, pk=None):
        recipient = self._recipient(
            self.get_object(), validated(RecipientInput, request)["recipient"]
        )
        campaign_services.campaign_recipient_remove(actor=request.user, recipient=recipient)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="登记一名对象的发放（生成帮扶记录）",
        request=PayInput,
        responses={201: AidSerializer},
    )
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        data = validated(PayInput, request)
        recipient = self._recipient(self.get_object(), data.pop("recipient"))
        record = campaign_services.campaign_recipient_pay(
            actor=request.user, recipient=recipient, **data
        )
        return Response(AidSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="全部未发放对象登记发放", request=PayAllInput, responses=PayAllResult)
    @action(detail=True, methods=["post"], url_path="pay-all")
    def pay_all(self, request, pk=None):
        paid, held = campaign_services.campaign_pay_all(
            actor=request.user, campaign=self.get_object(), **validated(PayAllInput, request)
        )
        return Response(
            {
                "paid": paid,
                "held": [
                    {"recipient": r.pk, "worker": r.member.name, "reason": reason}
                    for r, reason in held
                ],
            }
        )
