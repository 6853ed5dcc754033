"""Read-only: claims move only through the services (state machine, never twice), and the
admin shows no diagnosis, trace or document, whose every view the staff pages log."""

from django.contrib import admin

from gonghui.claims.models import Claim, ClaimEvent, PayoutBatch, PayoutLine, SmsTemplate


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ClaimEventInline(admin.TabularInline):
    model = ClaimEvent
    extra = 0
    can_delete = False
    fields = readonly_fields = ["at", "old_status", "new_status", "actor", "reason", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ["reference", "member", "event_type", "plans", "amount", "status", "channel"]
    list_filter = ["status", "event_type", "channel", "period"]
    search_fields = ["member__name"]
    list_select_related = ["member"]
    fields = [
        "member",
        "period",
        "event_type",
        "plans",
        "status",
        "status_changed_at",
        "amount",
        "channel",
        "filed_by",
        "reviewer",
        "first_approver",
        "second_approver",
        "submitted_at",
        "approved_at",
        "paid_at",
    ]
    inlines = [ClaimEventInline]


class PayoutLineInline(admin.TabularInline):
    model = PayoutLine
    extra = 0
    can_delete = False
    fields = readonly_fields = ["claim", "amount", "status", "failure_reason", "decided_by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PayoutBatch)
class PayoutBatchAdmin(ReadOnlyAdmin):
    list_display = ["reference", "federation", "status", "created_by", "created_at", "closed_at"]
    list_filter = ["status"]
    inlines = [PayoutLineInline]


@admin.register(SmsTemplate)
class SmsTemplateAdmin(ReadOnlyAdmin):
    list_display = ["kind", "text", "updated_by", "updated_at"]
