"""The Korean catalogue is complete, and every template string is marked for translation."""
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "ko" / "LC_MESSAGES" / "django.po"
# What scripts/i18n.sh leaves out of makemessages: tools, tests, vendored code and local state.
IGNORED = [".venv", ".venv-tools", "node_modules", "var", "tests", "bench", "scripts", "static/vendor"]
OUR_APPS = ("accounts", "applications", "evaluation", "ceremonies", "audit", "outbox", "prize_portal")


def keys(catalogue):
    return {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in catalogue if not entry.obsolete}


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(CATALOGUE))


def test_every_korean_message_is_translated_and_none_is_fuzzy(catalogue):
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert len(catalogue) > 900


def test_every_plural_has_its_korean_form(catalogue):
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=1;")
    plurals = [entry for entry in catalogue if entry.msgid_plural]
    assert plurals and all(entry.msgstr_plural.get(0) for entry in plurals)


def test_the_korean_catalogue_passes_msgfmt_check():
    if not shutil.which("msgfmt"):
        pytest.fail("gettext (msgfmt) is not installed; scripts/install.sh installs it")
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_no_message_of_the_code_is_missing_from_the_korean_catalogue(catalogue, settings, tmp_path,
                                                                     monkeypatch):
    # makemessages writes next to the code it reads: run it on a copy of the code, into an empty locale/.
    copy = tmp_path / "code"
    shutil.copytree(ROOT, copy, symlinks=True, ignore=shutil.ignore_patterns(
        *IGNORED, "static", "locale", ".git", "__pycache__", "*.pyc"))
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["ko"], ignore_patterns=IGNORED, verbosity=0)
    fresh = polib.pofile(str(copy / "locale" / "ko" / "LC_MESSAGES" / "django.po"))
    missing = keys(fresh) - keys(catalogue)
    assert len(fresh) > 900
    assert not missing, f"{len(missing)} messages not in locale/ko (run scripts/i18n.sh): {sorted(missing)[:5]}"


# --- templates: no visible text outside {% translate %} / {% blocktranslate %} ---------------------------

REMOVED = [re.compile(pattern, re.S) for pattern in (
    r"\{#.*?#\}", r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}",
    r"\{%\s*blocktrans(?:late)?\b.*?\{%\s*endblocktrans(?:late)?\s*%\}",
    r"\{%\s*block\s+\w+_class\s*%\}.*?\{%\s*endblock", r"\{%.*?%\}", r"\{\{.*?\}\}",
    r"<!--.*?-->", r"<script\b.*?</script>", r"<style\b.*?</style>")]
WORD = re.compile(r"[^\W\d_]{2,}")  # two letters or more, in any script
# Markup-only templates (allauth's elements, built tag by tag) and words that are the same in every language.
NOT_TEXT_FILES = {"templates/allauth/elements/button.html"}
SAME_IN_EVERY_LANGUAGE = {"KST", "UTC", "WeGO", "PDF", "CSV", "JSON", "QR"}
TEXT_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "label"}


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []

    def handle_data(self, data):
        self.texts.append(data)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in TEXT_ATTRIBUTES & set(attrs):
            self.texts.append(attrs[name] or "")
        if tag == "meta" and attrs.get("name") == "description" or tag == "input" and attrs.get("type") in (
                "submit", "button"):
            self.texts.append(attrs.get("content") or attrs.get("value") or "")


def visible_words(source, *, html):
    for pattern in REMOVED:
        source = pattern.sub(" ", source)
    if html:
        parser = VisibleText()
        parser.feed(source)
        texts = parser.texts
    else:
        texts = [source]
    return [word for text in texts for word in WORD.findall(text) if word not in SAME_IN_EVERY_LANGUAGE]


def our_templates():
    folders = [ROOT / "templates"] + [ROOT / app / "templates" for app in OUR_APPS]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".html", ".txt") and str(path.relative_to(ROOT)) not in NOT_TEXT_FILES:
                yield path


def test_the_template_check_finds_text_that_is_not_marked():
    assert visible_words('<p>Apply now</p><img alt="Logo">', html=True) == ["Apply", "now", "Logo"]
    assert visible_words("Dear {{ name }},\nThank you", html=False) == ["Dear", "Thank", "you"]
    assert visible_words('{% load i18n %}<p title="{% translate "Hi" %}">{% translate "Apply now" %} · '
                         '{% blocktranslate with n=1 %}{{ n }} day{% endblocktranslate %} KST</p>', html=True) == []


def test_every_template_string_is_marked_for_translation():
    found = {str(path.relative_to(ROOT)): words for path in our_templates()
             if (words := visible_words(path.read_text(encoding="utf-8"), html=path.suffix == ".html"))}
    assert len(list(our_templates())) > 50
    assert not found, f"text outside {{% translate %}}: {found}"


# --- the Hangul web font ---------------------------------------------------------------------------------

def font_faces(css):
    return re.findall(r"@font-face\s*\{(.*?)\}", css, re.S)


def test_the_hangul_web_font_is_only_declared_with_a_hangul_unicode_range():
    css = (ROOT / "static" / "css" / "hangul.css").read_text()
    faces = font_faces(css)
    assert len(faces) == 5  # common and rare Hangul, regular and bold; the switcher's “한국어”
    for face in faces:
        assert 'format("woff2")' in face
        ranges = re.search(r"unicode-range:\s*([^;]+);", face).group(1)
        starts = [int(first, 16) for first in re.findall(r"U\+([0-9A-F]+)", ranges)]
        assert starts and min(starts) >= 0x1100, face  # nothing Latin: English pages never download it
        url = re.search(r'url\("\.\./([^"]+)"\)', face).group(1)
        assert (ROOT / "static" / url).stat().st_size > 500


def test_no_other_stylesheet_declares_the_hangul_web_font():
    for path in (ROOT / "static" / "css").rglob("*.css"):
        if path.name != "hangul.css":
            assert "woff2" not in path.read_text()


def test_every_page_links_the_hangul_stylesheet(client, db):
    page = client.get("/about/").content.decode()
    assert "css/hangul.css" in page
