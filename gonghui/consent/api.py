"""The consent block of an API apply call, and the text to be agreed to.

An app's apply serializer inherits ConsentInput (member) or StaffConsentInput (staff 代办);
the view turns the validated data into a services.Agreement with `pop_agreement(data)`.
GET /api/consent/text/?service=hardship[&member=<id>] gives the exact text to show."""

from django.core.exceptions import ImproperlyConfigured
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from gonghui.accounts.permissions import IsSignedIn
from gonghui.consent import registry
from gonghui.consent.models import How
from gonghui.consent.services import Agreement
from gonghui.orgs.selectors import members_visible_to


class ConsentInput(serializers.Serializer):
    consent_agreed = serializers.BooleanField(
        required=False, default=False, help_text="The member agrees to the text being published."
    )
    consent_text = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The exact text shown (GET /api/consent/text/).",
    )


class StaffConsentInput(ConsentInput):
    consent_how = serializers.ChoiceField(
        [How.SPOKEN, How.SIGNED], required=False, allow_blank=True, default=""
    )
    consent_note = serializers.CharField(required=False, allow_blank=True, default="")


def pop_agreement(data: dict) -> Agreement:
    return Agreement(
        agreed=data.pop("consent_agreed", False),
        text=data.pop("consent_text", ""),
        how=data.pop("consent_how", "") or How.SELF,
        note=data.pop("consent_note", ""),
    )


class ConsentTextSerializer(serializers.Serializer):
    service = serializers.CharField()
    member = serializers.IntegerField()
    text = serializers.CharField()
    fields = serializers.ListField(child=serializers.CharField())


class ConsentTextView(APIView):
    permission_classes = [IsSignedIn]

    @extend_schema(
        summary="申请时须同意的公示内容（原文）",
        parameters=[
            OpenApiParameter("service", str, required=True),
            OpenApiParameter("member", int, required=False, description="Staff: the member."),
        ],
        responses=ConsentTextSerializer,
    )
    def get(self, request):
        members = members_visible_to(request.user)
        member_id = request.query_params.get("member", "")
        if member_id.isdigit():
            member = members.filter(pk=int(member_id)).first()
        else:
            member = members.first() if members.count() == 1 else None
        if member is None:
            raise serializers.ValidationError(
                {"member": ["请指明会员（仅限您管辖范围内的会员）。"]}
            )
        try:
            publication = registry.get(request.query_params.get("service", ""))
        except ImproperlyConfigured as exc:
            raise serializers.ValidationError(
                {"service": ["没有这项需要同意公示的服务。"]}
            ) from exc
        return Response(
            {
                "service": publication.service,
                "member": member.pk,
                "text": publication.text(member),
                "fields": list(publication.fields),
            }
        )
