"""Hardship files: list, read (logged), apply for a worker, and every step of the workflow."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gonghui.accounts.permissions import IsStaffUser
from gonghui.consent.api import StaffConsentInput, pop_agreement
from gonghui.core.api import read_query
from gonghui.core.audit import log_access
from gonghui.core.models import AccessLog
from gonghui.core.search import refuse_id_in_query
from gonghui.documents.api import DocumentSerializer
from gonghui.hardship import selectors
from gonghui.hardship.api.serializers import (
    AidInput,
    AidSerializer,
    ApplyInput,
    ApproveInput,
    AttachmentInput,
    ChangeTierInput,
    CloseInput,
    FamilyInput,
    FileDetailSerializer,
    FileSerializer,
    HouseholdInput,
    NoteInput,
    NoticeInput,
    ObjectionInput,
    PairInput,
    RequiredNoteInput,
    ResolveInput,
    ReturnInput,
    TierInput,
    VisitInput,
    validated,
)
from gonghui.hardship.models import Action, Objection, Status, Tier
from gonghui.hardship.services import aid as aid_services
from gonghui.hardship.services import files as file_services
from gonghui.hardship.services import pairs as pair_services
from gonghui.hardship.services.consent import file_consent_record
from gonghui.hardship.services.notice_pdf import notice_document_issue
from gonghui.orgs import selectors as org_selectors

# --- files ---------------------------------------------------------------------------------


class FileFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, help_text="Part of the name")
    status = serializers.ChoiceField(Status.choices, required=False, allow_blank=True)
    tier = serializers.ChoiceField(Tier.choices, required=False, allow_blank=True)
    due = serializers.BooleanField(required=False, help_text="Only files due for review")


@extend_schema_view(
    list=extend_schema(summary="困难职工档案列表（本级及下级工会）", parameters=[FileFilters]),
    retrieve=extend_schema(summary="困难职工档案详情（记入访问日志）"),
)
class HardshipFileViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    permission_classes = [IsStaffUser]

    def get_queryset(self):
        filters = {}
        if self.action == "list":
            refuse_id_in_query(self.request.query_params)  # by name; ID numbers stay out of URLs
            filters = read_query(FileFilters, self.request)
        return selectors.file_search(
            self.request.user,
            query=filters.get("q", ""),
            status=filters.get("status", ""),
            tier=filters.get("tier", ""),
            due=filters.get("due", False),
        )

    def get_serializer_class(self):
        return FileSerializer if self.action == "list" else FileDetailSerializer

    def get_object(self):
        file = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        log_access(
            request=self.request,
            action=AccessLog.Action.VIEW_HARDSHIP_FILE,
            subject=file,
            org=file.member.union,
            label=file.member.name,
        )
        return file

    def _answer(self, file, code=status.HTTP_200_OK):
        file.refresh_from_db()
        return Response(FileDetailSerializer(file).data, status=code)

    def _step(self, request, step, serializer_class):
        file = self.get_object()
        file_services.file_take_step(
            actor=request.user, file=file, action=step, **validated(serializer_class, request)
        )
        return self._answer(file)

    @extend_schema(
        summary="代职工申请（工会工作人员）", request=ApplyInput, responses=FileDetailSerializer
    )
    def create(self, request):
        data = validated(ApplyInput, request)
        worker = org_selectors.member_find_by_id_number(data.pop("id_number"))
        if (
            worker is None
            or not org_selectors.members_visible_to(request.user).filter(pk=worker.pk).exists()
        ):
            raise serializers.ValidationError(
                {"id_number": [_("No member of a union you keep has this ID number.")]}
            )
        consent = pop_agreement(data)
        file = file_services.file_apply(actor=request.user, member=worker, consent=consent, **data)
        return self._answer(file, status.HTTP_201_CREATED)

    @extend_schema(
        summary="记录职工对公示内容的同意（代办：口头或签字）",
        request=StaffConsentInput,
        responses=FileDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def consent(self, request, pk=None):
        file = self.get_object()
        data = validated(StaffConsentInput, request)
        file_consent_record(actor=request.user, file=file, agreement=pop_agreement(data))
        return self._answer(file)

    @extend_schema(
        summary="修改家庭收支与基本情况（重新计算建议档次）",
        request=HouseholdInput,
        responses=FileDetailSerializer,
    )
    @action(detail=True, methods=["patch"])
    def household(self, request, pk=None):
        file = self.get_object()
        file_services.file_update_household(
            actor=request.user, file=file, **validated(HouseholdInput, request)
        )
        return self._answer(file)

    @extend_schema(summary="添加家庭成员", request=FamilyInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"])
    def family(self, request, pk=None):
        file = self.get_object()
        file_services.family_member_add(
            actor=request.user, file=file, **validated(FamilyInput, request)
        )
        return self._answer(file)

    @extend_schema(
        summary="上传附件（申请表、签字授权书、走访记录）",
        request=AttachmentInput,
        responses=FileDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def attachments(self, request, pk=None):
        file = self.get_object()
        serializer = AttachmentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        file_services.attachment_add(actor=request.user, file=file, **serializer.validated_data)
        return self._answer(file)

    @extend_schema(
        summary="基层工会初审（确认或调整建议档次）",
        request=TierInput,
        responses=FileDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="union-review")
    def union_review(self, request, pk=None):
        return self._step(request, Action.UNION_REVIEW, TierInput)

    @extend_schema(summary="记录入户走访", request=VisitInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"], url_path="record-visit")
    def record_visit(self, request, pk=None):
        return self._step(request, Action.RECORD_VISIT, VisitInput)

    @extend_schema(
        summary="乡镇（街道）总工会核实", request=NoteInput, responses=FileDetailSerializer
    )
    @action(detail=True, methods=["post"], url_path="town-verify")
    def town_verify(self, request, pk=None):
        return self._step(request, Action.TOWN_VERIFY, NoteInput)

    @extend_schema(summary="开始公示", request=NoticeInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"], url_path="start-notice")
    def start_notice(self, request, pk=None):
        return self._step(request, Action.START_NOTICE, NoticeInput)

    @extend_schema(
        summary="生成公示PDF（带核验二维码，姓名脱敏）",
        request=None,
        responses={201: DocumentSerializer},
    )
    @action(detail=True, methods=["post"], url_path="notice-pdf")
    def notice_pdf(self, request, pk=None):
        notice = self.get_object().notices.first()
        if notice is None:
            raise serializers.ValidationError(_("This file has no public notice yet."))
        document = notice_document_issue(
            actor=request.user, notice=notice, base_url=request.build_absolute_uri("/")
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="县总工会审批建档（公示期满且异议已处理）",
        request=ApproveInput,
        responses=FileDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step(request, Action.APPROVE, ApproveInput)

    @extend_schema(
        summary="退回（须说明理由）", request=ReturnInput, responses=FileDetailSerializer
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_file(self, request, pk=None):
        return self._step(request, Action.RETURN, ReturnInput)

    @extend_schema(summary="退回后重新提交", request=NoteInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        return self._step(request, Action.RESUBMIT, NoteInput)

    @extend_schema(summary="年度复核", request=RequiredNoteInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self._step(request, Action.REVIEW, RequiredNoteInput)

    @extend_schema(summary="调整档次", request=ChangeTierInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"], url_path="change-tier")
    def change_tier(self, request, pk=None):
        return self._step(request, Action.CHANGE_TIER, ChangeTierInput)

    @extend_schema(
        summary="销档（脱困、退休、迁出、去世；退回件撤回）",
        request=CloseInput,
        responses=FileDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step(request, Action.CLOSE, CloseInput)

    @extend_schema(
        summary="返困重新启用档案", request=RequiredNoteInput, responses=FileDetailSerializer
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._step(request, Action.REOPEN, RequiredNoteInput)

    @extend_schema(summary="登记公示异议", request=ObjectionInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"])
    def objections(self, request, pk=None):
        file = self.get_object()
        file_services.objection_record(
            actor=request.user, file=file, **validated(ObjectionInput, request)
        )
        return self._answer(file)

    @extend_schema(summary="处理公示异议", request=ResolveInput, responses=FileDetailSerializer)
    @action(detail=True, methods=["post"], url_path="resolve-objection")
    def resolve_objection(self, request, pk=None):
        file = self.get_object()
        data = validated(ResolveInput, request)
        objection = get_object_or_404(Objection, pk=data["objection"], notice__file=file)
        file_services.objection_resolve(
            actor=request.user, objection=objection, resolution=data["resolution"]
        )
        return self._answer(file)

    # A file has a few aid records a year: the whole list, never pages.
    @extend_schema(
        methods=["GET"], summary="帮扶记录", responses=AidSerializer(many=True), request=None
    )
    @extend_schema(
        methods=["POST"],
        summary="登记帮扶（超出限额须说明理由）",
        request=AidInput,
        responses={201: AidSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def aid(self, request, pk=None):
        file = self.get_object()
        if request.method == "POST":
            record = aid_services.aid_record_create(
                actor=request.user, file=file, **validated(AidInput, request)
            )
            return Response(AidSerializer(record).data, status=status.HTTP_201_CREATED)
        return Response(
            AidSerializer(file.aid.select_related("campaign", "approved_by"), many=True).data
        )

    @extend_schema(
        summary="结对：为职工安排帮扶干部", request=PairInput, responses=FileDetailSerializer
    )
    @action(detail=True, methods=["post"])
    def pair(self, request, pk=None):
        file = self.get_object()
        data = validated(PairInput, request)
        cadre = get_object_or_404(selectors.cadres_for(request.user), pk=data.pop("cadre"))
        pair_services.pair_create(actor=request.user, file=file, cadre=cadre, **data)
        return self._answer(file)
