"""Pairing of cadres with workers, and their visits."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gonghui.accounts.permissions import IsStaffUser
from gonghui.hardship import selectors
from gonghui.hardship.api.serializers import validated
from gonghui.hardship.models import Pair, VisitMode
from gonghui.hardship.services import pairs as pair_services


class PairSerializer(serializers.ModelSerializer):
    cadre_name = serializers.CharField(source="cadre.__str__", read_only=True)
    worker = serializers.CharField(source="file.member.name", read_only=True)
    last_visit = serializers.DateField(read_only=True, allow_null=True)
    days_since = serializers.IntegerField(read_only=True)
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Pair
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "file",
            "worker",
            "started_on",
            "last_visit",
            "days_since",
            "overdue",
        ]


class PairVisitInput(serializers.Serializer):
    visited_on = serializers.DateField()
    mode = serializers.ChoiceField(VisitMode.choices)
    content = serializers.CharField()


@extend_schema_view(list=extend_schema(summary="结对帮扶一览（90天未走访的标出）"))
class PairViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PairSerializer
    permission_classes = [IsStaffUser]
    pagination_class = None

    def get_queryset(self):
        return selectors.pairs_visible_to(self.request.user)

    def list(self, request):
        return Response(PairSerializer(selectors.pairs_board(request.user), many=True).data)

    @extend_schema(summary="登记结对走访", request=PairVisitInput, responses={201: None})
    @action(detail=True, methods=["post"])
    def visits(self, request, pk=None):
        pair_services.pair_visit_record(
            actor=request.user, pair=self.get_object(), **validated(PairVisitInput, request)
        )
        return Response(status=status.HTTP_201_CREATED)

    @extend_schema(summary="结束结对", request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        pair_services.pair_end(actor=request.user, pair=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
