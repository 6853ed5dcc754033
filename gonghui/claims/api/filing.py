"""Filing a claim, by the member on the phone or by staff at a window: upload, sign,
estimate, submit, follow the timeline."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from gonghui.accounts.permissions import IsMemberUser
from gonghui.claims import selectors, services
from gonghui.claims.api.serializers import (
    ClaimDetailSerializer,
    ClaimEventSerializer,
    ClaimFactsSerializer,
    ClaimSerializer,
    EstimateSerializer,
    MaterialSerializer,
    SignatureSerializer,
    UploadSerializer,
    estimate_data,
)
from gonghui.claims.files import EXTENSIONS, serve_material
from gonghui.claims.forms import SignatureForm
from gonghui.orgs.selectors import members_visible_to


class FilingActions:
    """Upload, sign, estimate, submit, timeline and files of a claim the user may reach."""

    member_view = False

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "member": self.member_view}

    def _detail(self, claim, code=status.HTTP_200_OK) -> Response:
        claim.refresh_from_db()
        return Response(
            ClaimDetailSerializer(claim, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(
        summary="上传一份材料（照片或 PDF）",
        request=UploadSerializer,
        responses={201: MaterialSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def materials(self, request, pk=None):
        claim = self.get_object()
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        material = services.material_add(
            actor=request.user,
            claim=claim,
            kind=serializer.validated_data["kind"],
            upload=serializer.validated_data["file"],
        )
        data = MaterialSerializer(material, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="下载一份材料（仅限本人或管辖范围）",
        responses={(200, kind): OpenApiTypes.BINARY for kind in EXTENSIONS},
    )
    @action(detail=True, methods=["get"], url_path="materials/<int:material_pk>/file")
    def material_file(self, request, pk=None, material_pk=None):
        claim = self.get_object()
        return serve_material(get_object_or_404(claim.materials, pk=material_pk))

    @extend_schema(
        summary="在屏幕上签名（申请表随之生成）",
        request=SignatureSerializer,
        responses={201: ClaimDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def signature(self, request, pk=None):
        claim = self.get_object()
        # The serializer refuses a body that is not an object; the form checks the picture.
        data = SignatureSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        form = SignatureForm(data.validated_data)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        services.claim_sign(
            actor=request.user, claim=claim, signature=form.cleaned_data["signature"]
        )
        return self._detail(claim, status.HTTP_201_CREATED)

    @extend_schema(summary="提交前试算（不保存）", responses=EstimateSerializer)
    @action(detail=True, methods=["get"])
    def estimate(self, request, pk=None):
        return Response(estimate_data(services.claim_estimate(self.get_object())))

    @extend_schema(summary="提交申请（自动检查后进入审核）", request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        claim = self.get_object()
        services.claim_submit(actor=request.user, claim=claim)
        return self._detail(claim)

    # A claim has a handful of events: the whole list, never pages.
    @extend_schema(summary="办理进度（每一步）", responses=ClaimEventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def timeline(self, request, pk=None):
        return Response(
            ClaimEventSerializer(selectors.claim_timeline(self.get_object()), many=True).data
        )


@extend_schema_view(
    list=extend_schema(summary="我的报销申请"),
    retrieve=extend_schema(summary="我的一份申请（计算明细、材料、进度）"),
    create=extend_schema(summary="开始一份申请（草稿）", request=ClaimFactsSerializer),
    partial_update=extend_schema(summary="修改草稿或退回申请的信息", request=ClaimFactsSerializer),
    destroy=extend_schema(summary="删除从未提交的草稿"),
)
class MyClaimViewSet(
    FilingActions,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsMemberUser]
    member_view = True
    http_method_names = ["get", "post", "patch", "delete"]

    def get_queryset(self):
        return selectors.claims_visible_to(self.request.user).order_by("-created_at", "-id")

    def get_serializer_class(self):
        return ClaimDetailSerializer if self.action == "retrieve" else ClaimSerializer

    def create(self, request):
        serializer = ClaimFactsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = members_visible_to(request.user).get()
        claim = services.claim_create(
            actor=request.user, member=member, facts=serializer.validated_data
        )
        return self._detail(claim, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        claim = self.get_object()
        serializer = ClaimFactsSerializer(claim, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        facts = {**ClaimFactsSerializer(claim).data, **serializer.validated_data}
        services.claim_update_facts(actor=request.user, claim=claim, facts=_typed(facts))
        return self._detail(claim)

    def perform_destroy(self, claim):
        services.claim_delete(actor=self.request.user, claim=claim)


def _typed(facts: dict) -> dict:
    """Facts re-read from their serialized form for the services."""
    serializer = ClaimFactsSerializer(data={k: v for k, v in facts.items() if v is not None})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
