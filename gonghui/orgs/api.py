from django.core.exceptions import PermissionDenied
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import RetrieveAPIView
from rest_framework.response import Response

from gonghui.accounts import roles
from gonghui.accounts.permissions import IsMemberUser, IsStaffUser
from gonghui.core.api import IdField, read_query
from gonghui.core.audit import log_access
from gonghui.core.models import AccessLog
from gonghui.core.search import refuse_id_in_query
from gonghui.orgs import selectors, services
from gonghui.orgs.models import Member, MemberStatus, Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "code", "name", "kind", "parent", "depth"]


class MemberSerializer(serializers.ModelSerializer):
    """ID number and bank card are masked; the full values come from `sensitive`, logged."""

    id_number = serializers.CharField(write_only=True, required=False)
    id_number_masked = serializers.CharField(read_only=True)
    bank_card = serializers.CharField(write_only=True, required=False, allow_blank=True)
    bank_card_masked = serializers.CharField(read_only=True)
    union_name = serializers.CharField(source="union.name", read_only=True)

    class Meta:
        model = Member
        fields = [
            "id",
            "name",
            "id_number",
            "id_number_masked",
            "birth_date",
            "gender",
            "mobile",
            "union",
            "union_name",
            "enterprise",
            "status",
            "join_date",
            "basic_medical_insurance",
            "maternity_insurance",
            "bank_name",
            "bank_card",
            "bank_card_masked",
            "employment_group",
        ]
        read_only_fields = ["birth_date", "gender"]


class MemberSearchSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text="姓名（部分）、姓名+身份证号后4位（如“张三 0235”）、完整身份证号或手机号",
    )
    union = IdField(required=False)
    status = serializers.ChoiceField(MemberStatus.choices, required=False, allow_blank=True)


class MemberSensitiveSerializer(serializers.Serializer):
    id_number = serializers.CharField()
    bank_card = serializers.CharField()


@extend_schema_view(
    list=extend_schema(
        summary="会员列表（按姓名或手机号搜索；按身份证号请 POST search）",
        parameters=[MemberSearchSerializer],
    ),
    retrieve=extend_schema(summary="会员详情（敏感信息已遮蔽）"),
    create=extend_schema(summary="新增会员"),
    partial_update=extend_schema(summary="修改会员"),
)
class MemberViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = MemberSerializer
    permission_classes = [IsStaffUser]
    http_method_names = ["get", "post", "patch"]

    def get_queryset(self):
        filters = {}
        if self.action == "list":
            # An ID number in a URL lands in access logs: searches by it are POSTed.
            refuse_id_in_query(self.request.query_params, post_url=reverse("member-search"))
            filters = read_query(MemberSearchSerializer, self.request)
        return selectors.member_search(
            self.request.user,
            query=filters.get("q", ""),
            union_id=filters.get("union"),
            status=filters.get("status", ""),
        )

    @extend_schema(
        summary="搜索会员（POST：身份证号放在请求体中，不进网址和访问日志）",
        request=MemberSearchSerializer,
        responses=MemberSerializer(many=True),
    )
    @action(detail=False, methods=["post"])
    def search(self, request):
        search = MemberSearchSerializer(data=request.data)
        search.is_valid(raise_exception=True)
        members = selectors.member_search(
            request.user,
            query=search.validated_data.get("q", ""),
            union_id=search.validated_data.get("union"),
            status=search.validated_data.get("status", ""),
        )
        page = self.paginate_queryset(members)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        id_number = data.pop("id_number", "")
        serializer.instance = services.member_create(
            actor=self.request.user, id_number=id_number, **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        id_number = data.pop("id_number", None)
        serializer.instance = services.member_update(
            actor=self.request.user, member=serializer.instance, id_number=id_number, **data
        )

    def create(self, request, *args, **kwargs):
        if not roles.can_edit_members(request.user):
            raise PermissionDenied
        return super().create(request, *args, **kwargs)

    @extend_schema(
        summary="完整身份证号与银行卡号（记入访问日志）", responses=MemberSensitiveSerializer
    )
    @action(detail=True, methods=["get"])
    def sensitive(self, request, pk=None):
        if not roles.can_view_sensitive(request.user):
            return Response(status=status.HTTP_403_FORBIDDEN)
        member = self.get_object()
        # Both numbers leave in this answer: both views are logged, as on the page.
        log_access(
            request=request,
            action=AccessLog.Action.VIEW_ID_NUMBER,
            subject=member,
            org=member.union,
        )
        if member.bank_card:
            log_access(
                request=request,
                action=AccessLog.Action.VIEW_BANK_CARD,
                subject=member,
                org=member.union,
            )
        return Response({"id_number": member.id_number, "bank_card": member.bank_card})


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        return selectors.orgs_visible_to(self.request.user)


@extend_schema(summary="我的会员信息（会员本人）")
class MyMemberRecordView(RetrieveAPIView):
    serializer_class = MemberSerializer
    permission_classes = [IsMemberUser]

    def get_object(self):
        return selectors.members_visible_to(self.request.user).select_related("union").get()
