"""What the claims API reads and answers: a claim, its facts, lines, events and materials."""

from django.urls import reverse
from rest_framework import serializers

from gonghui.claims import selectors
from gonghui.claims.models import (
    MEMBER_LABELS,
    Claim,
    ClaimEvent,
    EventType,
    MaterialKind,
    Place,
    Severity,
)
from gonghui.core.api import IdField
from gonghui.core.money import round_money
from gonghui.orgs.selectors import members_visible_to


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
    member = IdField(help_text="The member filed for (in your subtree).")

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


def estimate_data(quote) -> dict:
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
