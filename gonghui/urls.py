from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from gonghui.core import views as core_views
from gonghui.medinsure import api as medinsure_api
from gonghui.medinsure import urls as medinsure_urls
from gonghui.mutual_aid import api as mutual_aid_api
from gonghui.mutual_aid import urls as mutual_aid_urls
from gonghui.notify import views as notify_views
from gonghui.orgs import api as orgs_api
from gonghui.orgs import views as orgs_views

router = DefaultRouter()
router.register("members", orgs_api.MemberViewSet, basename="member")
router.register("orgs", orgs_api.OrganisationViewSet, basename="org")
router.register("mutual-aid/periods", mutual_aid_api.PeriodViewSet, basename="mutual-aid-period")
router.register(
    "mutual-aid/enrollments", mutual_aid_api.EnrollmentViewSet, basename="mutual-aid-enrollment"
)
router.register("mutual-aid/payments", mutual_aid_api.PaymentViewSet, basename="mutual-aid-payment")
router.register("mutual-aid/quote", mutual_aid_api.QuoteViewSet, basename="mutual-aid-quote")
router.register("medinsure/records", medinsure_api.RecordViewSet, basename="medinsure-record")
router.register("medinsure/notices", medinsure_api.NoticeViewSet, basename="medinsure-notice")
router.register(
    "medinsure/recoveries", medinsure_api.RecoveryViewSet, basename="medinsure-recovery"
)

staff_patterns = [
    path("", core_views.staff_home, name="home"),
    path("access-log/", core_views.access_log, name="access_log"),
    path("outbox/", notify_views.outbox, name="outbox"),
    path("members/", orgs_views.member_list, name="member_list"),
    path("members/new/", orgs_views.member_edit, name="member_create"),
    path("members/import/", orgs_views.member_import, name="member_import"),
    path("imports/<int:pk>/", core_views.import_job, name="import_job"),
    path("imports/<int:pk>/errors.csv", core_views.import_job_errors, name="import_job_errors"),
    path("members/<int:pk>/", orgs_views.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", orgs_views.member_edit, name="member_edit"),
    path("orgs/", orgs_views.org_list, name="org_list"),
    path("enterprises/", orgs_views.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", orgs_views.enterprise_edit, name="enterprise_create"),
    path("enterprises/<int:pk>/", orgs_views.enterprise_edit, name="enterprise_edit"),
    path("coverage/", orgs_views.coverage, name="coverage"),
    path("mutual-aid/", include(mutual_aid_urls.staff_urlpatterns)),
    path("medinsure/", include(medinsure_urls.staff_urlpatterns)),
]

urlpatterns = [
    path("", core_views.landing, name="home"),
    path("accounts/", include("gonghui.accounts.urls")),
    path("staff/", include((staff_patterns, "staff"))),
    path("m/mutual-aid/", include("gonghui.mutual_aid.portal_urls")),
    path("m/benefits/", include("gonghui.medinsure.portal_urls")),
    path("m/", include("gonghui.portal.urls")),
    path("api/me/", orgs_api.MyMemberRecordView.as_view(), name="api-me"),
    path(
        "api/me/mutual-aid/enrollments/",
        mutual_aid_api.MyEnrollmentsView.as_view(),
        name="api-my-enrollments",
    ),
    path(
        "api/medinsure/settlements/push/",
        medinsure_api.SettlementPushView.as_view(),
        name="api-medinsure-push",
    ),
    path("api/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
