"""The JSON API for fair draws: every step the staff page offers, through the same services
(so the same roles, subtree and four-eyes rules), and each entrant's outcome."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gonghui.accounts.permissions import IsStaffUser
from gonghui.core.api import IdField
from gonghui.draw import engine, selectors, services
from gonghui.orgs import selectors as org_selectors


class PrizeSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=64)
    count = serializers.IntegerField(min_value=0, max_value=1_000_000)


class DrawSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    public_code = serializers.CharField(read_only=True)
    org = serializers.IntegerField(source="org_id", read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    title = serializers.CharField(read_only=True)
    purpose = serializers.CharField(read_only=True)
    source = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    algorithm = serializers.SerializerMethodField()
    prizes = serializers.SerializerMethodField()
    seed_source = serializers.CharField(read_only=True)
    seed_source_at = serializers.DateTimeField(read_only=True, allow_null=True)
    entries = serializers.IntegerField(read_only=True, allow_null=True)
    list_sha256 = serializers.CharField(read_only=True)
    frozen_at = serializers.DateTimeField(read_only=True, allow_null=True)
    seed = serializers.CharField(read_only=True)
    seed_entered_at = serializers.DateTimeField(read_only=True, allow_null=True)
    seed_confirmed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    drawn_at = serializers.DateTimeField(read_only=True, allow_null=True)
    result = serializers.JSONField(
        read_only=True, help_text="The command's JSON: list_sha256, entries, prizes, waiting"
    )
    cancel_reason = serializers.CharField(read_only=True)
    public_url = serializers.SerializerMethodField()
    list_url = serializers.SerializerMethodField()

    def get_algorithm(self, draw) -> str:
        return engine.ALGORITHM

    def get_prizes(self, draw) -> list[dict]:
        return [{"name": p.name, "count": p.count} for p in draw.prizes.order_by("position")]

    def get_public_url(self, draw) -> str | None:
        return reverse("draw_public", args=[draw.public_code]) if draw.frozen_at else None

    def get_list_url(self, draw) -> str | None:
        return reverse("draw_public_list", args=[draw.public_code]) if draw.frozen_at else None


class DrawInput(serializers.Serializer):
    org = IdField(help_text="The owning organisation (of your subtree)")
    title = serializers.CharField(max_length=128)
    purpose = serializers.CharField(required=False, allow_blank=True, default="")
    prizes = PrizeSerializer(many=True, required=False, default=list)


class AnnounceInput(serializers.Serializer):
    text = serializers.CharField(max_length=2000, help_text="The seed source announcement")


class EntrantInput(serializers.Serializer):
    ref = serializers.CharField(max_length=64)
    name = serializers.CharField(max_length=64)
    mobile = serializers.CharField(max_length=20)


class FreezeInput(serializers.Serializer):
    entrants = EntrantInput(
        many=True,
        required=False,
        help_text="In entry order. Left out: taken from the draw's registered entrant source.",
    )


class SeedInput(serializers.Serializer):
    seed = serializers.CharField(max_length=200, trim_whitespace=False)


class CancelInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class EntrantSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    ref = serializers.CharField()
    rank = serializers.IntegerField(allow_null=True, help_text="Place in the draw order")
    prize = serializers.CharField(allow_null=True, source="prize_name")
    waiting_position = serializers.IntegerField(allow_null=True)


def _validated(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema_view(
    list=extend_schema(summary="公开抽签列表（本组织及下级）"),
    retrieve=extend_schema(summary="公开抽签详情：名单摘要、种子、结果"),
)
class DrawViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DrawSerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        return selectors.draws_in_scope(self.request.user).order_by("-created_at", "-id")

    def _answer(self, draw, code=status.HTTP_200_OK):
        return Response(DrawSerializer(draw).data, status=code)

    @extend_schema(summary="新建抽签", request=DrawInput, responses={201: DrawSerializer})
    def create(self, request):
        data = _validated(DrawInput, request)
        org = org_selectors.orgs_visible_to(request.user).filter(pk=data["org"]).first()
        if org is None:
            raise serializers.ValidationError({"org": [_("This organisation is outside yours.")]})
        draw = services.draw_create(
            actor=request.user,
            org=org,
            title=data["title"],
            purpose=data["purpose"],
            prizes=[(p["name"], p["count"]) for p in data["prizes"]],
        )
        return self._answer(draw, status.HTTP_201_CREATED)

    @extend_schema(summary="公布种子来源（须在冻结名单之前）", request=AnnounceInput)
    @action(detail=True, methods=["post"])
    def announce(self, request, pk=None):
        text = _validated(AnnounceInput, request)["text"]
        draw = services.draw_announce_seed_source(
            actor=request.user, draw=self.get_object(), text=text
        )
        return self._answer(draw)

    @extend_schema(summary="冻结名单（编号、脱敏、计算摘要）", request=FreezeInput)
    @action(detail=True, methods=["post"])
    def freeze(self, request, pk=None):
        data = _validated(FreezeInput, request)
        draw = self.get_object()
        if "entrants" in data:
            entrants = [(e["ref"], e["name"], e["mobile"]) for e in data["entrants"]]
            draw = services.draw_freeze(actor=request.user, draw=draw, entrants=entrants)
        else:
            draw = services.draw_freeze_from_source(actor=request.user, draw=draw)
        return self._answer(draw)

    @extend_schema(summary="录入种子（只能录入一次）", request=SeedInput)
    @action(detail=True, methods=["post"], url_path="enter-seed")
    def enter_seed(self, request, pk=None):
        seed = _validated(SeedInput, request)["seed"]
        draw = services.draw_enter_seed(actor=request.user, draw=self.get_object(), seed=seed)
        return self._answer(draw)

    @extend_schema(summary="另一位工作人员复核种子（再次输入公开数值）", request=SeedInput)
    @action(detail=True, methods=["post"], url_path="confirm-seed")
    def confirm_seed(self, request, pk=None):
        seed = _validated(SeedInput, request)["seed"]
        draw = services.draw_confirm_seed(actor=request.user, draw=self.get_object(), seed=seed)
        return self._answer(draw)

    @extend_schema(summary="开奖（只能一次）", request=None)
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        draw = services.draw_run(actor=request.user, draw=self.get_object())
        return self._answer(draw)

    @extend_schema(summary="取消抽签（保留记录与原因）", request=CancelInput)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        reason = _validated(CancelInput, request)["reason"]
        draw = services.draw_cancel(actor=request.user, draw=self.get_object(), reason=reason)
        return self._answer(draw)

    @extend_schema(summary="参与者编号与结果", responses=EntrantSerializer(many=True))
    @action(detail=True, methods=["get"])
    def entrants(self, request, pk=None):
        rows = self.get_object().entrants.select_related("prize").order_by("number")
        page = self.paginate_queryset(rows)
        for row in page:
            row.prize_name = row.prize.name if row.prize_id else None
        return self.get_paginated_response(EntrantSerializer(page, many=True).data)
