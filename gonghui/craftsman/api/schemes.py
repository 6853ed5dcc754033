"""Schemes: create, read and edit the rules (versions), freeze the ranking, start the notice,
name the titles; the honours archive."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gonghui.accounts.permissions import IsStaffUser
from gonghui.core.switches import ServiceEnabled
from gonghui.craftsman import selectors, services
from gonghui.craftsman.api.serializers import (
    CraftsmanContestSerializer,
    CraftsmanHonourSerializer,
    CraftsmanRankingEntrySerializer,
    CraftsmanReasonInput,
    CraftsmanResultInput,
    CraftsmanResultSerializer,
    CraftsmanRulesSerializer,
    CraftsmanSchemeInput,
    CraftsmanSchemeSerializer,
)
from gonghui.craftsman.models import Honour
from gonghui.craftsman.views.archive import contests_visible_to
from gonghui.hardship.api.serializers import validated
from gonghui.orgs.selectors import members_visible_to


@extend_schema_view(
    list=extend_schema(summary="工匠评选方案列表"),
    retrieve=extend_schema(summary="评选方案详情"),
)
class SchemeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CraftsmanSchemeSerializer
    permission_classes = [IsStaffUser, ServiceEnabled]
    service_key = "craftsman"

    def get_queryset(self):
        return selectors.schemes_visible_to(self.request.user).order_by("-year", "id")

    @extend_schema(
        summary="新建评选方案（总工会管理员）",
        request=CraftsmanSchemeInput,
        responses={201: CraftsmanSchemeSerializer},
    )
    def create(self, request):
        data = validated(CraftsmanSchemeInput, request)
        data["pools"] = [(p["key"], p["label"], p["places"]) for p in data.get("pools", [])]
        scheme = services.scheme_create(actor=request.user, federation=request.user.org, **data)
        return Response(CraftsmanSchemeSerializer(scheme).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="当前评分规则版本", responses=CraftsmanRulesSerializer)
    @action(detail=True, methods=["get"])
    def rules(self, request, pk=None):
        return Response(CraftsmanRulesSerializer(selectors.current_version(self.get_object())).data)

    @extend_schema(
        summary="修改评分规则（冻结后为新版本，须填理由）",
        request=CraftsmanRulesSerializer,
        responses=CraftsmanRulesSerializer,
    )
    @rules.mapping.post
    def rules_update(self, request, pk=None):
        data = validated(CraftsmanRulesSerializer, request)
        version = services.rules_update(actor=request.user, scheme=self.get_object(), **data)
        return Response(CraftsmanRulesSerializer(version).data)

    @extend_schema(
        summary="确定排名（快照）",
        request=None,
        responses=CraftsmanRankingEntrySerializer(many=True),
    )
    @action(detail=True, methods=["post"])
    def rank(self, request, pk=None):
        entries = services.ranking_freeze(actor=request.user, scheme=self.get_object())
        return Response(CraftsmanRankingEntrySerializer(entries, many=True).data)

    @extend_schema(summary="确定的排名", responses=CraftsmanRankingEntrySerializer(many=True))
    @action(detail=True, methods=["get"])
    def ranking(self, request, pk=None):
        rows = self.get_object().ranking.select_related("application__member")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(CraftsmanRankingEntrySerializer(page, many=True).data)

    @extend_schema(summary="开始公示", request=None, responses=CraftsmanSchemeSerializer)
    @action(detail=True, methods=["post"])
    def notice(self, request, pk=None):
        scheme = services.notice_start(actor=request.user, scheme=self.get_object())
        return Response(CraftsmanSchemeSerializer(scheme).data)

    @extend_schema(
        summary="审定命名（公示期满后）",
        request=None,
        responses=CraftsmanHonourSerializer(many=True),
    )
    @action(detail=True, methods=["post"], url_path="name")
    def name_titles(self, request, pk=None):
        honours = services.scheme_name(
            actor=request.user,
            scheme=self.get_object(),
            base_url=request.build_absolute_uri("/"),
        )
        return Response(CraftsmanHonourSerializer(honours, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="荣誉库"), retrieve=extend_schema(summary="荣誉详情")
)
class HonourViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CraftsmanHonourSerializer
    permission_classes = [IsStaffUser]

    @extend_schema(
        summary="撤销称号（须填理由）",
        request=CraftsmanReasonInput,
        responses=CraftsmanHonourSerializer,
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        honour = services.honour_revoke(
            actor=request.user,
            honour=self.get_object(),
            reason=validated(CraftsmanReasonInput, request)["reason"],
        )
        return Response(CraftsmanHonourSerializer(honour).data)

    def get_queryset(self):
        path = self.request.user.org.path
        ancestors = [int(p) for p in path.strip("/").split("/") if p]
        return (
            (
                Honour.objects.filter(federation_id__in=ancestors)
                | Honour.objects.filter(federation__path__startswith=path)
            )
            .select_related("certificate")
            .order_by("-year", "id")
        )


@extend_schema_view(
    list=extend_schema(summary="技能竞赛列表"), retrieve=extend_schema(summary="技能竞赛")
)
class ContestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CraftsmanContestSerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        return contests_visible_to(self.request.user).order_by("-date", "id")

    @extend_schema(
        summary="登记技能竞赛",
        request=CraftsmanContestSerializer,
        responses={201: CraftsmanContestSerializer},
    )
    def create(self, request):
        data = validated(CraftsmanContestSerializer, request)
        contest = services.contest_create(actor=request.user, **data)
        return Response(CraftsmanContestSerializer(contest).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="登记参赛成绩（可作为申报材料）",
        request=CraftsmanResultInput,
        responses={201: CraftsmanResultSerializer},
    )
    @action(detail=True, methods=["post"])
    def results(self, request, pk=None):
        data = validated(CraftsmanResultInput, request)
        person = get_object_or_404(members_visible_to(request.user), pk=data.pop("member"))
        result = services.result_record(
            actor=request.user, contest=self.get_object(), member=person, **data
        )
        return Response(CraftsmanResultSerializer(result).data, status=status.HTTP_201_CREATED)
