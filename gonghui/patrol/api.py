"""The JSON API of patrols: every page action. Staff: routes (create, add a checkpoint,
generate slots), patrols (the review queue, approve, reject, grab for a member — 代办).
Members: slots open to them (nearest first when a position is given), their patrols (grab,
cancel, start, checkpoint, finish). Writes stop while the federation has the service off."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from gonghui.accounts.permissions import IsMemberUser, IsStaffUser
from gonghui.core.api import IdField, known, read_query
from gonghui.core.switches import ServiceEnabled
from gonghui.orgs.selectors import members_visible_to
from gonghui.patrol import access, selectors
from gonghui.patrol.models import Checkpoint, Pass, Patrol, Route, Slot, Status
from gonghui.patrol.services import grabs, review, routes, walking
from gonghui.patrol.views.common import report_from

KEY = "patrol"


def validated(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class PatrolReader(BasePermission):
    message = "仅限有权查看平安巡逻的工会工作人员。"

    def has_permission(self, request, view):
        return access.can_read(request.user)


# --- serializers ---------------------------------------------------------------------------


class PatrolCheckpointSerializer(serializers.ModelSerializer):
    class Meta:
        model = Checkpoint
        fields = ["id", "position", "name", "lat", "lng", "radius", "code"]


class PatrolMemberCheckpointSerializer(serializers.ModelSerializer):
    class Meta:
        model = Checkpoint
        fields = ["id", "position", "name", "lat", "lng", "radius"]


class PatrolRouteSerializer(serializers.ModelSerializer):
    checkpoints = PatrolCheckpointSerializer(many=True, read_only=True)

    class Meta:
        model = Route
        fields = ["id", "org", "name", "area", "expected_minutes", "points", "auto_approve",
                  "active", "checkpoints"]  # fmt: skip
        read_only_fields = ["org", "active"]


class PatrolSlotSerializer(serializers.ModelSerializer):
    route_name = serializers.CharField(source="route.name", read_only=True)

    class Meta:
        model = Slot
        fields = ["id", "route", "route_name", "date", "starts_at", "ends_at", "capacity", "taken"]


class PatrolOpenSlotSerializer(serializers.Serializer):
    slot = PatrolSlotSerializer()
    distance = serializers.IntegerField(allow_null=True, help_text="米，到线路起点")
    held = serializers.BooleanField()


class PatrolEventSerializer(serializers.Serializer):
    action = serializers.CharField()
    to_status = serializers.CharField()
    on_behalf = serializers.BooleanField()
    note = serializers.CharField()
    at = serializers.DateTimeField()


class PatrolPassSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pass
        fields = ["checkpoint", "method", "lat", "lng", "accuracy", "distance", "reported_at",
                  "at", "dropped_at"]  # fmt: skip


class PatrolSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)
    route_name = serializers.CharField(source="route.name", read_only=True)
    events = PatrolEventSerializer(many=True, read_only=True)
    passes = PatrolPassSerializer(many=True, read_only=True)

    class Meta:
        model = Patrol
        fields = ["id", "slot", "route", "route_name", "member_name", "day", "status",
                  "started_at", "finished_at", "reasons", "events", "passes"]  # fmt: skip


class PatrolCheckpointInput(serializers.Serializer):
    name = serializers.CharField(max_length=64)
    lat = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    lng = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    radius = serializers.IntegerField(default=100)


class PatrolSlotsInput(serializers.Serializer):
    first = serializers.DateField()
    last = serializers.DateField()
    capacity = serializers.IntegerField(required=False, allow_null=True, default=None)


class PatrolCountResult(serializers.Serializer):
    count = serializers.IntegerField()


class PatrolReasonInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class PatrolGrabInput(serializers.Serializer):
    slot = IdField()


class PatrolGrabForInput(serializers.Serializer):
    slot = IdField()
    member = IdField()


class PatrolReportInput(serializers.Serializer):
    """What the phone reports at a checkpoint: its position (with accuracy and time) or the
    checkpoint's QR code."""

    lat = serializers.FloatField(required=False, allow_null=True, min_value=-90, max_value=90)
    lng = serializers.FloatField(required=False, allow_null=True, min_value=-180, max_value=180)
    accuracy = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    at = serializers.IntegerField(required=False, allow_null=True, help_text="ms since 1970")
    code = serializers.CharField(required=False, allow_blank=True, max_length=16)


class PatrolStartInput(PatrolReportInput):
    agree = serializers.BooleanField(default=False, help_text="agree to positions at checkpoints")


class PatrolPassInput(PatrolReportInput):
    checkpoint = IdField()


class PatrolNearInput(serializers.Serializer):
    lat = serializers.FloatField(required=False, min_value=-90, max_value=90)
    lng = serializers.FloatField(required=False, min_value=-180, max_value=180)


class PatrolStatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False)


