"""JSON API of the mutual-aid scheme: every action its pages offer, with the same checks
(access.py for roles, the selectors for scope, the services for rules)."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from gonghui.accounts import roles
from gonghui.accounts.permissions import IsMemberUser, IsStaffUser
from gonghui.core.api import IdField, read_query
from gonghui.mutual_aid import access, quotes, selectors, services
from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Payment, Period, Plan
from gonghui.orgs.models import Gender
from gonghui.orgs.selectors import members_visible_to, unions_visible_to


@extend_schema_field(OpenApiTypes.INT)
class VisiblePeriodField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return selectors.periods_visible_to(self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class VisibleMemberField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return members_visible_to(self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class VisibleUnionField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return unions_visible_to(self.context["request"].user)


# --- periods -------------------------------------------------------------------------------


class PlanOfferSerializer(serializers.Serializer):
    plan = serializers.CharField()
    label = serializers.CharField(source="get_plan_display")
    contribution = serializers.DecimalField(max_digits=14, decimal_places=2)


class PeriodSerializer(serializers.ModelSerializer):
    federation = serializers.CharField(source="scheme.federation.code")
    plans = PlanOfferSerializer(many=True)
    parameters = serializers.SerializerMethodField()

    class Meta:
        model = Period
        fields = [
            "id",
            "federation",
            "number",
            "code",
            "start",
            "end",
            "enrollment_opens",
            "enrollment_closes",
            "claim_deadline",
            "status",
            "min_share",
            "plans",
            "parameters",
        ]

    def get_parameters(self, period) -> dict:
        current = selectors.parameter_set_current(period)
        return {
            "version": current.label,
            "frozen": current.frozen_at is not None,
            "values": current.values,
        }


@extend_schema_view(
    list=extend_schema(summary="互助保障期列表"),
    retrieve=extend_schema(summary="互助保障期详情（项目、缴费标准、现行参数）"),
)
class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PeriodSerializer
    permission_classes = [IsStaffUser | IsMemberUser]

    def get_queryset(self):
        return (
            selectors.periods_visible_to(self.request.user)
            .prefetch_related("plans")
            .order_by("-start")
        )


# --- enrollments ---------------------------------------------------------------------------


class EnrollmentSerializer(serializers.ModelSerializer):
    period_code = serializers.CharField(source="period.code", read_only=True)
    plan_label = serializers.CharField(source="get_plan_display", read_only=True)
    member_name = serializers.CharField(source="member.name", read_only=True)
    union_name = serializers.CharField(source="union.name", read_only=True)

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "period",
            "period_code",
            "plan",
            "plan_label",
            "member",
            "member_name",
            "union",
            "union_name",
            "enrolled_on",
            "renewal",
            "covered_from",
            "status",
        ]


class EnrollmentCreateSerializer(serializers.Serializer):
    """Members picked from the roster, enrolled in the plans named."""

    period = VisiblePeriodField()
    plans = serializers.ListField(
        child=serializers.ChoiceField(choices=Plan.choices),
        allow_empty=False,
        error_messages={"empty": _("Choose at least one plan.")},
    )
    members = serializers.ListField(
        child=IdField(),
        allow_empty=False,
        max_length=5000,
        error_messages={"empty": _("Choose at least one member.")},
    )
    enrolled_on = serializers.DateField()

    def validate_members(self, ids):
        user = self.context["request"].user
        found = list(members_visible_to(user).filter(pk__in=ids).select_related("union"))
        if len(found) != len(set(ids)):
            raise serializers.ValidationError(_("Some of these members are not in your unions."))
        return found


class RosterOutcomeSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    already = serializers.IntegerField()
    not_applicable = serializers.IntegerField()


class EnrollmentFilters(serializers.Serializer):
    period = IdField(required=False)
    union = IdField(required=False)
    plan = serializers.ChoiceField(Plan.choices, required=False, allow_blank=True)
    status = serializers.ChoiceField(EnrollmentStatus.choices, required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(summary="参保记录（本组织及下级）", parameters=[EnrollmentFilters]),
    create=extend_schema(
        summary="从会员名册勾选参保",
        request=EnrollmentCreateSerializer,
        responses={201: RosterOutcomeSerializer},
    ),
)
class EnrollmentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = EnrollmentSerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        enrollments = selectors.enrollments_visible_to(self.request.user)
        filters = read_query(EnrollmentFilters, self.request) if self.action == "list" else {}
        for name in ("period", "union"):
            if name in filters:
                enrollments = enrollments.filter(**{f"{name}_id": filters[name]})
        for name in ("plan", "status"):
            if filters.get(name):
                enrollments = enrollments.filter(**{name: filters[name]})
        return enrollments.order_by("period_id", "union_id", "member_id", "plan")

    def create(self, request):
        if not access.can_enroll(request.user):
            raise PermissionDenied
        serializer = EnrollmentCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        outcome = services.enrollment_create(actor=request.user, **serializer.validated_data)
        return Response(RosterOutcomeSerializer(outcome).data, status=status.HTTP_201_CREATED)


@extend_schema(summary="我的参保记录（会员本人）")
class MyEnrollmentsView(ListAPIView):
    serializer_class = EnrollmentSerializer
    permission_classes = [IsMemberUser]

    def get_queryset(self):
        return selectors.enrollments_visible_to(self.request.user).order_by(
            "-period__start", "plan"
        )


# --- payments ------------------------------------------------------------------------------


class PaymentSerializer(serializers.ModelSerializer):
    period = VisiblePeriodField()
    union = VisibleUnionField()
    union_name = serializers.CharField(source="union.name", read_only=True)

    class Meta:
        model = Payment
        fields = ["id", "period", "union", "union_name", "amount", "paid_on", "note", "recorded_at"]
        read_only_fields = ["recorded_at"]


@extend_schema_view(
    list=extend_schema(summary="会费缴纳记录"),
    create=extend_schema(summary="登记基层工会缴费（使其参保生效）"),
)
class PaymentViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = PaymentSerializer
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        return Payment.objects.filter(
            union__in=unions_visible_to(self.request.user)
        ).select_related("union")

    def perform_create(self, serializer):
        if not access.can_record_payments(self.request.user):
            raise PermissionDenied
        serializer.instance = services.payment_record(
            actor=self.request.user, **serializer.validated_data
        )


# --- the benefit calculator ----------------------------------------------------------------


SEVERITY = [("none", _("Neither")), ("mild", _("Mild")), ("severe", _("Severe"))]


class DiagnosisSerializer(serializers.Serializer):
    icd10 = serializers.CharField(required=False, allow_blank=True, max_length=16)
    first_diagnosed = serializers.DateField(required=False, allow_null=True)
    critical = serializers.ChoiceField(choices=SEVERITY, default="none")
    female_cancer = serializers.BooleanField(default=False)
    in_situ = serializers.BooleanField(default=False)


class QuoteEventSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=quotes.EVENT_TYPES)
    admission = serializers.DateField(required=False, allow_null=True)
    discharge = serializers.DateField(required=False, allow_null=True)
    place = serializers.ChoiceField(choices=["local", "elsewhere"], default="local")
    accident = serializers.BooleanField(default=False)
    self_responsibility = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    diagnosis = DiagnosisSerializer(required=False, allow_null=True)
    date = serializers.DateField(required=False, allow_null=True)

    API_NAMES = {"birth_date": "date", "critical": "diagnosis", "first_diagnosed": "diagnosis"}

    def validate(self, attrs):
        diagnosis = attrs.get("diagnosis") or {}
        try:
            attrs["built"] = quotes.event_build(
                type=attrs["type"],
                admission=attrs.get("admission"),
                discharge=attrs.get("discharge"),
                place=attrs["place"],
                accident=attrs["accident"],
                self_responsibility=attrs.get("self_responsibility"),
                critical=diagnosis.get("critical", "none"),
                female_cancer=diagnosis.get("female_cancer", False),
                in_situ=diagnosis.get("in_situ", False),
                first_diagnosed=diagnosis.get("first_diagnosed"),
                icd10=diagnosis.get("icd10", ""),
                birth_date=attrs.get("date"),
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(
                {
                    self.API_NAMES.get(name, name): errors
                    for name, errors in exc.message_dict.items()
                }
            ) from exc
        return attrs


class FactsSerializer(serializers.Serializer):
    gender = serializers.ChoiceField(choices=Gender.choices)
    basic_medical_insurance = serializers.BooleanField(default=True)
    maternity_insurance = serializers.BooleanField(default=False)
    plans = serializers.ListField(child=serializers.ChoiceField(choices=Plan.choices))
    enrollment_date = serializers.DateField()
    renewal = serializers.BooleanField(default=False)


class QuoteRequestSerializer(serializers.Serializer):
    """A member quotes for themselves (member, period and facts are ignored). Staff name a
    member of their subtree, or a period and the facts."""

    member = VisibleMemberField(required=False, allow_null=True)
    period = VisiblePeriodField(required=False, allow_null=True)
    facts = FactsSerializer(required=False, allow_null=True)
    event = QuoteEventSerializer()

    def validate(self, attrs):
        user = self.context["request"].user
        if roles.is_member(user):
            attrs["member"] = members_visible_to(user).select_related("union").get()
        elif not attrs.get("member") and not (attrs.get("period") and attrs.get("facts")):
            raise serializers.ValidationError(
                _("Name a member, or give a period and the member's facts.")
            )
        return attrs


class QuoteLineSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    explanation = serializers.ListField(child=serializers.CharField(), source="texts")


class QuoteRefusalSerializer(serializers.Serializer):
    plan = serializers.CharField()
    label = serializers.CharField()
    reason = serializers.CharField()
    explanation = serializers.ListField(child=serializers.CharField(), source="texts")


class QuoteSerializer(serializers.Serializer):
    period = serializers.CharField(source="period.code")
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    parameters_version = serializers.CharField()
    lines = QuoteLineSerializer(many=True)
    refused = QuoteRefusalSerializer(many=True)
    notices = serializers.ListField(child=serializers.CharField())


@extend_schema_view(
    create=extend_schema(
        summary="试算：这次住院、确诊或生育能领多少（不提交申请）",
        request=QuoteRequestSerializer,
        responses={200: QuoteSerializer},
    )
)
class QuoteViewSet(viewsets.GenericViewSet):
    serializer_class = QuoteRequestSerializer
    permission_classes = [IsStaffUser | IsMemberUser]

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        event = data["event"]["built"]
        today = timezone.localdate()
        if data.get("member") is not None:
            quote = quotes.quote_for_member(member=data["member"], event=event, filed_on=today)
        else:
            facts = data["facts"]
            quote = quotes.quote_for_facts(
                period=data["period"],
                gender=facts["gender"],
                basic_medical_insurance=facts["basic_medical_insurance"],
                maternity_insurance=facts["maternity_insurance"],
                plans=facts["plans"],
                enrolled_on=facts["enrollment_date"],
                renewal=facts["renewal"],
                event=event,
                filed_on=today,
            )
        return Response(QuoteSerializer(quote).data)
