"""The JSON API of activities: every page action. Staff: programmes (nominate, freeze the
draws, allocate), registrations (approve, reject, check in, cancel), lotteries (freeze, give
the prizes). Members: the batches open to them, apply/confirm/decline/cancel, lottery entries.
Partners: redeem a voucher. Writes stop while the federation has the service off."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from gonghui.accounts.permissions import IsMemberUser, IsStaffUser
from gonghui.activities import access, selectors
from gonghui.activities.models import Batch, Entry, Lottery, Programme, Registration, Voucher
from gonghui.activities.services import allocation, draws, lotteries, nominations
from gonghui.activities.services import registrations as services
from gonghui.core.api import IdField
from gonghui.core.switches import ServiceEnabled
from gonghui.orgs.selectors import member_find_by_id_number


def validated(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ActivityReader(BasePermission):
    message = "仅限有权查看活动的工会工作人员。"

    def has_permission(self, request, view):
        return access.can_read(request.user)


class IsPartnerUser(BasePermission):
    message = "仅限合作商户人员。"

    def has_permission(self, request, view):
        return access.is_partner(request.user)


# --- serializers ---------------------------------------------------------------------------


class ActivityBatchSerializer(serializers.ModelSerializer):
    programme_title = serializers.CharField(source="programme.title", read_only=True)

    class Meta:
        model = Batch
        fields = [
            "id",
            "programme",
            "programme_title",
            "name",
            "starts_on",
            "ends_on",
            "place",
            "places",
            "scope",
            "gender",
            "min_age",
            "max_age",
            "required_tag",
            "hardship_only",
            "not_served_years",
        ]


class ActivityProgrammeSerializer(serializers.ModelSerializer):
    batches = ActivityBatchSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "org",
            "kind",
            "title",
            "description",
            "opens_at",
            "closes_at",
            "allocation",
            "self_apply",
            "offer_hours",
            "seed_source",
            "allocated_at",
            "batches",
        ]


class ActivityEventSerializer(serializers.Serializer):
    action = serializers.CharField()
    to_status = serializers.CharField()
    at = serializers.DateTimeField()


class ActivityRegistrationSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)
    events = ActivityEventSerializer(many=True, read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "programme",
            "batch",
            "member_name",
            "status",
            "rank",
            "offer_expires_at",
            "created_at",
            "events",
        ]


class MyActivityRegistrationSerializer(ActivityRegistrationSerializer):
    class Meta(ActivityRegistrationSerializer.Meta):
        fields = [*ActivityRegistrationSerializer.Meta.fields, "code"]


class ActivityLotterySerializer(serializers.ModelSerializer):
    draw_public_code = serializers.CharField(source="draw.public_code", default=None)

    class Meta:
        model = Lottery
        fields = ["id", "org", "title", "opens_at", "closes_at", "drawn_at", "draw_public_code"]


class ActivityVoucherSerializer(serializers.ModelSerializer):
    prize_name = serializers.CharField(source="prize.name", read_only=True)

    class Meta:
        model = Voucher
        fields = ["id", "prize", "prize_name", "code", "status", "valid_until", "redeemed_at"]


class ActivityEntrySerializer(serializers.ModelSerializer):
    vouchers = ActivityVoucherSerializer(many=True, read_only=True)

    class Meta:
        model = Entry
        fields = ["id", "lottery", "status", "prize", "number", "rank", "created_at", "vouchers"]


class ActivityNominateInput(serializers.Serializer):
    batch = IdField()
    id_number = serializers.CharField(max_length=18)


class ActivityReasonInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ActivityCodeInput(serializers.Serializer):
    code = serializers.CharField(max_length=32)


class ActivityApplyInput(serializers.Serializer):
    batch = IdField()


class ActivityEnterInput(serializers.Serializer):
    lottery = IdField()


class ActivityCountResult(serializers.Serializer):
    count = serializers.IntegerField()


# --- staff ---------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="活动与疗休养项目列表（本级及下级主办，或面向本单位）"),
    retrieve=extend_schema(summary="项目详情与批次"),
)
class ProgrammeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ActivityProgrammeSerializer
    permission_classes = [IsStaffUser, ActivityReader, ServiceEnabled]
    service_key = "activities"

    def get_queryset(self):
        return selectors.programmes_visible_to(self.request.user).prefetch_related("batches")

    @extend_schema(summary="报名名单", responses=ActivityRegistrationSerializer(many=True))
    @action(detail=True, methods=["get"])
    def registrations(self, request, pk=None):
        rows = selectors.registrations_visible_to(request.user, self.get_object())
        page = self.paginate_queryset(rows.prefetch_related("events"))
        return self.get_paginated_response(ActivityRegistrationSerializer(page, many=True).data)

    @extend_schema(
        summary="工会在配额内推荐会员",
        request=ActivityNominateInput,
        responses={201: ActivityRegistrationSerializer},
    )
    @action(detail=True, methods=["post"])
    def nominate(self, request, pk=None):
        data = validated(ActivityNominateInput, request)
        programme = self.get_object()
        batch = get_object_or_404(Batch, pk=data["batch"], programme=programme)
        member = member_find_by_id_number(data["id_number"])
        if member is None:
            raise NotFound("会员库中没有这个身份证号。")
        registration = nominations.registration_nominate(
            actor=request.user, member=member, batch=batch
        )
        return Response(
            ActivityRegistrationSerializer(registration).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="报名截止后冻结超额名额池的抽签名单", request=None, responses=ActivityCountResult
    )
    @action(detail=True, methods=["post"], url_path="freeze-draws")
    def freeze_draws(self, request, pk=None):
        frozen = draws.programme_draws_freeze(actor=request.user, programme=self.get_object())
        return Response({"count": len(frozen)})

    @extend_schema(
        summary="分配名额（超额名额池按抽签顺序）", request=None, responses=ActivityCountResult
    )
    @action(detail=True, methods=["post"])
    def allocate(self, request, pk=None):
        given = allocation.programme_allocate(actor=request.user, programme=self.get_object())
        return Response({"count": given})


@extend_schema_view(retrieve=extend_schema(summary="一条报名及其步骤"))
class RegistrationViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ActivityRegistrationSerializer
    permission_classes = [IsStaffUser, ActivityReader, ServiceEnabled]
    service_key = "activities"

    def get_queryset(self):
        return Registration.objects.filter(
            programme__in=selectors.programmes_visible_to(self.request.user)
        ).select_related("programme__org", "batch__scope", "member__union", "pool")

    def _answer(self, registration):
        return Response(ActivityRegistrationSerializer(registration).data)

    @extend_schema(
        summary="县总工会通过推荐", request=None, responses=ActivityRegistrationSerializer
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        registration = self.get_object()
        nominations.nomination_approve(actor=request.user, registration=registration)
        return self._answer(registration)

    @extend_schema(
        summary="推荐不予通过",
        request=ActivityReasonInput,
        responses=ActivityRegistrationSerializer,
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        registration = self.get_object()
        reason = validated(ActivityReasonInput, request)["reason"]
        nominations.nomination_reject(actor=request.user, registration=registration, reason=reason)
        return self._answer(registration)

    @extend_schema(
        summary="工作人员取消报名（须填原因）",
        request=ActivityReasonInput,
        responses=ActivityRegistrationSerializer,
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        registration = self.get_object()
        reason = validated(ActivityReasonInput, request)["reason"]
        services.registration_cancel(actor=request.user, registration=registration, reason=reason)
        return self._answer(registration)

    @extend_schema(
        summary="扫码或输入编码签到",
        request=ActivityCodeInput,
        responses=ActivityRegistrationSerializer,
    )
    @action(detail=False, methods=["post"], url_path="check-in")
    def check_in(self, request):
        code = validated(ActivityCodeInput, request)["code"]
        return self._answer(services.registration_check_in(actor=request.user, code=code))


@extend_schema_view(
    list=extend_schema(summary="抽奖列表"), retrieve=extend_schema(summary="抽奖详情")
)
class LotteryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ActivityLotterySerializer
    permission_classes = [IsStaffUser, ActivityReader, ServiceEnabled]
    service_key = "activities"

    def get_queryset(self):
        return selectors.lotteries_visible_to(self.request.user).select_related("draw")

    @extend_schema(
        summary="参与截止后冻结并公布名单", request=None, responses=ActivityLotterySerializer
    )
    @action(detail=True, methods=["post"])
    def freeze(self, request, pk=None):
        lottery = self.get_object()
        if not access.can_approve(request.user):
            raise NotFound
        draws.lottery_freeze(actor=request.user, lottery=lottery)
        return Response(ActivityLotterySerializer(lottery).data)

    @extend_schema(
        summary="按抽签结果发放奖品（只能一次）", request=None, responses=ActivityCountResult
    )
    @action(detail=True, methods=["post"], url_path="apply-draw")
    def apply_draw(self, request, pk=None):
        lottery = self.get_object()
        if not access.can_approve(request.user):
            raise NotFound
        return Response({"count": draws.lottery_apply_draw(lottery=lottery)})


# --- members -------------------------------------------------------------------------------


def _me(request):
    member = selectors.my_member(request.user)
    if member is None:
        raise NotFound
    return member


@extend_schema_view(list=extend_schema(summary="我可以报名的批次（报名中，面向本人所在工会）"))
class MyBatchViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ActivityBatchSerializer
    permission_classes = [IsMemberUser, ServiceEnabled]
    service_key = "activities"

    def get_queryset(self):
        return selectors.open_batches_for(_me(self.request))


@extend_schema_view(
    list=extend_schema(summary="我的报名及其步骤"), retrieve=extend_schema(summary="我的一条报名")
)
class MyRegistrationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = MyActivityRegistrationSerializer
    permission_classes = [IsMemberUser, ServiceEnabled]
    service_key = "activities"

    def get_queryset(self):
        return selectors.my_registrations(_me(self.request))

    @extend_schema(
        summary="报名",
        request=ActivityApplyInput,
        responses={201: MyActivityRegistrationSerializer},
    )
    def create(self, request):
        member = _me(request)
        batch = get_object_or_404(Batch, pk=validated(ActivityApplyInput, request)["batch"])
        registration = services.registration_apply(actor=request.user, member=member, batch=batch)
        return Response(
            MyActivityRegistrationSerializer(registration).data, status=status.HTTP_201_CREATED
        )

    def _step(self, call):
        registration = self.get_object()
        call(actor=self.request.user, registration=registration)
        return Response(MyActivityRegistrationSerializer(registration).data)

    @extend_schema(summary="确认名额", request=None, responses=MyActivityRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._step(services.registration_confirm)

    @extend_schema(summary="放弃名额", request=None, responses=MyActivityRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._step(services.registration_decline)

    @extend_schema(summary="取消报名", request=None, responses=MyActivityRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._step(services.registration_cancel)


@extend_schema_view(list=extend_schema(summary="我的抽奖与兑换券"))
class MyEntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ActivityEntrySerializer
    permission_classes = [IsMemberUser, ServiceEnabled]
    service_key = "activities"

    def get_queryset(self):
        return selectors.my_entries(_me(self.request))

    @extend_schema(
        summary="参与抽奖（每人一次）",
        request=ActivityEnterInput,
        responses={201: ActivityEntrySerializer},
    )
    def create(self, request):
        member = _me(request)
        lottery = get_object_or_404(Lottery, pk=validated(ActivityEnterInput, request)["lottery"])
        entry = lotteries.lottery_enter(actor=request.user, member=member, lottery=lottery)
        return Response(ActivityEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


# --- partners ------------------------------------------------------------------------------


@extend_schema_view(list=extend_schema(summary="本商户奖品的兑换券"))
class PartnerVoucherViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ActivityVoucherSerializer
    permission_classes = [IsPartnerUser]

    def get_queryset(self):
        return selectors.partner_vouchers(self.request.user).order_by("-id")

    @extend_schema(
        summary="核销兑换券（只能一次）",
        request=ActivityCodeInput,
        responses=ActivityVoucherSerializer,
    )
    @action(detail=False, methods=["post"])
    def redeem(self, request):
        code = validated(ActivityCodeInput, request)["code"]
        return Response(
            ActivityVoucherSerializer(lotteries.voucher_redeem(actor=request.user, code=code)).data
        )
