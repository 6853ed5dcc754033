from django.contrib import admin
from django.urls import include, path, re_path
from django_otp.admin import OTPAdminSite
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from gonghui.accounts import views as account_views
from gonghui.activities import api as activities_api
from gonghui.appeals import api as appeals_api
from gonghui.claims import api as claims_api
from gonghui.claims import urls as claims_urls
from gonghui.consent import api as consent_api
from gonghui.contracts import api as contracts_api
from gonghui.core import api as core_api
from gonghui.core import proxy_views, services_api
from gonghui.core import views as core_views
from gonghui.craftsman import api as craftsman_api
from gonghui.deadlines import api as deadlines_api
from gonghui.documents import api as documents_api
from gonghui.documents import views as documents_views
from gonghui.draw import api as draw_api
from gonghui.grid import api as grid_api
from gonghui.hardship import api as hardship_api
from gonghui.medinsure import api as medinsure_api
from gonghui.medinsure import urls as medinsure_urls
from gonghui.mutual_aid import api as mutual_aid_api
from gonghui.mutual_aid import urls as mutual_aid_urls
from gonghui.notify import views as notify_views
from gonghui.orgs import api as orgs_api
from gonghui.orgs import views as orgs_views
from gonghui.patrol import api as patrol_api
from gonghui.ratings import api as ratings_api

# The Django admin lets in only users who passed their TOTP second factor, like every staff
# page (django-otp's documented way to switch the default site).
admin.site.__class__ = OTPAdminSite

