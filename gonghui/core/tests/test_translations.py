"""The Chinese translation ships complete: every catalogue has every message translated,
and the compiled .mo beside it says the same."""

import itertools
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

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


def _entries(path):
    return {
        (entry.msgctxt, entry.msgid): entry
        for entry in polib.pofile(str(path))
        if not entry.obsolete and entry.msgid
    }


def _name(path) -> str:
    return str(path.relative_to(settings.BASE_DIR)).split("/locale/")[0].split("locale")[0] or "."


PAIRS = list(itertools.combinations(CATALOGUES, 2))


@pytest.mark.parametrize(
    ("first", "second"), PAIRS, ids=[f"{_name(a)}+{_name(b)}" for a, b in PAIRS]
)
def test_translation_catalogues_agree(first, second):
    """Django merges every catalogue into one: a message in two of them is shown with one
    translation everywhere (./locale wins, then the apps in INSTALLED_APPS order). So one
    message (same context) has one translation, and a short message ("Status", "Applied",
    "Code": three words or fewer) that two apps both use carries a context naming the app
    (pgettext_lazy("hardship", "Applied"), {% translate "Status" context "hardship" %})."""
    ours, theirs = _entries(first), _entries(second)
    shared = ours.keys() & theirs.keys()
    differ = {
        key: (ours[key].msgstr, theirs[key].msgstr)
        for key in shared
        if ours[key].msgstr != theirs[key].msgstr
        or ours[key].msgstr_plural != theirs[key].msgstr_plural
    }
    short_without_context = sorted(
        msgid for context, msgid in shared if context is None and len(msgid.split()) <= 3
    )
    assert differ == {}
    assert short_without_context == []


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_translation_shown_is_the_catalogues(path):
    """What Django shows for each message is what this catalogue says, not another
    catalogue's translation of the same words (Django's own included: "History", "Add")."""
    wrong = {}
    with translation.override("zh-hans"):
        for (context, msgid), entry in _entries(path).items():
            if entry.msgid_plural:
                expected = entry.msgstr_plural[0]
                shown = (
                    translation.npgettext(context, msgid, entry.msgid_plural, 1)
                    if context
                    else translation.ngettext(msgid, entry.msgid_plural, 1)
                )
            else:
                expected = entry.msgstr
                shown = (
                    translation.pgettext(context, msgid) if context else translation.gettext(msgid)
                )
            if shown != expected:
                wrong[(context, msgid)] = (expected, shown)
    assert wrong == {}
