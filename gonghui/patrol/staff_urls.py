"""Staff pages, included under /staff/patrol/ in the "staff" namespace (patrol_*)."""

from django.urls import path

from gonghui.patrol.views import proxy, staff

urlpatterns = [
    path("", staff.home, name="patrol_home"),
    path("routes/new/", staff.route_create, name="patrol_route_create"),
    path("routes/import/", staff.route_import, name="patrol_import"),
    path("routes/<int:pk>/", staff.route_detail, name="patrol_route"),
    path("review/", staff.review_queue, name="patrol_review"),
    path("patrols/<int:pk>/", staff.patrol_detail, name="patrol_patrol"),
    path("patrols/<int:pk>/<slug:action>/", staff.patrol_step, name="patrol_step"),
    path("figures/", staff.figures_page, name="patrol_figures"),
    path("rules/", staff.rules, name="patrol_rules"),
    path("members/<int:member_pk>/", proxy.proxy, name="patrol_proxy"),
]
