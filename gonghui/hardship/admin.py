"""Read-only: hardship data is kept through the staff pages, whose services check scope,
the state machine and the limits. The admin shows masked values only."""

from django.contrib import admin

from gonghui.hardship.models import (
    AidLimit,
    AidRecord,
    Campaign,
    FileEvent,
    HardshipFile,
    Pair,
    SubsistenceStandard,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FileEventInline(admin.TabularInline):
    model = FileEvent
    fields = ["at", "action", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HardshipFile)
class HardshipFileAdmin(ReadOnlyAdmin):
    list_display = ["member", "status", "tier", "suggested_tier", "main_cause", "applied_on"]
    list_filter = ["status", "tier", "main_cause"]
    search_fields = ["member__name"]
    fields = [
        "member",
        "status",
        "tier",
        "suggested_tier",
        "income_per_person",
        "standard_used",
        "main_cause",
        "household_size",
        "annual_income",
        "bank_card_masked",
        "applied_on",
        "approved_on",
        "reviewed_on",
        "closed_on",
        "close_reason",
    ]
    readonly_fields = fields
    inlines = [FileEventInline]


@admin.register(AidRecord)
class AidRecordAdmin(ReadOnlyAdmin):
    list_display = ["file", "aid_type", "amount", "goods", "given_on", "campaign", "over_limit"]
    list_filter = ["aid_type", "over_limit"]


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "year", "org", "budget"]
    list_filter = ["kind", "year"]


@admin.register(Pair)
class PairAdmin(ReadOnlyAdmin):
    list_display = ["cadre", "file", "started_on", "ended_on"]


@admin.register(SubsistenceStandard)
class SubsistenceStandardAdmin(ReadOnlyAdmin):
    list_display = ["area", "year", "monthly_amount"]


@admin.register(AidLimit)
class AidLimitAdmin(ReadOnlyAdmin):
    list_display = ["aid_type", "tier", "area", "months_of_standard", "amount"]
