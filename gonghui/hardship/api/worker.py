"""The worker's own file, on the phone: progress and aid, applying, resubmitting."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from gonghui.accounts.permissions import IsMemberUser
from gonghui.consent.api import pop_agreement
from gonghui.core.api import ErrorDetailSerializer
from gonghui.core.audit import log_access
from gonghui.core.models import AccessLog
from gonghui.hardship import selectors
from gonghui.hardship.api.serializers import (
    FileDetailSerializer,
    MemberApplyInput,
    NoteInput,
    validated,
)
from gonghui.hardship.services import files as file_services
from gonghui.orgs import selectors as org_selectors


@extend_schema_serializer(many=False)
class OwnFileSerializer(FileDetailSerializer):
    """The worker's one file: an object, though the router names its GET `list`."""


NO_FILE = OpenApiResponse(ErrorDetailSerializer, description="You have no hardship file.")


class MyFileViewSet(viewsets.ViewSet):
    """The worker's own file: progress and aid (GET), applying (POST), resubmitting."""

    permission_classes = [IsMemberUser]

    def _member(self, request):
        return org_selectors.members_visible_to(request.user).get()

    @extend_schema(
        summary="我的困难职工档案：进度与帮扶记录（会员本人）",
        responses={200: OwnFileSerializer, 404: NO_FILE},
    )
    def list(self, request):
        file = selectors.file_for_member(self._member(request))
        if file is None:
            raise NotFound(_("You have no hardship file."))
        log_access(
            request=request,
            action=AccessLog.Action.VIEW_HARDSHIP_FILE,
            subject=file,
            org=file.member.union,
            label=file.member.name,
        )
        return Response(FileDetailSerializer(file).data)

    @extend_schema(
        summary="申请困难帮扶（会员本人）", request=MemberApplyInput, responses=FileDetailSerializer
    )
    def create(self, request):
        data = validated(MemberApplyInput, request)
        file = file_services.file_apply(
            actor=request.user,
            member=self._member(request),
            consent=pop_agreement(data),
            **data,
        )
        return Response(FileDetailSerializer(file).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="退回后重新提交（会员本人）",
        request=NoteInput,
        responses={200: FileDetailSerializer, 404: NO_FILE},
    )
    @action(detail=False, methods=["post"])
    def resubmit(self, request):
        file = selectors.file_for_member(self._member(request))
        if file is None:
            raise NotFound(_("You have no hardship file."))
        file_services.file_resubmit(actor=request.user, file=file, **validated(NoteInput, request))
        file.refresh_from_db()
        return Response(FileDetailSerializer(file).data)
