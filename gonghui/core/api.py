from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from gonghui.core import registry, services, switches


def exception_handler(exc, context):
    """Model and service ValidationErrors become 400s with their (Chinese) messages."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = serializers.ValidationError(detail)
    return drf_exception_handler(exc, context)


class ServiceSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    icon = serializers.CharField()
    core = serializers.BooleanField()
    enabled = serializers.BooleanField()


class ServiceSwitchSerializer(serializers.Serializer):
    enabled = serializers.BooleanField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


def _service_row(service, federation_id) -> dict:
    return {
        "key": service.key,
        "name": str(service.name),
        "icon": service.icon,
        "core": service.core,
        "enabled": switches.service_enabled(federation_id, service.key),
    }


class ServiceViewSet(viewsets.ViewSet):
    """The services of the platform and whether the user's federation runs each; its county
    administrator switches the optional ones (as on the 服务开关 page)."""

    lookup_field = "key"

    @extend_schema(responses=ServiceSerializer(many=True))
    def list(self, request):
        federation_id = switches.federation_id_of(request.user)
        rows = [_service_row(s, federation_id) for s in registry.all_services()]
        return Response(ServiceSerializer(rows, many=True).data)

    @extend_schema(request=ServiceSwitchSerializer, responses=ServiceSerializer)
    @action(detail=True, methods=["post"])
    def switch(self, request, key=None):
        if not switches.can_switch_services(request.user):
            raise PermissionDenied
        data = ServiceSwitchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.service_switch_set(
            actor=request.user,
            federation=request.user.org,
            key=key,
            enabled=data.validated_data["enabled"],
            note=data.validated_data["note"],
        )
        return Response(
            ServiceSerializer(_service_row(registry.get(key), request.user.org_id)).data
        )
