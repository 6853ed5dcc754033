from django.contrib import admin

from gonghui.orgs.models import Enterprise, Member, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    readonly_fields = ["path", "depth"]


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "staff_count", "union", "area"]
    search_fields = ["name", "credit_code"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    """Read-mostly: members are kept through the staff pages, whose services validate and
    scope every change. The admin shows masked values only."""

    list_display = ["name", "id_number_masked", "gender", "mobile", "union", "status"]
    list_filter = ["status", "gender"]
    search_fields = ["name", "mobile"]
    fields = ["name", "id_number_masked", "gender", "birth_date", "mobile", "union", "status"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
