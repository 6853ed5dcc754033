"""The admin is for looking: it lists claims without their diagnosis and changes nothing."""

from gonghui.claims.tests.factories import file_claim


def test_admin_lists_claims_without_the_diagnosis(client_for, staff, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng)
    staff.admin.is_staff = staff.admin.is_superuser = True
    staff.admin.save()
    client = client_for(staff.admin)
    assert claim.reference in client.get("/admin/claims/claim/").content.decode()
    page = client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    assert "程先生" in page and "鼻咽癌" not in page and "C11" not in page
    assert client.post(f"/admin/claims/claim/{claim.pk}/delete/").status_code == 403
