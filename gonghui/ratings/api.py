"""The ratings JSON API: every page action has an endpoint calling the same service."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gonghui.accounts.permissions import IsStaffUser
from gonghui.core.switches import ServiceEnabled
from gonghui.hardship.api.serializers import validated
from gonghui.ratings import selectors, services
from gonghui.ratings.models import Application, Appraisal, Line, Programme, StandardItem, Title


class RatingsProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "name",
            "applicant_kind",
            "scope",
            "validity_years",
            "reassess_days",
            "notice_days",
            "award",
            "active",
        ]
        read_only_fields = ["id", "active"]


class RatingsRulesSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True)
    rules = serializers.DictField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    frozen_at = serializers.DateTimeField(read_only=True, allow_null=True)


class RatingsLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Line
        fields = [
            "number",
            "item",
            "date",
            "quantity",
            "note",
            "points",
            "engine_reason",
            "finding",
            "refused_reason",
            "upload_name",
        ]


class RatingsApplicationSerializer(serializers.ModelSerializer):
    applicant_name = serializers.CharField(source="applicant.name", read_only=True)
    lines = RatingsLineSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "programme",
            "applicant",
            "applicant_name",
            "enterprise",
            "applied_at",
            "status",
            "self_score",
            "self_level",
            "self_trace",
            "score",
            "level",
            "trace",
            "notice_ends",
            "lines",
        ]


class RatingsEvidenceInput(serializers.Serializer):
    item = serializers.CharField(max_length=64)
    date = serializers.DateField()
    quantity = serializers.IntegerField(min_value=1, default=1)
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class RatingsApplyInput(serializers.Serializer):
    programme = serializers.IntegerField()
    enterprise = serializers.IntegerField(required=False, allow_null=True, default=None)
    evidence = RatingsEvidenceInput(many=True)


class RatingsNoteInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RatingsReasonInput(serializers.Serializer):
    reason = serializers.CharField()


class RatingsFindingInput(serializers.Serializer):
    line = serializers.IntegerField()
    finding = serializers.CharField(required=False, allow_blank=True, default="")
    refused = serializers.BooleanField(default=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class RatingsInspectionInput(serializers.Serializer):
    date = serializers.DateField()
    inspectors = serializers.CharField(max_length=255)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    findings = RatingsFindingInput(many=True, required=False, default=list)


class RatingsTitleSerializer(serializers.ModelSerializer):
    holder_name = serializers.CharField(source="holder.name", read_only=True)

    class Meta:
        model = Title
        fields = [
            "id",
            "programme",
            "holder",
            "holder_name",
            "enterprise",
            "level",
            "level_name",
            "valid_from",
            "valid_until",
            "reassess_due",
            "status",
            "revoke_reason",
            "award",
            "award_paid_on",
        ]


class RatingsAwardInput(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    paid_on = serializers.DateField(required=False, allow_null=True, default=None)


class RatingsStandardSerializer(serializers.ModelSerializer):
    class Meta:
        model = StandardItem
        fields = ["id", "union", "code", "done", "note", "verified_at"]
        read_only_fields = ["id", "union", "verified_at"]
        extra_kwargs = {"done": {"required": True}}


class RatingsAppraiseeInput(serializers.Serializer):
    name = serializers.CharField(max_length=64)
    union = serializers.IntegerField()
    group = serializers.CharField(max_length=32)
    evidence = RatingsEvidenceInput(many=True)


class RatingsAppraisalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appraisal
        fields = ["id", "year", "name", "rules", "quotas", "ranked_at"]
        read_only_fields = ["id", "ranked_at"]
        extra_kwargs = {"rules": {"required": True}, "quotas": {"required": True}}


class _Base:
    permission_classes = [IsStaffUser, ServiceEnabled]
    service_key = "ratings"


@extend_schema_view(
    list=extend_schema(summary="创建项目列表"), retrieve=extend_schema(summary="创建项目详情")
)
class ProgrammeViewSet(
    _Base, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = RatingsProgrammeSerializer

    def get_queryset(self):
        return selectors.programmes_visible_to(self.request.user).order_by("id")

    @extend_schema(
        summary="新建创建项目（默认评分表）",
        request=RatingsProgrammeSerializer,
        responses={201: RatingsProgrammeSerializer},
    )
    def create(self, request):
        data = validated(RatingsProgrammeSerializer, request)
        programme = services.programme_create(
            actor=request.user, federation=request.user.org, **data
        )
        return Response(RatingsProgrammeSerializer(programme).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="当前评分表与等级", responses=RatingsRulesSerializer)
    @action(detail=True, methods=["get"])
    def rules(self, request, pk=None):
        return Response(RatingsRulesSerializer(selectors.current_version(self.get_object())).data)

    @extend_schema(
        summary="修改评分表（冻结后为新版本，须填理由）",
        request=RatingsRulesSerializer,
        responses=RatingsRulesSerializer,
    )
    @rules.mapping.post
    def rules_update(self, request, pk=None):
        data = validated(RatingsRulesSerializer, request)
        version = services.rules_update(actor=request.user, programme=self.get_object(), **data)
        return Response(RatingsRulesSerializer(version).data)


@extend_schema_view(
    list=extend_schema(summary="创建申报列表"), retrieve=extend_schema(summary="申报详情与计分明细")
)
class ApplicationViewSet(
    _Base, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = RatingsApplicationSerializer

    def get_queryset(self):
        return (
            selectors.applications_visible_to(self.request.user)
            .prefetch_related("lines")
            .order_by("-id")
        )

    def _done(self, application):
        application.refresh_from_db()
        return Response(RatingsApplicationSerializer(application).data)

    @extend_schema(
        summary="申报（立即自评计分）",
        request=RatingsApplyInput,
        responses={201: RatingsApplicationSerializer},
    )
    def create(self, request):
        data = validated(RatingsApplyInput, request)
        programme = selectors.programmes_visible_to(request.user).filter(pk=data["programme"])
        if not programme:
            raise serializers.ValidationError({"programme": ["没有这个创建项目。"]})
        enterprise = None
        if data["enterprise"]:
            enterprise = request.user.org.enterprises.filter(pk=data["enterprise"]).first()
            if enterprise is None:
                raise serializers.ValidationError(
                    {"enterprise": ["没有这家企业，或不属于本工会。"]}
                )
        application = services.application_apply(
            actor=request.user,
            programme=programme.first(),
            lines=[dict(line) for line in data["evidence"]],
            enterprise=enterprise,
        )
        return Response(
            RatingsApplicationSerializer(application).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="镇街预审通过", request=RatingsNoteInput, responses=RatingsApplicationSerializer
    )
    @action(detail=True, methods=["post"], url_path="pre-assess")
    def pre_assess(self, request, pk=None):
        data = validated(RatingsNoteInput, request)
        application = self.get_object()
        services.pre_assess(actor=request.user, application=application, note=data["note"])
        return self._done(application)

    @extend_schema(
        summary="不予通过（须填理由）",
        request=RatingsReasonInput,
        responses=RatingsApplicationSerializer,
    )
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        data = validated(RatingsReasonInput, request)
        application = self.get_object()
        services.refuse(actor=request.user, application=application, reason=data["reason"])
        return self._done(application)

    @extend_schema(
        summary="县总工会现场检查与评定（可不认可某条材料，重新计分）",
        request=RatingsInspectionInput,
        responses=RatingsApplicationSerializer,
    )
    @action(detail=True, methods=["post"])
    def inspect(self, request, pk=None):
        data = validated(RatingsInspectionInput, request)
        application = self.get_object()
        services.inspect(
            actor=request.user,
            application=application,
            date=data["date"],
            inspectors=data["inspectors"],
            summary=data["summary"],
            findings=[dict(f) for f in data["findings"]],
        )
        return self._done(application)

    @extend_schema(summary="开始公示", request=None, responses=RatingsApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="start-notice")
    def start_notice(self, request, pk=None):
        application = self.get_object()
        services.start_notice(actor=request.user, application=application)
        return self._done(application)

    @extend_schema(summary="命名授牌", request=None, responses={201: RatingsTitleSerializer})
    @action(detail=True, methods=["post"], url_path="name")
    def name_title(self, request, pk=None):
        title = services.name_title(actor=request.user, application=self.get_object())
        return Response(RatingsTitleSerializer(title).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="称号列表"), retrieve=extend_schema(summary="称号详情")
)
class TitleViewSet(
    _Base, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = RatingsTitleSerializer

    def get_queryset(self):
        return selectors.titles_visible_to(self.request.user).order_by("-id")

    @extend_schema(
        summary="撤销称号（须填理由）", request=RatingsReasonInput, responses=RatingsTitleSerializer
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        data = validated(RatingsReasonInput, request)
        title = services.revoke(actor=request.user, title=self.get_object(), reason=data["reason"])
        return Response(RatingsTitleSerializer(title).data)

    @extend_schema(
        summary="登记奖励或补助", request=RatingsAwardInput, responses=RatingsTitleSerializer
    )
    @action(detail=True, methods=["post"])
    def award(self, request, pk=None):
        data = validated(RatingsAwardInput, request)
        title = services.record_award(
            actor=request.user,
            title=self.get_object(),
            amount=data["amount"],
            paid_on=data["paid_on"],
        )
        return Response(RatingsTitleSerializer(title).data)


@extend_schema_view(
    list=extend_schema(summary="规范化建设清单"), retrieve=extend_schema(summary="清单项")
)
class StandardViewSet(
    _Base, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = RatingsStandardSerializer

    def get_queryset(self):
        return selectors.standard_items_visible_to(self.request.user).order_by("union", "code")

    @extend_schema(
        summary="本工会更新一项（六个有·双亮）",
        request=RatingsStandardSerializer,
        responses={201: RatingsStandardSerializer},
    )
    def create(self, request):
        data = validated(RatingsStandardSerializer, request)
        item = services.standard_set(actor=request.user, union=request.user.org, **data)
        return Response(RatingsStandardSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="镇街核实", request=None, responses=RatingsStandardSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        item = services.standard_verify(actor=request.user, item=self.get_object())
        return Response(RatingsStandardSerializer(item).data)


@extend_schema_view(
    list=extend_schema(summary="工会干部考核评比"), retrieve=extend_schema(summary="考核详情")
)
class AppraisalViewSet(
    _Base, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = RatingsAppraisalSerializer

    def get_queryset(self):
        return Appraisal.objects.filter(
            federation_id__in=self.request.user.org.ancestor_ids
        ).order_by("-year")

    @extend_schema(
        summary="新建年度考核（评分表与名额）",
        request=RatingsAppraisalSerializer,
        responses={201: RatingsAppraisalSerializer},
    )
    def create(self, request):
        data = validated(RatingsAppraisalSerializer, request)
        appraisal = services.appraisal_create(
            actor=request.user, federation=request.user.org, **data
        )
        return Response(RatingsAppraisalSerializer(appraisal).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="登记被考核干部", request=RatingsAppraiseeInput, responses={201: None})
    @action(detail=True, methods=["post"])
    def appraisees(self, request, pk=None):
        from gonghui.orgs.models import Organisation

        data = validated(RatingsAppraiseeInput, request)
        union = Organisation.objects.filter(pk=data.pop("union")).first()
        if union is None:
            raise serializers.ValidationError({"union": ["没有这个工会。"]})
        person = services.appraisee_add(
            actor=request.user,
            appraisal=self.get_object(),
            union=union,
            evidence=[dict(e) for e in data.pop("evidence")],
            **data,
        )
        return Response({"id": person.pk, "score": str(person.score)}, status=201)

    @extend_schema(summary="按名额排名并表彰", request=None, responses=RatingsAppraisalSerializer)
    @action(detail=True, methods=["post"])
    def rank(self, request, pk=None):
        appraisal = self.get_object()
        services.appraisal_rank(actor=request.user, appraisal=appraisal)
        appraisal.refresh_from_db()
        return Response(RatingsAppraisalSerializer(appraisal).data)
