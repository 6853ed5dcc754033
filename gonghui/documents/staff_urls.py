"""Staff pages under /staff/documents/ in the "staff" namespace (names document_*)."""

from django.urls import path

from gonghui.documents import views

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("<int:pk>/pdf/", views.document_pdf, name="document_pdf"),
    path("<int:pk>/revoke/", views.document_revoke, name="document_revoke"),
]
