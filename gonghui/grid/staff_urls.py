"""Staff pages, included under /staff/grid/ in the "staff" namespace (names grid_*)."""

from django.urls import path

from gonghui.grid.views import grids, legal, staff

urlpatterns = [
    path("", staff.case_list, name="grid_cases"),
    path("new/", staff.case_new, name="grid_case_new"),
    path("cases/<int:pk>/", staff.case_detail, name="grid_case"),
    path("cases/<int:pk>/parties/<int:party>/", staff.case_party, name="grid_case_party"),
    path("cases/<int:pk>/<slug:step>/", staff.case_step, name="grid_case_step"),
    path("grids/", grids.grid_list, name="grid_grids"),
    path("legal/", legal.legal_home, name="grid_legal"),
    path("legal/questions/<int:pk>/", legal.question_detail, name="grid_question"),
    path("legal/health-checks/new/", legal.health_new, name="grid_health_new"),
]
