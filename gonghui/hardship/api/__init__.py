"""The JSON API: every action the hardship pages offer, through the same services and
selectors (so the same scope and the same rules). Each file read is logged."""

from gonghui.hardship.api.campaigns import CampaignViewSet
from gonghui.hardship.api.figures import FiguresViewSet, StandardViewSet
from gonghui.hardship.api.files import HardshipFileViewSet
from gonghui.hardship.api.pairs import PairViewSet
from gonghui.hardship.api.worker import MyFileViewSet

__all__ = [
    "CampaignViewSet",
    "FiguresViewSet",
    "HardshipFileViewSet",
    "MyFileViewSet",
    "PairViewSet",
    "StandardViewSet",
]
