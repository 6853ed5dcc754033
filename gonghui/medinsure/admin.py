"""Read-only: records come from the bureau, notices from the engine, and every change goes
through the services (state machine, never twice). The admin is for looking; it never shows
an ID number or a diagnosis."""

from django.contrib import admin

from gonghui.medinsure.models import (
    BenefitNotice,
    BureauApiKey,
    ColumnMapping,
    NoticeEvent,
    Recovery,
    SettlementImport,
    SettlementRecord,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SettlementImport)
class SettlementImportAdmin(ReadOnlyAdmin):
    list_display = ["id", "federation", "source", "status", "original_name", "started_at"]
    list_filter = ["source", "status"]


@admin.register(SettlementRecord)
class SettlementRecordAdmin(ReadOnlyAdmin):
    list_display = ["serial", "kind", "category", "name", "discharge", "member", "period"]
    list_filter = ["kind", "category"]
    search_fields = ["serial"]
    exclude = ["id_number", "diagnosis"]
    raw_id_fields = ["member", "batch"]


class NoticeEventInline(admin.TabularInline):
    model = NoticeEvent
    extra = 0
    can_delete = False
    readonly_fields = ["old_status", "new_status", "actor", "at", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(BenefitNotice)
class BenefitNoticeAdmin(ReadOnlyAdmin):
    list_display = ["id", "member", "kind", "status", "total", "discharge", "created_at"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["member", "record", "batch"]
    inlines = [NoticeEventInline]


@admin.register(Recovery)
class RecoveryAdmin(ReadOnlyAdmin):
    list_display = ["id", "member", "amount", "status", "opened_at", "closed_at"]
    list_filter = ["status"]


@admin.register(ColumnMapping)
class ColumnMappingAdmin(ReadOnlyAdmin):
    list_display = ["federation", "field", "header", "updated_at"]


@admin.register(BureauApiKey)
class BureauApiKeyAdmin(ReadOnlyAdmin):
    list_display = ["name", "federation", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["key_hash"]