router = core_api.Router()
router.register("services", services_api.ServiceViewSet, basename="service")
router.register("members", orgs_api.MemberViewSet, basename="member")
router.register("orgs", orgs_api.OrganisationViewSet, basename="org")
router.register("mutual-aid/periods", mutual_aid_api.PeriodViewSet, basename="mutual-aid-period")
router.register(
    "mutual-aid/enrollments", mutual_aid_api.EnrollmentViewSet, basename="mutual-aid-enrollment"
)
router.register("mutual-aid/payments", mutual_aid_api.PaymentViewSet, basename="mutual-aid-payment")
router.register("mutual-aid/quote", mutual_aid_api.QuoteViewSet, basename="mutual-aid-quote")
router.register("hardship/files", hardship_api.HardshipFileViewSet, basename="hardship-file")
router.register("hardship/campaigns", hardship_api.CampaignViewSet, basename="hardship-campaign")
router.register("hardship/pairs", hardship_api.PairViewSet, basename="hardship-pair")
router.register("hardship/standards", hardship_api.StandardViewSet, basename="hardship-standard")
router.register("hardship/figures", hardship_api.FiguresViewSet, basename="hardship-figures")
router.register("hardship/my-file", hardship_api.MyFileViewSet, basename="hardship-my-file")
router.register("calendar-days", deadlines_api.CalendarDayViewSet, basename="calendar-day")
router.register("deadlines", deadlines_api.DeadlineViewSet, basename="deadline")
router.register("documents", documents_api.DocumentViewSet, basename="document")
router.register("draws", draw_api.DrawViewSet, basename="draw")
router.register("contracts/register", contracts_api.ContractViewSet, basename="contract")
router.register("contracts/campaigns", contracts_api.CampaignViewSet, basename="contract-campaign")
router.register("contracts/targets", contracts_api.TargetViewSet, basename="contract-target")
router.register("me/contracts", contracts_api.MyContractViewSet, basename="my-contract")
router.register("craftsman/schemes", craftsman_api.SchemeViewSet, basename="craftsman-scheme")
router.register(
    "craftsman/applications", craftsman_api.ApplicationViewSet, basename="craftsman-application"
)
router.register("craftsman/honours", craftsman_api.HonourViewSet, basename="craftsman-honour")
router.register("craftsman/contests", craftsman_api.ContestViewSet, basename="craftsman-contest")
router.register("ratings/programmes", ratings_api.ProgrammeViewSet, basename="ratings-programme")
router.register(
    "ratings/applications", ratings_api.ApplicationViewSet, basename="ratings-application"
)
router.register("ratings/titles", ratings_api.TitleViewSet, basename="ratings-title")
router.register("ratings/standards", ratings_api.StandardViewSet, basename="ratings-standard")
router.register("ratings/appraisals", ratings_api.AppraisalViewSet, basename="ratings-appraisal")
router.register(
    "me/craftsman-applications",
    craftsman_api.MyApplicationViewSet,
    basename="my-craftsman-application",
)
router.register("me/claims", claims_api.MyClaimViewSet, basename="my-claim")
router.register("claims", claims_api.ClaimViewSet, basename="claim")
router.register("payout-batches", claims_api.PayoutBatchViewSet, basename="payout-batch")
router.register("claim-figures", claims_api.FiguresViewSet, basename="claim-figures")
router.register("claim-sms-templates", claims_api.SmsTemplateViewSet, basename="claim-sms-template")
router.register("appeals", appeals_api.AppealViewSet, basename="appeal")
router.register("me/appeals", appeals_api.MyAppealViewSet, basename="my-appeal")
router.register("medinsure/records", medinsure_api.RecordViewSet, basename="medinsure-record")
router.register("medinsure/notices", medinsure_api.NoticeViewSet, basename="medinsure-notice")
router.register(
    "medinsure/recoveries", medinsure_api.RecoveryViewSet, basename="medinsure-recovery"
)
router.register(
    "activities/programmes", activities_api.ProgrammeViewSet, basename="activity-programme"
)
router.register(
    "activities/registrations", activities_api.RegistrationViewSet, basename="activity-registration"
)
router.register("activities/lotteries", activities_api.LotteryViewSet, basename="activity-lottery")
router.register(
    "activities/me/batches", activities_api.MyBatchViewSet, basename="my-activity-batch"
)
router.register(
    "activities/me/registrations",
    activities_api.MyRegistrationViewSet,
    basename="my-activity-registration",
)
router.register("activities/me/entries", activities_api.MyEntryViewSet, basename="my-lottery-entry")
router.register(
    "activities/partner/vouchers", activities_api.PartnerVoucherViewSet, basename="partner-voucher"
)
router.register("grid/cases", grid_api.CaseViewSet, basename="grid-case")
router.register("grid/me/cases", grid_api.MyCaseViewSet, basename="my-grid-case")
router.register("grid/me/questions", grid_api.MyQuestionViewSet, basename="my-legal-question")
router.register("grid/questions", grid_api.QuestionViewSet, basename="legal-question")
router.register("grid/grids", grid_api.GridViewSet, basename="grid")
router.register("grid/health-checks", grid_api.HealthCheckViewSet, basename="grid-health-check")
router.register("grid/legal-events", grid_api.LegalEventViewSet, basename="grid-legal-event")
router.register("patrol/routes", patrol_api.RouteViewSet, basename="patrol-route")
router.register("patrol/patrols", patrol_api.PatrolViewSet, basename="patrol-patrol")
router.register("patrol/me/slots", patrol_api.MySlotViewSet, basename="my-patrol-slot")
router.register("patrol/me/patrols", patrol_api.MyPatrolViewSet, basename="my-patrol")

