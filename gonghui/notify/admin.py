from django.contrib import admin

from gonghui.notify.models import SmsMessage


@admin.register(SmsMessage)
class SmsMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "mobile", "kind", "status", "body"]
    list_filter = ["kind", "status"]
    search_fields = ["mobile"]
