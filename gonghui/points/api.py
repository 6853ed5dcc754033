"""The JSON API of the points ledger and the coin catalogue: every page action. Members: the
balance and entries, convert, the products on sale, redeem, my orders, refund. Staff: the
ledger by member, corrections (four eyes above the threshold), products and stock, orders
(hand over by code, refund), conversion rates, figures. Writes stop while the federation has
the service off. A write may carry `key` (retrying with the same key posts once)."""

import uuid

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from gonghui.accounts.permissions import IsMemberUser, IsStaffUser
from gonghui.core.api import known
from gonghui.core.switches import ServiceEnabled
from gonghui.orgs.models import Member
from gonghui.points import access, selectors
from gonghui.points import services as points_services
from gonghui.points.models import Adjustment, Entry, Order, Product, ProductKind, Rate
from gonghui.points.services import adjust, catalogue, conversion

KEY = "points"


def validated(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _key(request, prefix: str, given: str) -> str:
    return f"{prefix}:{request.user.pk}:{given or uuid.uuid4().hex}"


class PointsReader(BasePermission):
    message = "仅限有权查看积分账本的工会工作人员。"

    def has_permission(self, request, view):
        return access.can_read(request.user)


# --- serializers ---------------------------------------------------------------------------


class PointsEntrySerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = Entry
        fields = [
            "id",
            "member",
            "member_name",
            "kind",
            "points",
            "coins",
            "key",
            "reason",
            "source",
            "source_id",
            "expires_on",
            "created_at",
        ]


class PointsBalanceSerializer(serializers.Serializer):
    points = serializers.IntegerField()
    coins = serializers.IntegerField()
    points_per_coin = serializers.IntegerField()


class PointsProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = [
            "id",
            "org",
            "kind",
            "name",
            "description",
            "price",
            "stock",
            "per_member_limit",
            "valid_from",
            "valid_until",
            "order_valid_days",
            "batch",
            "active",
        ]
        read_only_fields = ["org", "stock", "active"]


class PointsProductInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ProductKind.choices)
    name = serializers.CharField(max_length=128)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    price = serializers.IntegerField(min_value=1)
    stock = serializers.IntegerField(min_value=0)
    per_member_limit = serializers.IntegerField(min_value=1, default=1)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()
    order_valid_days = serializers.IntegerField(min_value=1, default=90)
    batch = serializers.IntegerField(required=False, allow_null=True, default=None)


class PointsOrderSerializer(serializers.ModelSerializer):
    product_name = serializers.CharField(source="product.name", read_only=True)
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = Order
        fields = [
            "id",
            "code",
            "product",
            "product_name",
            "member",
            "member_name",
            "price",
            "status",
            "valid_until",
            "registration",
            "cover_from",
            "cover_until",
            "created_at",
        ]


class PointsAdjustmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Adjustment
        fields = ["id", "member", "points", "coins", "reason", "status", "created_at"]


class PointsAdjustInput(serializers.Serializer):
    member = serializers.IntegerField()
    points = serializers.IntegerField(default=0)
    coins = serializers.IntegerField(default=0)
    reason = serializers.CharField(max_length=255)


class PointsConvertInput(serializers.Serializer):
    points = serializers.IntegerField(min_value=1)
    key = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class PointsKeyInput(serializers.Serializer):
    key = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class PointsReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class PointsCodeInput(serializers.Serializer):
    code = serializers.CharField(max_length=16)


class PointsStockInput(serializers.Serializer):
    amount = serializers.IntegerField()


class PointsRateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rate
        fields = ["id", "version", "points_per_coin", "valid_from"]
        read_only_fields = ["version"]


class PointsFiguresSerializer(serializers.Serializer):
    points_issued = serializers.IntegerField()
    points_converted = serializers.IntegerField()
    coins_issued = serializers.IntegerField()
    coins_redeemed = serializers.IntegerField()
    coins_refunded = serializers.IntegerField()
    points_expired = serializers.IntegerField()
    coins_expired = serializers.IntegerField()
    points_adjusted = serializers.IntegerField()
    coins_adjusted = serializers.IntegerField()
    points_outstanding = serializers.IntegerField()
    coins_outstanding = serializers.IntegerField()


