from django.urls import path

from gonghui.dashboards import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("articles/", views.article_figures, name="dashboard_articles"),
    path("reform/", views.reform_list, name="dashboard_reforms"),
    path("reform/<int:pk>/", views.reform_detail, name="dashboard_reform"),
    path("export/<slug:key>.xlsx", views.export_table, name="dashboard_export"),
]
