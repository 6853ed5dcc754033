from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class GuideConfig(AppConfig):
    name = "gonghui.guide"
    verbose_name = pgettext_lazy("help page", "Help pages")