# --- members -------------------------------------------------------------------------------


def _me(request):
    member = selectors.my_member(request.user)
    if member is None:
        raise NotFound
    return member


class MyBalanceView(APIView):
    permission_classes = [IsMemberUser, ServiceEnabled]
    service_key = KEY

    @extend_schema(summary="我的积分与乐巡币余额", responses=PointsBalanceSerializer)
    def get(self, request):
        member = _me(request)
        rate = conversion.current_rate(conversion.federation_of(member))
        return Response(
            {**points_services.balance(member), "points_per_coin": rate.points_per_coin}
        )


@extend_schema_view(list=extend_schema(summary="我的积分明细"))
class MyEntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PointsEntrySerializer
    permission_classes = [IsMemberUser, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        return selectors.entries_for_member(_me(self.request)).select_related("member")

    @extend_schema(
        summary="积分兑换乐巡币", request=PointsConvertInput, responses={201: PointsEntrySerializer}
    )
    @action(detail=False, methods=["post"])
    def convert(self, request):
        data = validated(PointsConvertInput, request)
        entry = conversion.convert(
            member=_me(request),
            points=data["points"],
            key=_key(request, "convert", data["key"]),
            actor=request.user,
        )
        return Response(PointsEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="可兑换的商品"))
class MyProductViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PointsProductSerializer
    permission_classes = [IsMemberUser, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        return selectors.products_for_member(_me(self.request))

    @extend_schema(
        summary="用乐巡币兑换", request=PointsKeyInput, responses={201: PointsOrderSerializer}
    )
    @action(detail=True, methods=["post"])
    def redeem(self, request, pk=None):
        data = validated(PointsKeyInput, request)
        order = catalogue.redeem(
            member=_me(request),
            product=self.get_object(),
            key=_key(request, "redeem", data["key"]),
            actor=request.user,
        )
        return Response(PointsOrderSerializer(order).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="我的兑换订单"), retrieve=extend_schema(summary="我的一张订单")
)
class MyOrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PointsOrderSerializer
    permission_classes = [IsMemberUser, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        return selectors.orders_for_member(_me(self.request)).select_related("member")

    @extend_schema(
        summary="退回订单（退还乐巡币与库存）", request=None, responses=PointsOrderSerializer
    )
    @action(detail=True, methods=["post"])
    def refund(self, request, pk=None):
        order = catalogue.order_refund(actor=request.user, order=self.get_object())
        return Response(PointsOrderSerializer(order).data)


# --- staff ---------------------------------------------------------------------------------


@extend_schema_view(list=extend_schema(summary="积分账本（本级及下级会员；member 参数按会员查）"))
class EntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PointsEntrySerializer
    permission_classes = [IsStaffUser, PointsReader, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        rows = selectors.entries_visible_to(self.request.user)
        member = self.request.query_params.get("member", "")
        if member.isdigit():
            rows = rows.filter(member_id=int(member))
        return rows


@extend_schema_view(list=extend_schema(summary="积分更正（待复核及已处理）"))
class AdjustmentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PointsAdjustmentSerializer
    permission_classes = [IsStaffUser, PointsReader, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        return Adjustment.objects.filter(
            member__union__path__startswith=self.request.user.org.path
        ).select_related("member")

    @extend_schema(
        summary="更正积分（写明原因；超过阈值须另一人复核）",
        request=PointsAdjustInput,
        responses={201: PointsAdjustmentSerializer},
    )
    def create(self, request):
        data = validated(PointsAdjustInput, request)
        member = known(
            Member.objects.filter(union__path__startswith=request.user.org.path),
            data.pop("member"),
            "member",
        )
        made = adjust.adjust_request(actor=request.user, member=member, **data)
        return Response(PointsAdjustmentSerializer(made).data, status=status.HTTP_201_CREATED)

    def _decide(self, approve):
        made = adjust.adjust_decide(
            actor=self.request.user, adjustment=self.get_object(), approve=approve
        )
        return Response(PointsAdjustmentSerializer(made).data)

    @extend_schema(
        summary="复核通过（记入账本）", request=None, responses=PointsAdjustmentSerializer
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(True)

    @extend_schema(summary="复核不通过", request=None, responses=PointsAdjustmentSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(False)


@extend_schema_view(list=extend_schema(summary="乐巡币商品与库存"))
class ProductViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PointsProductSerializer
    permission_classes = [IsStaffUser, PointsReader, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        return selectors.products_visible_to(self.request.user)

    @extend_schema(
        summary="上架商品（活动券须指定批次）",
        request=PointsProductInput,
        responses={201: PointsProductSerializer},
    )
    def create(self, request):
        from gonghui.activities.models import Batch

        data = validated(PointsProductInput, request)
        batch_id = data.pop("batch")
        batch = None
        if batch_id:
            batch = known(
                Batch.objects.filter(programme__org__path__startswith=request.user.org.path),
                batch_id,
                "batch",
            )
        product = catalogue.product_create(
            actor=request.user, org=request.user.org, batch=batch, **data
        )
        return Response(PointsProductSerializer(product).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="增减库存", request=PointsStockInput, responses=PointsProductSerializer)
    @action(detail=True, methods=["post"])
    def stock(self, request, pk=None):
        data = validated(PointsStockInput, request)
        product = catalogue.stock_add(
            actor=request.user, product=self.get_object(), amount=data["amount"]
        )
        return Response(PointsProductSerializer(product).data)


@extend_schema_view(list=extend_schema(summary="兑换订单（本级及下级会员）"))
class OrderViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PointsOrderSerializer
    permission_classes = [IsStaffUser, PointsReader, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        return selectors.orders_visible_to(self.request.user)

    @extend_schema(
        summary="凭码核销（交付商品）", request=PointsCodeInput, responses=PointsOrderSerializer
    )
    @action(detail=False, methods=["post"])
    def use(self, request):
        order = catalogue.order_by_code(validated(PointsCodeInput, request)["code"])
        if order is None or not order.member.union.path.startswith(request.user.org.path):
            raise serializers.ValidationError({"code": ["没有这个兑换码的订单。"]})
        return Response(
            PointsOrderSerializer(catalogue.order_use(actor=request.user, order=order)).data
        )

    @extend_schema(
        summary="退单（写明原因）", request=PointsReasonInput, responses=PointsOrderSerializer
    )
    @action(detail=True, methods=["post"])
    def refund(self, request, pk=None):
        data = validated(PointsReasonInput, request)
        order = catalogue.order_refund(
            actor=request.user, order=self.get_object(), reason=data["reason"]
        )
        return Response(PointsOrderSerializer(order).data)


@extend_schema_view(list=extend_schema(summary="兑换比例（按日期生效的各版本）"))
class RateViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = PointsRateSerializer
    permission_classes = [IsStaffUser, PointsReader, ServiceEnabled]
    service_key = KEY

    def get_queryset(self):
        return Rate.objects.filter(federation_id=self.request.user.org.ancestor_ids[0])

    @extend_schema(
        summary="新的兑换比例（自某日起生效）",
        request=PointsRateSerializer,
        responses={201: PointsRateSerializer},
    )
    def create(self, request):
        from gonghui.orgs.models import Organisation

        data = validated(PointsRateSerializer, request)
        rate = conversion.rate_set(
            actor=request.user,
            federation=Organisation.objects.get(pk=request.user.org.ancestor_ids[0]),
            **data,
        )
        return Response(PointsRateSerializer(rate).data, status=status.HTTP_201_CREATED)


class FiguresView(APIView):
    permission_classes = [IsStaffUser, PointsReader, ServiceEnabled]
    service_key = KEY

    @extend_schema(
        summary="积分发放、兑换、消费、过期与未兑付余额", responses=PointsFiguresSerializer
    )
    def get(self, request):
        figures = selectors.figures(request.user)
        figures.pop("products")
        return Response(figures)
