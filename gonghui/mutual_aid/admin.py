"""Read-only: the scheme is configured on the staff pages, whose services check the rules
(state machine, frozen parameters, never twice). The admin is for looking."""

from django.contrib import admin

from gonghui.mutual_aid.models import (
    Disease,
    Enrollment,
    ParameterSet,
    Payment,
    Period,
    PeriodEvent,
    PlanOffer,
    Scheme,
    UnionTarget,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PlanOfferInline(admin.TabularInline):
    model = PlanOffer
    extra = 0
    can_delete = False
    readonly_fields = ["plan", "contribution"]

    def has_add_permission(self, request, obj=None):
        return False


class PeriodEventInline(PlanOfferInline):
    model = PeriodEvent
    readonly_fields = ["old_status", "new_status", "actor", "at", "note"]


@admin.register(Scheme)
class SchemeAdmin(ReadOnlyAdmin):
    list_display = ["name", "federation", "created_at"]


@admin.register(Period)
class PeriodAdmin(ReadOnlyAdmin):
    list_display = ["code", "number", "scheme", "start", "end", "status", "claim_deadline"]
    list_filter = ["status", "scheme"]
    inlines = [PlanOfferInline, PeriodEventInline]


@admin.register(ParameterSet)
class ParameterSetAdmin(ReadOnlyAdmin):
    list_display = ["label", "period", "version", "updated_at", "frozen_at"]
    list_filter = ["period"]


@admin.register(Disease)
class DiseaseAdmin(ReadOnlyAdmin):
    list_display = ["name", "category", "icd10", "period", "position"]
    list_filter = ["period", "category"]


@admin.register(UnionTarget)
class UnionTargetAdmin(ReadOnlyAdmin):
    list_display = ["union", "period", "target"]
    list_filter = ["period"]


@admin.register(Enrollment)
class EnrollmentAdmin(ReadOnlyAdmin):
    list_display = ["member", "plan", "period", "union", "renewal", "covered_from", "status"]
    list_filter = ["period", "plan", "status", "renewal"]
    search_fields = ["member__name"]
    list_select_related = ["member", "period", "union"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["union", "period", "amount", "paid_on", "recorded_by", "recorded_at"]
    list_filter = ["period"]
