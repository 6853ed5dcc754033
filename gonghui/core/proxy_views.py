"""The member's 代办 page: what staff can do at the window for this member, gathered from every
service (core.registry Service.proxy, see core/proxy.py)."""

from django.shortcuts import get_object_or_404, render

from gonghui.accounts.decorators import staff_required
from gonghui.core.proxy import proxy_links
from gonghui.orgs.selectors import members_visible_to


@staff_required
def member_proxy(request, pk):
    member = get_object_or_404(members_visible_to(request.user).select_related("union"), pk=pk)
    return render(
        request,
        "staff/member_proxy.html",
        {"member": member, "groups": proxy_links(request.user, member)},
    )
