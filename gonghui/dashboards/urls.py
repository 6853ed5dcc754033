from django.urls import path

from gonghui.dashboards import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("articles/", views.article_figures, name="dashboard_articles"),
    path("export/<slug:key>.xlsx", views.export_table, name="dashboard_export"),
]
