"""What the hardship API reads and answers: the file and its parts, and the input of each
step."""

from django.urls import reverse
from rest_framework import serializers

from gonghui.consent.api import ConsentInput, StaffConsentInput
from gonghui.core.api import IdField
from gonghui.hardship.models import (
    AidRecord,
    AidType,
    AttachmentKind,
    Cause,
    CloseReason,
    Disability,
    FamilyMember,
    FileEvent,
    FundingSource,
    HardshipFile,
    Health,
    Housing,
    Relation,
    Schooling,
    Tier,
    TierDecision,
)

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


class ApplyInput(HouseholdInput, StaffConsentInput):
    id_number = serializers.CharField(help_text="The worker's full ID number.")
    main_cause = serializers.ChoiceField(Cause.choices)


class MemberApplyInput(HouseholdInput, ConsentInput):
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


def validated(serializer_class, request) -> dict:
    """The request's body read through the serializer: a 400 with its messages if wrong."""
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
