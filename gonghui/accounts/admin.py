from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from gonghui.accounts.models import User


@admin.register(User)
class GonghuiUserAdmin(UserAdmin):
    list_display = ["username", "display_name", "role", "org", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = UserAdmin.fieldsets + (("工会", {"fields": ("role", "org", "display_name")}),)
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("工会", {"fields": ("role", "org", "display_name")}),
    )
