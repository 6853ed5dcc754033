"""The craftsman JSON API: every page action has an endpoint calling the same service."""

from .applications import ApplicationViewSet, MyApplicationViewSet
from .schemes import ContestViewSet, HonourViewSet, SchemeViewSet

__all__ = [
    "ApplicationViewSet",
    "ContestViewSet",
    "HonourViewSet",
    "MyApplicationViewSet",
    "SchemeViewSet",
]
