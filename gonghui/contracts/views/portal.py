"""The member's phone page: the collective contract(s) that cover them, term and wage terms."""

from django.shortcuts import render

from gonghui.accounts.decorators import member_required
from gonghui.contracts import selectors
from gonghui.contracts.views.common import KEY
from gonghui.core.switches import service_required


@member_required
@service_required(KEY, write=False)
def mine(request):
    return render(
        request,
        "contracts/portal/mine.html",
        {"contracts": selectors.member_contracts(request.user)},
    )