staff_patterns = [
    path("", core_views.staff_home, name="home"),
    path("access-log/", core_views.access_log, name="access_log"),
    path("services/", core_views.service_switches, name="service_switches"),
    path("accounts/", account_views.staff_accounts, name="staff_accounts"),
    path("accounts/<int:pk>/reset-password/", account_views.password_reset, name="password_reset"),
    path("outbox/", notify_views.outbox, name="outbox"),
    path("members/", orgs_views.member_list, name="member_list"),
    path("members/new/", orgs_views.member_edit, name="member_create"),
    path("members/import/", orgs_views.member_import, name="member_import"),
    path("imports/<int:pk>/", core_views.import_job, name="import_job"),
    path("imports/<int:pk>/errors.csv", core_views.import_job_errors, name="import_job_errors"),
    path("members/<int:pk>/", orgs_views.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", orgs_views.member_edit, name="member_edit"),
    path("members/<int:pk>/proxy/", proxy_views.member_proxy, name="member_proxy"),
    path("orgs/", orgs_views.org_list, name="org_list"),
    path("enterprises/", orgs_views.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", orgs_views.enterprise_edit, name="enterprise_create"),
    path("enterprises/<int:pk>/", orgs_views.enterprise_edit, name="enterprise_edit"),
    path("coverage/", orgs_views.coverage, name="coverage"),
    path("dashboard/", include("gonghui.dashboards.urls")),
    path("mutual-aid/", include(mutual_aid_urls.staff_urlpatterns)),
    path("hardship/", include("gonghui.hardship.staff_urls")),
    path("appeals/", include("gonghui.appeals.staff_urls")),
    path("craftsman/", include("gonghui.craftsman.staff_urls")),
    path("ratings/", include("gonghui.ratings.staff_urls")),
    path("claims/", include(claims_urls.staff_urlpatterns)),
    path("medinsure/", include(medinsure_urls.staff_urlpatterns)),
    path("deadlines/", include("gonghui.deadlines.staff_urls")),
    path("documents/", include("gonghui.documents.staff_urls")),
    path("activities/", include("gonghui.activities.staff_urls")),
    path("contracts/", include("gonghui.contracts.staff_urls")),
    path("patrol/", include("gonghui.patrol.staff_urls")),
    path("points/", include("gonghui.points.staff_urls")),
    path("help/", include("gonghui.guide.urls")),
    path("draws/", include("gonghui.draw.staff_urls")),
    path("grid/", include("gonghui.grid.staff_urls")),
]

urlpatterns = [
    path("", core_views.landing, name="home"),
    path("accounts/", include("gonghui.accounts.urls")),
    path("v/<slug:code>/", documents_views.verify, name="document_verify"),
    path("staff/", include((staff_patterns, "staff"))),
    path("m/mutual-aid/", include("gonghui.mutual_aid.portal_urls")),
    path("m/claims/", include("gonghui.claims.portal_urls")),
    path("m/benefits/", include("gonghui.medinsure.portal_urls")),
    path("m/", include("gonghui.portal.urls")),
    path("m/hardship/", include("gonghui.hardship.portal_urls")),
    path("m/activities/", include("gonghui.activities.portal_urls")),
    path("m/patrol/", include("gonghui.patrol.portal_urls")),
    path("m/points/", include("gonghui.points.portal_urls")),
    path("partner/", include("gonghui.activities.partner_urls")),
    path("draw/", include("gonghui.draw.public_urls")),
    path("m/appeals/", include("gonghui.appeals.portal_urls")),
    path("m/craftsman/", include("gonghui.craftsman.portal_urls")),
    path("m/contracts/", include("gonghui.contracts.portal_urls")),
    path("craftsman/", include("gonghui.craftsman.public_urls")),
    path("m/grid/", include("gonghui.grid.portal_urls")),
    path("ratings/", include("gonghui.ratings.public_urls")),
    path("api/me/", orgs_api.MyMemberRecordView.as_view(), name="api-me"),
    path("api/consent/text/", consent_api.ConsentTextView.as_view(), name="api-consent-text"),
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
    path(
        "api/contracts/figures/", contracts_api.ContractFiguresView.as_view(), name="api-contracts"
    ),
    path("api/", include(router.urls)),
    path("api/", include("gonghui.points.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^api/", core_api.not_found),
    path("admin/", admin.site.urls),
]

# Chinese error pages in the staff or member look; JSON under /api/ (gonghui/core/errors.py).
handler403 = "gonghui.core.errors.permission_denied"
handler404 = "gonghui.core.errors.page_not_found"
handler500 = "gonghui.core.errors.server_error"
