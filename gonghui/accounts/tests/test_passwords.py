"""Hole 11 of issue 11: passwords of at least 10 characters, none a date, a mobile number or
a common password (Django's English list and a Chinese one)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from gonghui.accounts.models import Role, User


@pytest.mark.parametrize(
    "password",
    [
        "20261205",  # accepted before: a date
        "13900000001",  # accepted before: a mobile number
        "union123",  # accepted before: common here
        "lockme12",  # accepted before
        "union12345",
        "gonghui-demo",  # the demo's password, never a real one
        "woaini1314",
        "zhang123456",
        "Zhang-19800615",
        "1980-06-15home",
        "call 139-0000-0001",
        "2026/12/5/Spring",
        "123456789012",
        "short-1",
    ],
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    "password", ["lantern-ribbon-47", "Qz7!tiger-Moss", "20261340-not-a-date", "orchid.1958x"]
)
def test_a_good_password_passes(password):
    validate_password(password)


def test_refusals_say_why_in_chinese():
    with pytest.raises(ValidationError) as date:
        validate_password("spring-20261205-x")
    assert "密码不能包含日期" in " ".join(date.value.messages)
    with pytest.raises(ValidationError) as mobile:
        validate_password("my-13900000001-x")
    assert "密码不能包含手机号" in " ".join(mobile.value.messages)
    with pytest.raises(ValidationError) as common:
        validate_password("gonghui123456")
    assert "常见" in " ".join(common.value.messages)


@pytest.mark.django_db
def test_the_password_change_form_applies_them(tree):
    from django.contrib.auth.forms import SetPasswordForm

    user = User.objects.create(username="zhangsan", role=Role.UNION_STAFF, org=tree.union_a1)
    form = SetPasswordForm(user, {"new_password1": "union123", "new_password2": "union123"})
    assert not form.is_valid()
    form = SetPasswordForm(
        user, {"new_password1": "lantern-ribbon-47", "new_password2": "lantern-ribbon-47"}
    )
    assert form.is_valid()
