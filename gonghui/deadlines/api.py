"""The JSON API of the calendar and the deadlines: every action of their pages, through the
same services and selectors."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from gonghui.accounts.permissions import IsStaffUser
from gonghui.core.api import Pagination, read_query
from gonghui.deadlines import access, calendar, selectors, services
from gonghui.deadlines.models import CalendarDay, DayKind, Deadline


def _validated(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class CalendarDaySerializer(serializers.ModelSerializer):
    national = serializers.SerializerMethodField()

    class Meta:
        model = CalendarDay
        fields = ["id", "day", "kind", "name", "national", "source"]

    def get_national(self, row) -> bool:
        return row.federation_id is None


class CalendarDayInput(serializers.Serializer):
    day = serializers.DateField()
    kind = serializers.ChoiceField(DayKind.choices)
    name = serializers.CharField(max_length=64)
    national = serializers.BooleanField(default=True)


class YearQuery(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


class ConfirmedSerializer(serializers.Serializer):
    confirmed = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(summary="工作日历（节假日与调休上班日）", parameters=[YearQuery]),
    destroy=extend_schema(summary="删除工作日历中的一天"),
)
class CalendarDayViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = CalendarDaySerializer
    permission_classes = [IsStaffUser]
    pagination_class = None

    def get_queryset(self):
        return calendar.days_kept_by(self.request.user)

    def list(self, request):
        year = read_query(YearQuery, request).get("year", timezone.localdate().year)
        rows = self.get_queryset().filter(day__year=year)
        return Response(CalendarDaySerializer(rows, many=True).data)

    @extend_schema(
        summary="录入或修改一天（放假或调休上班）",
        request=CalendarDayInput,
        responses={201: CalendarDaySerializer},
    )
    def create(self, request):
        row = calendar.calendar_day_set(actor=request.user, **_validated(CalendarDayInput, request))
        return Response(CalendarDaySerializer(row).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        calendar.calendar_day_remove(actor=self.request.user, row=instance)

    @extend_schema(
        summary="确认某年的演示日期已核对", request=YearQuery, responses={200: ConfirmedSerializer}
    )
    @action(detail=False, methods=["post"])
    def confirm(self, request):
        year = _validated(YearQuery, request).get("year", timezone.localdate().year)
        count = calendar.calendar_year_confirm(actor=request.user, year=year)
        return Response({"confirmed": count})


class DeadlineSerializer(serializers.ModelSerializer):
    state = serializers.SerializerMethodField()
    org_name = serializers.CharField(source="org.name", read_only=True)

    class Meta:
        model = Deadline
        fields = [
            "id",
            "owner",
            "object_id",
            "purpose",
            "title",
            "org",
            "org_name",
            "unit",
            "amount",
            "starts_at",
            "due_at",
            "met_at",
            "state",
            "extended_at",
            "extension_reason",
        ]

    def get_state(self, deadline) -> str:
        return selectors.state_of(deadline)


class DeadlineQuery(serializers.Serializer):
    late = serializers.BooleanField(required=False, help_text="只列超期未办的")


class ExtendInput(serializers.Serializer):
    amount = serializers.IntegerField(min_value=1, max_value=365)
    reason = serializers.CharField()


@extend_schema_view(
    list=extend_schema(
        summary="本辖区未办结的期限（late=true 只列超期的）",
        parameters=[OpenApiParameter("late", bool, description="只列超期未办的")],
    ),
    retrieve=extend_schema(summary="一个期限"),
)
class DeadlineViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DeadlineSerializer
    permission_classes = [IsStaffUser]
    pagination_class = Pagination

    def get_queryset(self):
        return selectors.deadlines_visible_to(self.request.user).select_related("org")

    def list(self, request):
        query = read_query(DeadlineQuery, request)
        rows = (
            selectors.late_in_subtree(request.user)
            if query.get("late")
            else selectors.open_in_subtree(request.user)
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(DeadlineSerializer(page, many=True).data)

    @extend_schema(
        summary="延期一次（须说明理由）", request=ExtendInput, responses={200: DeadlineSerializer}
    )
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        if not access.can_extend(request.user):
            raise PermissionDenied("无权延期。")
        deadline = services.deadline_extend(
            actor=request.user, deadline=self.get_object(), **_validated(ExtendInput, request)
        )
        return Response(DeadlineSerializer(deadline).data)
