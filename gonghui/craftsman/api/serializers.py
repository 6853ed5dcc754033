"""What the craftsman API reads and answers."""

from rest_framework import serializers

from gonghui.craftsman.models import (
    Application,
    Contest,
    ContestResult,
    Honour,
    Line,
    Scheme,
    Title,
)

POINTS = {"max_digits": 5, "decimal_places": 1}


class CraftsmanSchemeSerializer(serializers.ModelSerializer):
    federation_name = serializers.CharField(source="federation.name", read_only=True)

    class Meta:
        model = Scheme
        fields = [
            "id",
            "federation",
            "federation_name",
            "year",
            "title",
            "name",
            "quota",
            "pool_by",
            "notice_days",
            "title_years",
            "status",
            "ranked_at",
            "notice_ends",
        ]
        read_only_fields = fields


class CraftsmanPoolInput(serializers.Serializer):
    key = serializers.CharField(help_text="The town's organisation id, or the industry's name")
    label = serializers.CharField()
    places = serializers.IntegerField(min_value=0)


class CraftsmanSchemeInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.ChoiceField(Scheme._meta.get_field("title").choices)
    name = serializers.CharField(max_length=128)
    quota = serializers.IntegerField(min_value=1)
    rules = serializers.DictField(required=False, help_text="GH-SCORE-1 rules; default: Luqiao's")
    pool_by = serializers.ChoiceField(
        Scheme._meta.get_field("pool_by").choices, required=False, default="none"
    )
    pools = CraftsmanPoolInput(many=True, required=False, default=list)


class CraftsmanRulesSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True)
    rules = serializers.DictField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    frozen_at = serializers.DateTimeField(read_only=True, allow_null=True)


class CraftsmanLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Line
        fields = [
            "number",
            "item",
            "date",
            "ref",
            "quantity",
            "points",
            "engine_reason",
            "refused_reason",
            "upload_name",
        ]


class CraftsmanApplicationSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)
    union_name = serializers.CharField(source="union.name", read_only=True)
    lines = CraftsmanLineSerializer(many=True, read_only=True)
    trace = serializers.ListField(child=serializers.CharField(), read_only=True)
    sections = serializers.DictField(child=serializers.CharField(), read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "scheme",
            "version",
            "member",
            "member_name",
            "union_name",
            "channel",
            "status",
            "applied_at",
            "service_years",
            "score",
            "eligible",
            "reason",
            "direct",
            "level",
            "sections",
            "adjustment",
            "adjustment_reason",
            "trace",
            "lines",
        ]
        read_only_fields = fields


class CraftsmanEvidenceInput(serializers.Serializer):
    item = serializers.CharField(help_text="SECTION.ITEM of the scheme's rules")
    date = serializers.DateField()
    ref = serializers.CharField(required=False, allow_blank=True, default="")
    quantity = serializers.IntegerField(required=False, default=1)


class CraftsmanApplyInput(serializers.Serializer):
    scheme = serializers.IntegerField()
    service_years = serializers.DecimalField(**POINTS)
    consent_notice = serializers.BooleanField()
    evidence = CraftsmanEvidenceInput(many=True)


class CraftsmanStaffApplyInput(CraftsmanApplyInput):
    member = serializers.IntegerField(help_text="The member the union applies for (代办)")


class CraftsmanReasonInput(serializers.Serializer):
    reason = serializers.CharField()


class CraftsmanLineReasonInput(CraftsmanReasonInput):
    line = serializers.IntegerField(min_value=1)


class CraftsmanAdjustInput(serializers.Serializer):
    adjustment = serializers.DecimalField(**POINTS)
    reason = serializers.CharField()


class CraftsmanExpertScoreInput(serializers.Serializer):
    adjustment = serializers.DecimalField(**POINTS)
    comment = serializers.CharField()


class CraftsmanAppealDecisionInput(serializers.Serializer):
    upheld = serializers.BooleanField()
    note = serializers.CharField()


class CraftsmanObjectionInput(serializers.Serializer):
    text = serializers.CharField()
    contact = serializers.CharField(required=False, allow_blank=True, default="")


class CraftsmanAnswerInput(serializers.Serializer):
    objection = serializers.IntegerField()
    answer = serializers.CharField()
    withdraw = serializers.BooleanField(required=False, default=False)


class CraftsmanEventSerializer(serializers.Serializer):
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class CraftsmanRankingEntrySerializer(serializers.Serializer):
    position = serializers.IntegerField()
    application = serializers.IntegerField(source="application_id")
    member_name = serializers.CharField(source="application.member.name")
    pool = serializers.CharField()
    selected = serializers.BooleanField()
    score = serializers.DecimalField(**POINTS)
    direct = serializers.BooleanField()


class CraftsmanHonourSerializer(serializers.ModelSerializer):
    # Blank for an archived honour named only by its own words (全国劳动模范 …).
    title = serializers.ChoiceField(choices=Title.choices, allow_blank=True, read_only=True)
    certificate_code = serializers.CharField(
        source="certificate.code", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Honour
        fields = [
            "id",
            "holder_name",
            "title",
            "year",
            "valid_from",
            "valid_until",
            "certificate_code",
            "revoked_at",
            "revoke_reason",
        ]
        read_only_fields = fields


class CraftsmanContestSerializer(serializers.ModelSerializer):
    contestants = serializers.IntegerField(read_only=True, source="results.count")

    class Meta:
        model = Contest
        fields = ["id", "name", "trade", "level", "date", "organiser", "contestants"]
        read_only_fields = ["id", "contestants"]
        extra_kwargs = {"organiser": {"required": False, "allow_blank": True, "default": ""}}


class CraftsmanResultInput(serializers.Serializer):
    member = serializers.IntegerField()
    rank = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    prize = serializers.CharField(required=False, allow_blank=True, default="")
    item = serializers.CharField(required=False, allow_blank=True, default="")
    certificate = serializers.CharField(required=False, allow_blank=True, default="")


class CraftsmanResultSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = ContestResult
        fields = ["id", "contest", "member", "member_name", "rank", "prize", "item", "certificate"]
        read_only_fields = fields
