"""The claims' figures, and the texts of the SMS a claim sends."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from gonghui.accounts.permissions import IsStaffUser
from gonghui.claims import access, selectors, services
from gonghui.claims.models import SmsKind
from gonghui.core.api import read_query
from gonghui.core.money import round_money
from gonghui.mutual_aid.api import VisiblePeriodField


class FiguresFilters(serializers.Serializer):
    period = VisiblePeriodField(required=False, help_text="One period (all when left out)")


class FiguresViewSet(viewsets.ViewSet):
    permission_classes = [IsStaffUser]

    @extend_schema(
        summary="报销统计：按状态、项目、工会、保障期；审核与到账用时",
        parameters=[FiguresFilters],
        responses=OpenApiTypes.OBJECT,
    )
    def list(self, request):
        period = read_query(FiguresFilters, request).get("period")
        figures = selectors.claim_figures(request.user, period=period)

        def rows(items):
            return [
                {"label": row.label, "count": row.count, "amount": str(round_money(row.amount))}
                for row in items
            ]

        def durations(item):
            return {
                "count": item.count,
                "median_hours": item.median_hours,
                "within_two_days_percent": str(item.within_promise)
                if item.within_promise is not None
                else None,
            }

        return Response(
            {
                "by_status": rows(figures.by_status),
                "by_plan": rows(figures.by_plan),
                "by_union": rows(figures.by_union),
                "by_period": rows(figures.by_period),
                "submission_to_approval": durations(figures.to_approval),
                "approval_to_payment": durations(figures.to_payment),
                "paid_count": figures.paid_count,
                "paid_amount": str(round_money(figures.paid_amount)),
            }
        )


class SmsTemplateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SmsKind.choices)
    text = serializers.CharField(allow_blank=True, max_length=300)


class SmsTemplateViewSet(viewsets.GenericViewSet):
    permission_classes = [IsStaffUser]
    serializer_class = SmsTemplateSerializer
    pagination_class = None  # one text for each kind of SMS, a handful

    @extend_schema(summary="报销短信模板", responses=SmsTemplateSerializer(many=True))
    def list(self, request):
        if not access.can_edit_templates(request.user):
            raise PermissionDenied
        texts = selectors.sms_template_texts()
        return Response([{"kind": kind, "text": text} for kind, text in texts.items()])

    @extend_schema(
        summary="修改一条短信模板（留空恢复默认）",
        request=SmsTemplateSerializer,
        responses={200: SmsTemplateSerializer},
    )
    def create(self, request):
        serializer = SmsTemplateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.sms_template_save(actor=request.user, **serializer.validated_data)
        return Response(
            {
                "kind": serializer.validated_data["kind"],
                "text": selectors.sms_template_text(serializer.validated_data["kind"]),
            }
        )
