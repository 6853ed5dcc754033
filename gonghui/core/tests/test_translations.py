"""The Chinese translation ships complete: every catalogue has every message translated,
and the compiled .mo beside it says the same."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(
    path
    for path in Path(settings.BASE_DIR).glob("**/locale/zh_Hans/LC_MESSAGES/django.po")
    if ".venv" not in path.parts
)


def test_there_are_catalogues():
    assert CATALOGUES, "no zh_Hans catalogue found"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_catalogue_is_complete_and_compiled(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    in_mo = {(entry.msgctxt, entry.msgid) for entry in compiled if entry.msgid}
    in_po = {(entry.msgctxt, entry.msgid) for entry in catalogue.translated_entries()}
    assert in_mo == in_po, "the .mo is stale: run `make messages`"
