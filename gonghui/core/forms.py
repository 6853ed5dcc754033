"""Form fields shared by the apps."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
