"""Every form on the site: labels end with the full-width colon and no select offers
"---------" (gonghui.core.forms.FormRenderer and the root catalogue's ":")."""

from django import forms
from django.utils import translation

from gonghui.orgs.models import Organisation


class Sample(forms.Form):
    needed = forms.ModelChoiceField(label="工会", queryset=Organisation.objects.none())
    optional = forms.ChoiceField(
        label="类型", choices=[("", "---------"), ("a", "甲")], required=False
    )


def test_labels_end_with_the_full_width_colon(db):
    with translation.override("zh-hans"):
        html = Sample().as_p()
    assert "工会：</label>" in html and "类型：</label>" in html and ":</label>" not in html


def test_the_blank_choice_reads_choose_or_none_never_dashes(db):
    with translation.override("zh-hans"):
        html = Sample().as_p()
    assert "---------" not in html
    assert '<option value="" selected>请选择</option>' in html
    assert '<option value="" selected>（不选）</option>' in html


def test_a_filter_names_its_blank_choice(client_for, staff):
    page = client_for(staff.town_a).get("/staff/members/").content.decode()
    assert "全部工会</option>" in page and "---------" not in page
