"""Reads of the ledger and catalogue: a member sees their own; staff their subtree's."""

from gonghui.points.models import Entry


def entries_for_member(member):
    return Entry.objects.filter(member=member).order_by("-created_at", "-id")
