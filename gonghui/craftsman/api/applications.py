"""Applications: the member's own (apply, read, appeal) and the staff's (apply for a member,
review, refuse lines, the committee, objections)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gonghui.accounts.permissions import IsMemberUser, IsStaffUser
from gonghui.core.switches import ServiceEnabled
from gonghui.craftsman import selectors, services
from gonghui.craftsman.api.serializers import (
    CraftsmanAdjustInput,
    CraftsmanAnswerInput,
    CraftsmanAppealDecisionInput,
    CraftsmanApplicationSerializer,
    CraftsmanApplyInput,
    CraftsmanEventSerializer,
    CraftsmanExpertScoreInput,
    CraftsmanLineReasonInput,
    CraftsmanObjectionInput,
    CraftsmanReasonInput,
    CraftsmanStaffApplyInput,
)
from gonghui.craftsman.models import Appeal, Line, Objection
from gonghui.hardship.api.serializers import validated
from gonghui.orgs.selectors import members_visible_to


def _apply(request, serializer_class, member=None):
    data = validated(serializer_class, request)
    # An unknown (or foreign) scheme or member is a refused field, as the schema documents.
    scheme = selectors.schemes_visible_to(request.user).filter(pk=data["scheme"]).first()
    if scheme is None:
        raise serializers.ValidationError({"scheme": ["没有这个评选方案。"]})
    if member is None:
        member = members_visible_to(request.user).filter(pk=data["member"]).first()
        if member is None:
            raise serializers.ValidationError({"member": ["没有这位会员，或不在您的管辖范围内。"]})
    application = services.application_apply(
        actor=request.user,
        scheme=scheme,
        member=member,
        service_years=data["service_years"],
        lines=[dict(line) for line in data["evidence"]],
        consent_notice=data["consent_notice"],
    )
    return Response(
        CraftsmanApplicationSerializer(application).data, status=status.HTTP_201_CREATED
    )


@extend_schema_view(
    list=extend_schema(summary="我的工匠评选申报"),
    retrieve=extend_schema(summary="我的申报：得分与计分明细"),
)
class MyApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = CraftsmanApplicationSerializer
    permission_classes = [IsMemberUser, ServiceEnabled]
    service_key = "craftsman"

    def get_queryset(self):
        return selectors.applications_visible_to(self.request.user).prefetch_related("lines")

    @extend_schema(
        summary="申报（立即计分）",
        request=CraftsmanApplyInput,
        responses={201: CraftsmanApplicationSerializer},
    )
    def create(self, request):
        member = members_visible_to(request.user).get()
        return _apply(request, CraftsmanApplyInput, member)

    @extend_schema(
        summary="对退回的材料申诉（限一次）",
        request=CraftsmanLineReasonInput,
        responses={201: CraftsmanApplicationSerializer},
    )
    @action(detail=True, methods=["post"])
    def appeal(self, request, pk=None):
        application = self.get_object()
        data = validated(CraftsmanLineReasonInput, request)
        line = get_object_or_404(Line, application=application, number=data["line"])
        services.appeal_file(actor=request.user, line=line, reason=data["reason"])
        application.refresh_from_db()
        return Response(
            CraftsmanApplicationSerializer(application).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    list=extend_schema(summary="工匠评选申报列表（本组织范围）"),
    retrieve=extend_schema(summary="申报详情：得分与计分明细"),
)
class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CraftsmanApplicationSerializer
    permission_classes = [IsStaffUser, ServiceEnabled]
    service_key = "craftsman"

    def get_queryset(self):
        return selectors.applications_visible_to(self.request.user).prefetch_related("lines")

    def _answer(self, application):
        application.refresh_from_db()
        return Response(CraftsmanApplicationSerializer(application).data)

    @extend_schema(
        summary="工会代为申报（代办）",
        request=CraftsmanStaffApplyInput,
        responses={201: CraftsmanApplicationSerializer},
    )
    def create(self, request):
        return _apply(request, CraftsmanStaffApplyInput)

    @extend_schema(
        summary="资格审核通过（基层工会，然后镇街）",
        request=None,
        responses=CraftsmanApplicationSerializer,
    )
    @action(detail=True, methods=["post"])
    def check(self, request, pk=None):
        application = self.get_object()
        services.application_check(actor=request.user, application=application)
        return self._answer(application)

    @extend_schema(
        summary="资格审核不通过",
        request=CraftsmanReasonInput,
        responses=CraftsmanApplicationSerializer,
    )
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        application = self.get_object()
        services.application_refuse(
            actor=request.user, application=application, **validated(CraftsmanReasonInput, request)
        )
        return self._answer(application)

    @extend_schema(
        summary="退回一条材料（重新计分）",
        request=CraftsmanLineReasonInput,
        responses=CraftsmanApplicationSerializer,
    )
    @action(detail=True, methods=["post"], url_path="refuse-line")
    def refuse_line(self, request, pk=None):
        application = self.get_object()
        data = validated(CraftsmanLineReasonInput, request)
        line = get_object_or_404(Line, application=application, number=data["line"])
        services.line_refuse(actor=request.user, line=line, reason=data["reason"])
        return self._answer(application)

    @extend_schema(
        summary="专家评分（回避同企业）",
        request=CraftsmanExpertScoreInput,
        responses=CraftsmanApplicationSerializer,
    )
    @action(detail=True, methods=["post"], url_path="expert-score")
    def expert_score(self, request, pk=None):
        application = self.get_object()
        services.expert_score(
            actor=request.user,
            application=application,
            **validated(CraftsmanExpertScoreInput, request),
        )
        return self._answer(application)

    @extend_schema(
        summary="记录评审委员会议定的调整分",
        request=CraftsmanAdjustInput,
        responses=CraftsmanApplicationSerializer,
    )
    @action(detail=True, methods=["post"])
    def adjust(self, request, pk=None):
        application = self.get_object()
        services.application_adjust(
            actor=request.user, application=application, **validated(CraftsmanAdjustInput, request)
        )
        return self._answer(application)

    @extend_schema(
        summary="处理申诉",
        request=CraftsmanAppealDecisionInput,
        responses=CraftsmanApplicationSerializer,
    )
    @action(detail=True, methods=["post"], url_path="decide-appeal")
    def decide_appeal(self, request, pk=None):
        application = self.get_object()
        appeal = get_object_or_404(Appeal, application=application)
        services.appeal_decide(
            actor=request.user, appeal=appeal, **validated(CraftsmanAppealDecisionInput, request)
        )
        return self._answer(application)

    @extend_schema(
        summary="登记公示异议",
        request=CraftsmanObjectionInput,
        responses=CraftsmanApplicationSerializer,
    )
    @action(detail=True, methods=["post"])
    def objection(self, request, pk=None):
        application = self.get_object()
        services.objection_record(
            actor=request.user,
            application=application,
            **validated(CraftsmanObjectionInput, request),
        )
        return self._answer(application)

    @extend_schema(
        summary="答复异议（可撤销入选）",
        request=CraftsmanAnswerInput,
        responses=CraftsmanApplicationSerializer,
    )
    @action(detail=True, methods=["post"], url_path="answer-objection")
    def answer_objection(self, request, pk=None):
        application = self.get_object()
        data = validated(CraftsmanAnswerInput, request)
        objection = get_object_or_404(Objection, application=application, pk=data.pop("objection"))
        services.objection_answer(actor=request.user, objection=objection, **data)
        return self._answer(application)

    @extend_schema(summary="处理记录", responses=CraftsmanEventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def events(self, request, pk=None):
        return Response(CraftsmanEventSerializer(self.get_object().events.all(), many=True).data)