# --- staff ---------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="巡逻线路（本级及下级）"),
    retrieve=extend_schema(summary="线路及点位"),
)
class RouteViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    serializer_class = PatrolRouteSerializer
    permission_classes = [IsStaffUser, PatrolReader, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        return selectors.routes_visible_to(self.request.user).prefetch_related("checkpoints")

    @extend_schema(summary="新建线路", responses={201: PatrolRouteSerializer})
    def create(self, request):
        data = validated(PatrolRouteSerializer, request)
        route = routes.route_create(actor=request.user, org=request.user.org, **data)
        return Response(PatrolRouteSerializer(route).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="添加点位（按顺序排在最后）",
        request=PatrolCheckpointInput,
        responses={201: PatrolCheckpointSerializer},
    )
    @action(detail=True, methods=["post"])
    def checkpoints(self, request, pk=None):
        data = validated(PatrolCheckpointInput, request)
        checkpoint = routes.checkpoint_add(actor=request.user, route=self.get_object(), **data)
        return Response(PatrolCheckpointSerializer(checkpoint).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="生成每日时段", request=PatrolSlotsInput, responses=PatrolCountResult)
    @action(detail=True, methods=["post"], url_path="generate-slots")
    def generate_slots(self, request, pk=None):
        data = validated(PatrolSlotsInput, request)
        added = routes.slots_generate(actor=request.user, route=self.get_object(), **data)
        return Response({"count": added})


@extend_schema_view(
    list=extend_schema(
        summary="巡逻记录（可按状态筛选，如待审核）", parameters=[PatrolStatusInput]
    ),
    retrieve=extend_schema(summary="一次巡逻：点位、位置与步骤"),
)
class PatrolViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PatrolSerializer
    permission_classes = [IsStaffUser, PatrolReader, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        rows = selectors.patrols_visible_to(self.request.user).prefetch_related("events", "passes")
        if self.action == "list":
            wanted = read_query(PatrolStatusInput, self.request).get("status")
            if wanted:
                rows = rows.filter(status=wanted)
        return rows

    @extend_schema(summary="审核通过（记积分，只记一次）", request=None, responses=PatrolSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        patrol = review.patrol_approve(actor=request.user, patrol=self.get_object())
        return Response(PatrolSerializer(patrol).data)

    @extend_schema(
        summary="审核不通过（须填原因）", request=PatrolReasonInput, responses=PatrolSerializer
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        reason = validated(PatrolReasonInput, request)["reason"]
        patrol = review.patrol_reject(actor=request.user, patrol=self.get_object(), reason=reason)
        return Response(PatrolSerializer(patrol).data)

    @extend_schema(
        summary="代办：为会员抢单", request=PatrolGrabForInput, responses={201: PatrolSerializer}
    )
    @action(detail=False, methods=["post"], url_path="grab-for")
    def grab_for(self, request):
        data = validated(PatrolGrabForInput, request)
        member = known(members_visible_to(request.user), data["member"], "member")
        slot = known(Slot.objects.all(), data["slot"], "slot")
        patrol = grabs.patrol_grab(actor=request.user, member=member, slot=slot)
        return Response(PatrolSerializer(patrol).data, status=status.HTTP_201_CREATED)


# --- members -------------------------------------------------------------------------------


def _me(request):
    member = selectors.my_member(request.user)
    if member is None:
        raise NotFound
    return member


@extend_schema_view(
    list=extend_schema(summary="可抢的时段（给出位置时按距离排序）", parameters=[PatrolNearInput])
)
class MySlotViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PatrolOpenSlotSerializer
    permission_classes = [IsMemberUser, ServiceEnabled]
    service_key = KEY
    pagination_class = None

    def list(self, request):
        near = read_query(PatrolNearInput, request)
        rows = selectors.open_slots_for(_me(request), lat=near.get("lat"), lng=near.get("lng"))
        return Response(PatrolOpenSlotSerializer(rows, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="我的巡逻"), retrieve=extend_schema(summary="我的一次巡逻")
)
class MyPatrolViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PatrolSerializer
    permission_classes = [IsMemberUser, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        return selectors.my_patrols(_me(self.request))

    @extend_schema(summary="抢单", request=PatrolGrabInput, responses={201: PatrolSerializer})
    def create(self, request):
        slot = get_object_or_404(Slot, pk=validated(PatrolGrabInput, request)["slot"])
        patrol = grabs.patrol_grab(actor=request.user, member=_me(request), slot=slot)
        return Response(PatrolSerializer(patrol).data, status=status.HTTP_201_CREATED)

    def _answer(self, patrol):
        patrol = self.get_queryset().get(pk=patrol.pk)
        return Response(PatrolSerializer(patrol).data)

    @extend_schema(
        summary="取消（开始前3小时内取消记为缺勤）", request=None, responses=PatrolSerializer
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._answer(grabs.patrol_cancel(actor=request.user, patrol=self.get_object()))

    @extend_schema(
        summary="在第一个点位开始巡逻", request=PatrolStartInput, responses=PatrolSerializer
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        data = validated(PatrolStartInput, request)
        patrol = walking.patrol_start(
            actor=request.user, patrol=self.get_object(), report=report_from(data),
            agreed=data["agree"],
        )  # fmt: skip
        return self._answer(patrol)

    @extend_schema(summary="按顺序经过点位", request=PatrolPassInput, responses=PatrolSerializer)
    @action(detail=True, methods=["post"])
    def checkpoint(self, request, pk=None):
        data = validated(PatrolPassInput, request)
        patrol = self.get_object()
        checkpoint = Checkpoint.objects.filter(pk=data["checkpoint"], route=patrol.route).first()
        if checkpoint is None:
            raise NotFound("这条线路上没有这个点位。")
        walking.patrol_checkpoint(
            actor=request.user, patrol=patrol, checkpoint=checkpoint, report=report_from(data)
        )
        return self._answer(patrol)

    @extend_schema(
        summary="在最后一个点位结束巡逻", request=PatrolReportInput, responses=PatrolSerializer
    )
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        data = validated(PatrolReportInput, request)
        patrol = walking.patrol_finish(
            actor=request.user, patrol=self.get_object(), report=report_from(data)
        )
        return self._answer(patrol)
