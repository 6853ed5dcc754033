"""Form fields and the form renderer shared by the apps."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext

from gonghui.core.tabular import FileFormatError, Limits, check_table


class TableFileField(forms.FileField):
    """An Excel or CSV file to import, refused on the form (with tabular's reason) when it is
    beyond the limits, damaged or unreadable, before any job is started. The data rows found
    are kept on the file as `table_rows` for the job's progress bar."""

    def __init__(self, *, limits=Limits.roster, **kwargs):
        kwargs.setdefault("label", _("Excel or CSV file"))
        super().__init__(**kwargs)
        self.limits = limits

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            try:
                upload.table_rows = check_table(upload, limits=self.limits())
            except FileFormatError as exc:
                raise forms.ValidationError(str(exc), code="table") from exc
            finally:
                upload.seek(0)
        return upload


# Django's forms write _(":") after every label; the root catalogue translates it to the
# full-width "：" for the whole site. Marked here so that makemessages keeps the entry.
LABEL_SUFFIX = gettext_noop(":")


class FormRenderer(DjangoTemplates):
    """Django's renderer, but a select's blank choice never reads "---------": it reads
    请选择 when a choice is required and （不选） when it is not. (A filter's "all" is
    named by its form: empty_label=_("All …").)"""

    BLANK = "---------"

    def render(self, template_name, context, request=None):
        widget = context.get("widget") or {}
        for _group, options, _index in widget.get("optgroups", ()):
            for option in options:
                if option["value"] in ("", None) and option["label"] == self.BLANK:
                    option["label"] = (
                        pgettext("blank choice", "Choose…")
                        if widget.get("required")
                        else pgettext("blank choice", "(none)")
                    )
        return super().render(template_name, context, request=request)


class ServiceSwitchForm(forms.Form):
    """One click on the service switches page: a service, on or off, and why."""

    key = forms.CharField(max_length=32)
    enabled = forms.TypedChoiceField(
        choices=[("on", "on"), ("off", "off")], coerce=lambda value: value == "on"
    )
    note = forms.CharField(label=_("Reason (optional)"), max_length=200, required=False)
