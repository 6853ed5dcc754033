"""Public pages under /ratings/ (no sign-in): a programme's public notice."""

from django.urls import path

from gonghui.ratings.views import union

app_name = "ratings_public"
urlpatterns = [path("notice/<int:pk>/", union.notice, name="notice")]
