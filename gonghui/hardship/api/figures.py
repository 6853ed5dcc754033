"""Subsistence standards, and the figures of hardship aid."""

from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from gonghui.accounts.permissions import IsStaffUser
from gonghui.core.api import read_query
from gonghui.hardship import selectors
from gonghui.hardship.api.pairs import PairSerializer
from gonghui.hardship.models import SubsistenceStandard
from gonghui.hardship.services import parameters as parameter_services
from gonghui.orgs import selectors as org_selectors


class StandardSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = SubsistenceStandard
        fields = ["id", "area", "area_name", "year", "monthly_amount"]


@extend_schema_view(
    list=extend_schema(summary="低保标准（按地区、年度）"),
    create=extend_schema(summary="设定低保标准"),
)
class StandardViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = StandardSerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        user = self.request.user
        return SubsistenceStandard.objects.filter(
            Q(area__in=org_selectors.orgs_visible_to(user)) | Q(area_id__in=user.org.ancestor_ids)
        ).select_related("area")

    def perform_create(self, serializer):
        serializer.instance = parameter_services.standard_set(
            actor=self.request.user, **serializer.validated_data
        )


class FiguresFilters(serializers.Serializer):
    year = serializers.IntegerField(
        required=False, min_value=2000, max_value=2100, help_text="This year when left out"
    )


class FiguresViewSet(viewsets.ViewSet):
    permission_classes = [IsStaffUser]

    @extend_schema(summary="困难职工帮扶数据", parameters=[FiguresFilters], responses=dict)
    def list(self, request):
        today = timezone.localdate()
        year = read_query(FiguresFilters, request).get("year", today.year)
        data = selectors.figures(request.user, year, today)
        pairs = data.pop("pairs")
        data["pairs"] = PairSerializer(pairs, many=True).data
        data["campaigns"] = [
            {
                "campaign": row["campaign"].pk,
                "name": row["campaign"].name,
                "budget": str(row["campaign"].budget),
                "spent": str(row["spent"]),
                "recipients": row["recipients"],
            }
            for row in data["campaigns"]
        ]
        return Response(_plain(data))


def _plain(value):
    """Figures as JSON: Decimals as strings, labels as text."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, int | bool | str) or value is None:
        return value
    return str(value)
