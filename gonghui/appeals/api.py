"""JSON API of appeals: what the pages offer, through the same services and scope.

/api/appeals/            staff: the queue (subtree), an appeal, decide, file for a member (代办)
/api/me/appeals/         member: my appeals, the refusals I can appeal, file an appeal"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gonghui.accounts.permissions import IsMemberUser, IsStaffUser
from gonghui.appeals import access, registry, selectors, services
from gonghui.appeals.models import Appeal, AppealEvent, AppealStatus
from gonghui.core.api import read_query
from gonghui.orgs.selectors import members_visible_to


class AppealEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AppealEvent
        fields = ["from_status", "to_status", "at", "note", "on_behalf"]


class AppealSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    member_name = serializers.CharField(source="member.name", read_only=True)
    kind_label = serializers.CharField(read_only=True)
    events = AppealEventSerializer(many=True, read_only=True)

    class Meta:
        model = Appeal
        fields = [
            "id",
            "reference",
            "kind",
            "kind_label",
            "object_id",
            "member",
            "member_name",
            "title",
            "refusal_reason",
            "refused_at",
            "reason",
            "status",
            "on_behalf",
            "filed_at",
            "decided_at",
            "decision_note",
            "events",
        ]


class RefusalSerializer(serializers.Serializer):
    kind = serializers.CharField()
    object_id = serializers.IntegerField()
    title = serializers.CharField()
    reason = serializers.CharField()
    refused_at = serializers.DateTimeField()


class FileInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[])
    object_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    reason = serializers.CharField(max_length=services.MAX_REASON)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = registry.choices()


class DecideInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["uphold", "dismiss"])
    note = serializers.CharField(max_length=1000)


class QueueFilters(serializers.Serializer):
    status = serializers.ChoiceField(AppealStatus.choices, required=False, allow_blank=True)
    kind = serializers.CharField(required=False, allow_blank=True, max_length=48)


def _file(request) -> Appeal:
    data = FileInput(data=request.data)
    data.is_valid(raise_exception=True)
    return services.appeal_file(actor=request.user, **data.validated_data)


@extend_schema_view(
    list=extend_schema(summary="申诉队列（本组织及下级）", parameters=[QueueFilters]),
    retrieve=extend_schema(summary="申诉详情"),
    create=extend_schema(
        summary="窗口代办：为会员提出申诉", request=FileInput, responses={201: AppealSerializer}
    ),
)
class AppealViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsStaffUser]
    serializer_class = AppealSerializer

    def get_queryset(self):
        if not access.can_see_queue(self.request.user):
            raise PermissionDenied
        if self.action == "list":
            return selectors.appeal_queue(
                self.request.user, **read_query(QueueFilters, self.request)
            ).prefetch_related("events")
        return selectors.appeals_visible_to(self.request.user).prefetch_related("events")

    def create(self, request):
        if not access.can_file_for_members(request.user):
            raise PermissionDenied
        appeal = _file(request)
        return Response(AppealSerializer(appeal).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="裁决申诉：维持原决定或予以纠正（不得由原决定人裁决）",
        request=DecideInput,
        responses=AppealSerializer,
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        appeal = self.get_object()
        data = DecideInput(data=request.data)
        data.is_valid(raise_exception=True)
        appeal = services.appeal_decide(
            actor=request.user,
            appeal=appeal,
            uphold=data.validated_data["decision"] == "uphold",
            note=data.validated_data["note"],
        )
        return Response(AppealSerializer(appeal).data)


@extend_schema_view(
    list=extend_schema(summary="我的申诉（会员本人）"),
    retrieve=extend_schema(summary="我的一件申诉及其进度"),
    create=extend_schema(
        summary="提出申诉（每个决定只能申诉一次）",
        request=FileInput,
        responses={201: AppealSerializer},
    ),
)
class MyAppealViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsMemberUser]
    serializer_class = AppealSerializer

    def get_queryset(self):
        return selectors.appeals_visible_to(self.request.user).prefetch_related("events")

    def create(self, request):
        appeal = _file(request)
        return Response(AppealSerializer(appeal).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="我可以申诉的决定", responses=RefusalSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None)
    def refusals(self, request):
        member = get_object_or_404(members_visible_to(request.user))
        return Response(RefusalSerializer(selectors.appealable_refusals(member), many=True).data)
