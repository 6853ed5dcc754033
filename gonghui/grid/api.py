"""The JSON API of the grid: cases and every step of their file, the member's own cases and
legal questions, the lawyers' answers, grids, health checks and the figures."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from gonghui.accounts import roles
from gonghui.accounts.decorators import second_factor_missing
from gonghui.accounts.permissions import IsMemberUser, IsStaffUser
from gonghui.core.api import IdField
from gonghui.core.switches import ServiceEnabled
from gonghui.grid import selectors
from gonghui.grid.models import (
    Case,
    CaseEvent,
    Grid,
    HealthCheck,
    Kind,
    LegalEvent,
    LegalEventKind,
    LegalQuestion,
    Party,
    PartyRole,
    QuestionCategory,
    Severity,
)
from gonghui.grid.services import agreements, casefile, cases, legal
from gonghui.grid.services.deadlines import current_deadline
from gonghui.hardship.api.serializers import validated
from gonghui.hardship.models import Cause
from gonghui.orgs.models import Enterprise, Organisation


class IsGridWorker(BasePermission):
    """Staff, grid members and lawyers, after the second factor their role needs."""

    message = "仅限工会工作人员、网格员和工会律师，并需先完成动态口令验证。"

    def has_permission(self, request, view):
        user = request.user
        return (roles.is_staff(user) or roles.is_grid_helper(user)) and not second_factor_missing(
            request
        )


class IsLawyer(BasePermission):
    message = "仅限工会律师，并需先完成动态口令验证。"

    def has_permission(self, request, view):
        user = request.user
        return (
            user.is_authenticated and user.role == "lawyer" and not second_factor_missing(request)
        )


class GridPartySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="name_masked")
    id_number = serializers.CharField(source="id_number_masked")
    mobile = serializers.CharField(source="mobile_masked")

    class Meta:
        model = Party
        fields = ["id", "role", "name", "id_number", "mobile"]


class GridEventSerializer(serializers.ModelSerializer):
    step = serializers.CharField(source="action", help_text="file, accept, mediate, settle, …")

    class Meta:
        model = CaseEvent
        fields = ["step", "from_status", "to_status", "level", "note", "at"]


class GridCaseSerializer(serializers.ModelSerializer):
    parties = GridPartySerializer(many=True, read_only=True)
    events = GridEventSerializer(many=True, read_only=True)
    deadline = serializers.SerializerMethodField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=True)
    recovered = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=True)

    class Meta:
        model = Case
        fields = ["id", "code", "kind", "severity", "status", "level", "channel", "title",
                  "facts", "people", "amount", "recovered", "mass_incident", "confidential",
                  "filed_at", "closed_at", "parties", "events", "deadline"]  # fmt: skip

    def get_deadline(self, case) -> str:
        from gonghui.deadlines.selectors import state_of

        deadline = current_deadline(case)
        return state_of(deadline) if deadline else ""


class GridPartyInput(serializers.Serializer):
    role = serializers.ChoiceField(choices=PartyRole.choices, default=PartyRole.WORKER)
    name = serializers.CharField(max_length=128, allow_blank=True)
    id_number = serializers.CharField(max_length=18, required=False, allow_blank=True)
    mobile = serializers.CharField(max_length=20, required=False, allow_blank=True)


class GridCaseInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    severity = serializers.ChoiceField(choices=Severity.choices)
    title = serializers.CharField(max_length=128)
    facts = serializers.CharField()
    people = serializers.IntegerField(min_value=1, max_value=100000, default=1)
    amount = serializers.CharField(max_length=20, required=False, allow_blank=True)
    mass_incident = serializers.BooleanField(default=False)
    confidential = serializers.BooleanField(default=False)
    location = serializers.CharField(max_length=128, required=False, allow_blank=True)
    enterprise = IdField(required=False, allow_null=True)
    union = IdField(required=False, allow_null=True)
    parties = GridPartyInput(many=True, allow_empty=True)


class GridNoteInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True)


class GridReasonInput(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class GridMediationInput(serializers.Serializer):
    date = serializers.DateField()
    place = serializers.CharField(max_length=128)
    mediators = serializers.CharField(max_length=255)
    present = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    statements = serializers.CharField()
    outcome = serializers.CharField()


class GridAgreementInput(serializers.Serializer):
    terms = serializers.CharField(allow_blank=True)
    amount = serializers.CharField(max_length=20, allow_blank=True)
    performance = serializers.CharField(allow_blank=True)
    worker_signature = serializers.CharField(help_text="PNG, data URL or base64")
    enterprise_signature = serializers.CharField(help_text="PNG, data URL or base64")


class GridHandoverInput(serializers.Serializer):
    centre = serializers.CharField(max_length=128, allow_blank=True)
    file_summary = serializers.CharField(allow_blank=True)


class GridOutcomeInput(serializers.Serializer):
    settled = serializers.BooleanField()
    outcome = serializers.CharField(allow_blank=True)
    recovered = serializers.CharField(max_length=20, required=False, allow_blank=True)


class GridCloseInput(serializers.Serializer):
    report = serializers.CharField(allow_blank=True)
    recovered = serializers.CharField(max_length=20, required=False, allow_blank=True)


class GridFollowUpInput(serializers.Serializer):
    date = serializers.DateField()
    performed = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True)


class GridExtendInput(serializers.Serializer):
    amount = serializers.IntegerField(min_value=1, max_value=60)
    reason = serializers.CharField(allow_blank=True)


class GridHardshipInput(serializers.Serializer):
    main_cause = serializers.ChoiceField(choices=Cause.choices)
    note = serializers.CharField(allow_blank=True)


def case_input(request) -> dict:
    data = validated(GridCaseInput, request)
    for key, model in (("enterprise", Enterprise), ("union", Organisation)):
        if data.get(key):
            found = model.objects.filter(pk=data[key]).first()
            if found is None:
                raise serializers.ValidationError({key: ["没有这个单位。"]})
            data[key] = found
    data["parties"] = [dict(party) for party in data["parties"]]
    return data


STEPS = {
    "accept": (GridNoteInput, lambda u, c, d, r: cases.case_accept(actor=u, case=c, **d)),
    "mediate": (GridMediationInput,
                lambda u, c, d, r: casefile.mediation_record(actor=u, case=c, **d)),
    "agreement": (GridAgreementInput, lambda u, c, d, r: agreements.agreement_sign(
        actor=u, case=c, base_url=r.build_absolute_uri("/"), **d)),
    "fail": (GridNoteInput, lambda u, c, d, r: cases.case_fail(actor=u, case=c,
                                                                note=d.get("note", ""))),
    "escalate": (GridReasonInput, lambda u, c, d, r: cases.case_escalate(actor=u, case=c, **d)),
    "hand-over": (GridHandoverInput,
                  lambda u, c, d, r: casefile.case_hand_over(actor=u, case=c, **d)),
    "outcome": (GridOutcomeInput, lambda u, c, d, r: casefile.handover_outcome(actor=u, case=c,
                                                                                **d)),
    "close": (GridCloseInput, lambda u, c, d, r: cases.case_close(actor=u, case=c, **d)),
    "follow-up": (GridFollowUpInput,
                  lambda u, c, d, r: casefile.follow_up_record(actor=u, case=c, **d)),
    "extend": (GridExtendInput,
               lambda u, c, d, r: casefile.case_deadline_extend(actor=u, case=c, **d)),
    "hardship": (GridHardshipInput,
                 lambda u, c, d, r: casefile.hardship_file_open(actor=u, case=c, **d)),
    "correct": (GridReasonInput, lambda u, c, d, r: cases.case_correct(actor=u, case=c, **d)),
}  # fmt: skip


def _step_action(name: str, summary: str):
    serializer, _write = STEPS[name]

    def step(self, request, pk=None):
        case = self.get_object()
        data = validated(serializer, request)
        STEPS[name][1](request.user, case, data, request)
        return Response(GridCaseSerializer(self.get_queryset().get(pk=case.pk)).data)

    step.__name__ = name.replace("-", "_")
    step = action(detail=True, methods=["post"], url_path=name, url_name=name)(step)
    return extend_schema(summary=summary, request=serializer, responses=GridCaseSerializer)(step)


@extend_schema_view(
    list=extend_schema(summary="纠纷案件列表（本人可见范围）"),
    retrieve=extend_schema(summary="案件详情：当事人（脱敏）、事件与时限"),
)
class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = GridCaseSerializer
    permission_classes = [IsGridWorker, ServiceEnabled]
    service_key = "grid"

    def get_queryset(self):
        return selectors.cases_visible_to(self.request.user).prefetch_related("parties", "events")

    @extend_schema(summary="登记案件（网格员、工会）", request=GridCaseInput,
                   responses={201: GridCaseSerializer})  # fmt: skip
    def create(self, request):
        case = cases.case_file(actor=request.user, **case_input(request))
        return Response(
            GridCaseSerializer(self.get_queryset().get(pk=case.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    accept = _step_action("accept", "受理")
    mediate = _step_action("mediate", "记录调解")
    agreement = _step_action("agreement", "签订调解协议（屏幕签名，生成协议书）")
    fail = _step_action("fail", "调解不成")
    escalate = _step_action("escalate", "上报上一级")
    hand_over = _step_action("hand-over", "移交镇街矛调中心")
    outcome = _step_action("outcome", "记录矛调中心处理结果")
    close = _step_action("close", "结案（结案报告）")
    follow_up = _step_action("follow-up", "回访")
    extend = _step_action("extend", "延长时限（限一次，须填理由）")
    hardship = _step_action("hardship", "一键建立困难职工档案")
    correct = _step_action("correct", "更正（事件记录，须填理由）")


@extend_schema_view(
    list=extend_schema(summary="我反映的或与我有关的案件"),
    retrieve=extend_schema(summary="我的案件：每一步"),
)
class MyCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = GridCaseSerializer
    permission_classes = [IsMemberUser, ServiceEnabled]
    service_key = "grid"

    def get_queryset(self):
        return selectors.cases_visible_to(self.request.user).prefetch_related("parties", "events")

    @extend_schema(summary="我要反映（可匿名：交镇街总工会）", request=GridCaseInput,
                   responses={201: GridCaseSerializer})  # fmt: skip
    def create(self, request):
        data = case_input(request)
        data.pop("union", None)
        case = cases.case_file(actor=request.user, **data)
        return Response(
            GridCaseSerializer(self.get_queryset().get(pk=case.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class GridQuestionSerializer(serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = LegalQuestion
        fields = ["id", "category", "text", "asked_at", "answer", "answered_at", "case"]


class GridQuestionInput(serializers.Serializer):
    category = serializers.ChoiceField(choices=QuestionCategory.choices)
    text = serializers.CharField(allow_blank=True)


class GridAnswerInput(serializers.Serializer):
    answer = serializers.CharField(allow_blank=True)


@extend_schema_view(
    list=extend_schema(summary="我的法律咨询"), retrieve=extend_schema(summary="法律咨询与答复")
)
class MyQuestionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):  # fmt: skip
    serializer_class = GridQuestionSerializer
    permission_classes = [IsMemberUser, ServiceEnabled]
    service_key = "grid"

    def get_queryset(self):
        return selectors.questions_visible_to(self.request.user)

    @extend_schema(
        summary="提问", request=GridQuestionInput, responses={201: GridQuestionSerializer}
    )
    def create(self, request):
        question = legal.question_ask(actor=request.user, **validated(GridQuestionInput, request))
        return Response(GridQuestionSerializer(question).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="会员法律咨询（工会律师）"),
    retrieve=extend_schema(summary="法律咨询详情"),
)
class QuestionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = GridQuestionSerializer
    permission_classes = [IsLawyer, ServiceEnabled]
    service_key = "grid"

    def get_queryset(self):
        return selectors.questions_visible_to(self.request.user)

    @extend_schema(summary="答复", request=GridAnswerInput, responses=GridQuestionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        question = legal.question_answer(
            actor=request.user, question=self.get_object(), **validated(GridAnswerInput, request)
        )
        return Response(GridQuestionSerializer(question).data)

    @extend_schema(summary="转为案件", request=None, responses=GridQuestionSerializer)
    @action(detail=True, methods=["post"], url_path="to-case")
    def to_case(self, request, pk=None):
        question = self.get_object()
        legal.question_to_case(actor=request.user, question=question)
        question.refresh_from_db()
        return Response(GridQuestionSerializer(question).data)


class GridSerializer(serializers.ModelSerializer):
    union = serializers.CharField(source="union.name")
    grid_members = serializers.IntegerField(source="grid_members.count")
    micro_members = serializers.IntegerField(source="micro_members.count")

    class Meta:
        model = Grid
        fields = ["id", "name", "union", "grid_members", "micro_members"]


@extend_schema_view(list=extend_schema(summary="工会网格"), retrieve=extend_schema(summary="网格"))
class GridViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = GridSerializer
    permission_classes = [IsStaffUser, ServiceEnabled]
    service_key = "grid"

    def get_queryset(self):
        return selectors.grids_visible_to(self.request.user)


class GridHealthCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = HealthCheck
        fields = ["id", "enterprise", "date", "results", "findings", "rectify_by"]


class GridHealthCheckInput(serializers.Serializer):
    enterprise = IdField()
    date = serializers.DateField()
    results = serializers.DictField(child=serializers.BooleanField())
    findings = serializers.CharField(required=False, allow_blank=True)
    rectify_by = serializers.DateField(required=False, allow_null=True)


@extend_schema_view(
    list=extend_schema(summary="劳动用工体检"), retrieve=extend_schema(summary="体检记录")
)
class HealthCheckViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         viewsets.GenericViewSet):  # fmt: skip
    serializer_class = GridHealthCheckSerializer
    permission_classes = [IsStaffUser, ServiceEnabled]
    service_key = "grid"

    def get_queryset(self):
        return selectors.health_checks_visible_to(self.request.user)

    @extend_schema(summary="记录体检", request=GridHealthCheckInput,
                   responses={201: GridHealthCheckSerializer})  # fmt: skip
    def create(self, request):
        data = validated(GridHealthCheckInput, request)
        data["enterprise"] = Enterprise.objects.filter(pk=data["enterprise"]).first()
        if data["enterprise"] is None:
            raise serializers.ValidationError({"enterprise": ["没有这个企业。"]})
        check = legal.health_check_record(actor=request.user, **data)
        return Response(GridHealthCheckSerializer(check).data, status=status.HTTP_201_CREATED)


class GridLegalEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalEvent
        fields = ["id", "kind", "date", "topic", "attendees", "enterprise"]


class GridLegalEventInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LegalEventKind.choices)
    date = serializers.DateField()
    topic = serializers.CharField(max_length=128, allow_blank=True)
    attendees = serializers.IntegerField(min_value=0, max_value=100000, default=0)
    enterprise = IdField(required=False, allow_null=True)


@extend_schema_view(
    list=extend_schema(summary="法律服务活动（法律服务进企业、普法宣传）"),
    retrieve=extend_schema(summary="法律服务活动"),
)
class LegalEventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):  # fmt: skip
    serializer_class = GridLegalEventSerializer
    permission_classes = [IsGridWorker, ServiceEnabled]
    service_key = "grid"

    def get_queryset(self):
        return selectors.legal_events_visible_to(self.request.user)

    @extend_schema(summary="记录法律服务活动", request=GridLegalEventInput,
                   responses={201: GridLegalEventSerializer})  # fmt: skip
    def create(self, request):
        data = validated(GridLegalEventInput, request)
        if data.get("enterprise"):
            data["enterprise"] = Enterprise.objects.filter(pk=data["enterprise"]).first()
            if data["enterprise"] is None:
                raise serializers.ValidationError({"enterprise": ["没有这个企业。"]})
        event = legal.legal_event_record(actor=request.user, **data)
        return Response(GridLegalEventSerializer(event).data, status=status.HTTP_201_CREATED)
