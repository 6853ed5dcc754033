from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class RatingsConfig(AppConfig):
    name = "gonghui.ratings"
    verbose_name = pgettext_lazy("ratings", "Union ratings")
