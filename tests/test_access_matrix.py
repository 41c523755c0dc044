"""Who reaches what: every URL pattern of the portal (admin and account pages included) × every persona.

Each row says how to build the URL from the shared world (tests/access_world.py) and what each persona
gets: ``ok`` (200), ``login`` (sent to a login page), ``denied`` (403 or 404: nothing is shown, not even
that the thing exists), ``redirect`` (sent on elsewhere), ``405`` (GET is not how this URL is used).
A URL pattern without a row fails ``test_every_url_pattern_has_a_row``: add the row, with a thought for
each persona. The admin's per-model views have one row per registered model (``ADMIN_MODELS``).
Judges who lost access after assignment (conflicted, removed) must get what the unassigned judge gets.
"""
import copy
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse

from .access_world import JUDGES, PERSONAS, build_world
from .conftest import signed_in

OK, LOGIN, DENIED, REDIRECT, NOT_ALLOWED = "ok", "login", "denied", "redirect", "405"


def grant(*, anonymous=LOGIN, default=DENIED, **persona_outcomes):
    """Outcome per persona: ``anonymous``, ``default`` for every signed-in persona, then the exceptions.
    ``judges=...`` sets all four judges at once (before the single-judge exceptions)."""
    outcomes = {persona: default for persona in PERSONAS}
    outcomes["anonymous"] = anonymous
    for persona in JUDGES:
        outcomes[persona] = persona_outcomes.get("judges", default)
    outcomes.update({k: v for k, v in persona_outcomes.items() if k != "judges"})
    return outcomes


EVERYONE = grant(anonymous=OK, default=OK)
SIGNED_IN = grant(default=OK)
STAFF = grant(default=LOGIN, secretariat=OK, superuser=OK)  # the admin sends everyone else to its login page
# Alice's entry: its owner, the judge assigned to it (and only while they may judge it), the secretariat.
ENTRY_READERS = grant(applicant=OK, assigned_judge=OK, secretariat=OK, superuser=OK)
# A judge's own review pages: only the assigned judge; the secretariat works in the admin.
OWN_REVIEW = grant(assigned_judge=OK)
ACCOUNT_FORM = grant(anonymous=OK, default=REDIRECT)  # allauth sends signed-in people on
REAUTHENTICATE = grant(default=REDIRECT)  # allauth asks for the password again first
STAFF_REFUSED = grant(default=LOGIN, secretariat=DENIED, superuser=DENIED)
STAFF_POST_ONLY = grant(default=LOGIN, secretariat=REDIRECT, superuser=REDIRECT)  # a GET goes back to the desk

ROWS = {
    # Privacy: the notice is public; a person's data pages are their own.
    "privacy:notice": (lambda w, p: reverse("privacy:notice"), EVERYONE),
    "privacy:consent": (lambda w, p: reverse("privacy:consent"), grant(default=REDIRECT)),  # no notice published
    "privacy:my_data": (lambda w, p: reverse("privacy:my_data"), SIGNED_IN),
    "privacy:close_account": (lambda w, p: reverse("privacy:close_account"), SIGNED_IN),
    "privacy:request_copy": (lambda w, p: reverse("privacy:request_copy"), grant(default=NOT_ALLOWED)),
    "privacy:download_copy": (lambda w, p: reverse("privacy:download_copy", args=[w.export.token]),
                              grant(applicant=OK)),
    "set_language": (lambda w, p: reverse("set_language"), grant(anonymous=NOT_ALLOWED, default=NOT_ALLOWED)),  # a POST
    # Public pages and the applicant's own pages.
    "applications:home": (lambda w, p: reverse("applications:home"), EVERYONE),
    "applications:about": (lambda w, p: reverse("applications:about"), EVERYONE),
    "applications:dashboard": (lambda w, p: reverse("applications:dashboard"), SIGNED_IN),
    "applications:profile": (lambda w, p: reverse("applications:profile"), SIGNED_IN),
    "applications:start": (lambda w, p: reverse("applications:start"), grant(default=NOT_ALLOWED)),
    "applications:edit": (lambda w, p: reverse("applications:edit", args=[w.draft.pk]), grant(applicant=OK)),
    "applications:withdraw": (lambda w, p: reverse("applications:withdraw", args=[w.draft.pk]), grant(applicant=OK)),
    "applications:reopen": (lambda w, p: reverse("applications:reopen", args=[w.entry.pk]),
                            grant(default=NOT_ALLOWED)),  # a POST from the owner's page
    "applications:detail": (lambda w, p: reverse("applications:detail", args=[w.entry.pk]), ENTRY_READERS),
    "applications:pdf": (lambda w, p: reverse("applications:pdf", args=[w.entry.pk]), ENTRY_READERS),
    "applications:attachment": (lambda w, p: reverse("applications:attachment", args=[w.attachment.pk]),
                                ENTRY_READERS),
    "applications:confirm_nomination": (  # the emailed link is the nominee's key, whoever holds it
        lambda w, p: reverse("applications:confirm_nomination", args=[w.nomination.nominee_token]), EVERYONE),
    "after_login": (lambda w, p: reverse("after_login"), grant(default=REDIRECT)),
    # The judges' pages.
    "evaluation:dashboard": (lambda w, p: reverse("evaluation:dashboard"),
                             grant(judges=OK, removed_judge=DENIED, secretariat=OK, superuser=OK)),
    "evaluation:review": (lambda w, p: reverse("evaluation:review", args=[w.assignment_for(p).pk]), OWN_REVIEW),
    "evaluation:declare_conflict": (
        lambda w, p: reverse("evaluation:declare_conflict", args=[w.assignment_for(p).pk]), OWN_REVIEW),
    "evaluation:accept_invitation": (lambda w, p: reverse("evaluation:accept_invitation", args=[w.invitation.token]),
                                     EVERYONE),
    # Results: the 2027 edition is not published, so only the secretariat previews it.
    "ceremonies:index": (lambda w, p: reverse("ceremonies:index"), EVERYONE),
    "ceremonies:edition": (lambda w, p: reverse("ceremonies:edition", args=[w.edition.year]),
                           grant(anonymous=DENIED, secretariat=OK, superuser=OK)),
    "ceremonies:edition_json": (lambda w, p: reverse("ceremonies:edition_json", args=[w.edition.year]),
                                grant(anonymous=DENIED)),
    "ceremonies:award": (lambda w, p: reverse("ceremonies:award", args=[w.edition.year, w.award.pk]),
                         grant(anonymous=DENIED, secretariat=OK, superuser=OK)),
    "ceremonies:certificate": (lambda w, p: reverse("ceremonies:certificate", args=[w.certificate.code]), EVERYONE),
    # The 2027 ceremony page is not published either: the secretariat previews it, nobody else sees it.
    "ceremonies:ceremony": (lambda w, p: reverse("ceremonies:ceremony", args=[w.edition.year]),
                            grant(anonymous=DENIED, secretariat=OK, superuser=OK)),
    "ceremonies:ceremony_ics": (lambda w, p: reverse("ceremonies:ceremony_ics", args=[w.edition.year]),
                                grant(anonymous=DENIED, secretariat=OK, superuser=OK)),
    "ceremonies:timeline": (lambda w, p: reverse("ceremonies:timeline", args=[w.edition.year]), EVERYONE),
    "ceremonies:certificate_pdf": (lambda w, p: reverse("ceremonies:certificate_pdf", args=[w.certificate.code]),
                                   grant(anonymous=DENIED, assigned_judge=OK, secretariat=OK, superuser=OK)),
    # Accounts (allauth).
    "account_login": (lambda w, p: reverse("account_login"), ACCOUNT_FORM),
    "account_signup": (lambda w, p: reverse("account_signup"), ACCOUNT_FORM),
    "account_logout": (lambda w, p: reverse("account_logout"), grant(anonymous=REDIRECT, default=OK)),
    "account_inactive": (lambda w, p: reverse("account_inactive"), EVERYONE),
    "account_reauthenticate": (lambda w, p: reverse("account_reauthenticate"), SIGNED_IN),
    "account_email": (lambda w, p: reverse("account_email"), SIGNED_IN),
    "account_email_verification_sent": (lambda w, p: reverse("account_email_verification_sent"), EVERYONE),
    "account_confirm_email": (lambda w, p: reverse("account_confirm_email", args=["not-a-key"]), EVERYONE),
    "account_change_password": (lambda w, p: reverse("account_change_password"), SIGNED_IN),
    "account_set_password": (lambda w, p: reverse("account_set_password"), grant(default=REDIRECT)),
    "account_reset_password": (lambda w, p: reverse("account_reset_password"), EVERYONE),
    "account_reset_password_done": (lambda w, p: reverse("account_reset_password_done"), EVERYONE),
    "account_reset_password_from_key": (
        lambda w, p: reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "not-a-key"}),
        EVERYONE),
    "account_reset_password_from_key_done": (lambda w, p: reverse("account_reset_password_from_key_done"), EVERYONE),
    "account_confirm_login_code": (lambda w, p: reverse("account_confirm_login_code"), grant(default=REDIRECT)),
    "mfa_index": (lambda w, p: reverse("mfa_index"), SIGNED_IN),
    "mfa_authenticate": (lambda w, p: reverse("mfa_authenticate"), grant(default=REDIRECT)),
    "mfa_reauthenticate": (lambda w, p: reverse("mfa_reauthenticate"), grant(default=REDIRECT)),
    "mfa_activate_totp": (lambda w, p: reverse("mfa_activate_totp"), REAUTHENTICATE),
    "mfa_deactivate_totp": (lambda w, p: reverse("mfa_deactivate_totp"), grant(default=DENIED)),
    "mfa_view_recovery_codes": (lambda w, p: reverse("mfa_view_recovery_codes"), grant(default=DENIED)),
    "mfa_generate_recovery_codes": (lambda w, p: reverse("mfa_generate_recovery_codes"), REAUTHENTICATE),
    "mfa_download_recovery_codes": (lambda w, p: reverse("mfa_download_recovery_codes"), grant(default=DENIED)),
    # The admin's own pages and the custom pages of its desks.
    "admin:index": (lambda w, p: reverse("admin:index"), STAFF),
    # The admin's login goes through allauth's (second factor, throttling); signed-in non-staff are refused.
    "admin:login": (lambda w, p: reverse("admin:login"), grant(anonymous=LOGIN, default=DENIED, secretariat=REDIRECT,
                                                               superuser=REDIRECT)),
    "admin:logout": (lambda w, p: reverse("admin:logout"), grant(anonymous=REDIRECT, default=REDIRECT,
                                                                 secretariat=NOT_ALLOWED, superuser=NOT_ALLOWED)),
    "admin:password_change": (lambda w, p: reverse("admin:password_change"), STAFF),
    "admin:password_change_done": (lambda w, p: reverse("admin:password_change_done"), STAFF),
    "admin:auth_user_password_change": (  # Django's UserAdmin names it after auth.User
        lambda w, p: reverse("admin:auth_user_password_change", args=[w.users["other_applicant"].pk]),
        grant(default=LOGIN, secretariat=DENIED, superuser=OK)),  # only a superuser sets passwords
    "admin:autocomplete": (lambda w, p: reverse("admin:autocomplete"), STAFF_REFUSED),  # no field named
    "admin:jsi18n": (lambda w, p: reverse("admin:jsi18n"), STAFF),
    "admin:app_list": (lambda w, p: reverse("admin:app_list", args=["evaluation"]), STAFF),
    "admin:view_on_site": (lambda w, p: reverse("admin:view_on_site", args=[
        ContentType.objects.get_for_model(w.edition).pk, w.edition.pk]), STAFF_REFUSED),  # no public page
    "admin/(?P<url>.*)$": (lambda w, p: "/admin/no-such-page/", STAFF_REFUSED),
    "admin:evaluation_round_panel": (lambda w, p: reverse("admin:evaluation_round_panel", args=[w.round.pk]), STAFF),
    "admin:evaluation_round_results": (lambda w, p: reverse("admin:evaluation_round_results", args=[w.round.pk]),
                                       STAFF),
    "admin:evaluation_round_advancement": (
        lambda w, p: reverse("admin:evaluation_round_advancement", args=[w.round.pk]), STAFF),
    "admin:evaluation_round_export": (
        lambda w, p: reverse("admin:evaluation_round_export", args=[w.round.pk, "scores", "csv"]), STAFF),
    "admin:applications_application_compare": (
        lambda w, p: reverse("admin:applications_application_compare", args=[w.entry.pk]), STAFF),
    "admin:ceremonies_editionresults_outcome_emails": (
        lambda w, p: reverse("admin:ceremonies_editionresults_outcome_emails", args=[w.edition.pk]), STAFF),
    "admin:ceremonies_editionresults_publish": (
        lambda w, p: reverse("admin:ceremonies_editionresults_publish", args=[w.edition.pk]), STAFF),
    "admin:ceremonies_editionresults_withdraw": (
        lambda w, p: reverse("admin:ceremonies_editionresults_withdraw", args=[w.edition.pk]), STAFF_POST_ONLY),
    "admin:ceremonies_editionresults_generate": (
        lambda w, p: reverse("admin:ceremonies_editionresults_generate", args=[w.edition.pk]), STAFF_POST_ONLY),
    "admin:ceremonies_editionresults_progress": (
        lambda w, p: reverse("admin:ceremonies_editionresults_progress", args=[w.edition.pk]), STAFF),
}

# Every registered ModelAdmin: what the secretariat and a superuser get on its changelist, add, change,
# delete and history pages (O ok, D denied). Everyone else is sent to the login page.
ADMIN_VIEWS = ("changelist", "add", "change", "delete", "history")
ADMIN_MODELS = {
    "auth.group": ("DDDDD", "OOOOO"),
    "sites.site": ("DDDDD", "OOOOO"),
    "account.emailaddress": ("DDDDD", "OOOOO"),
    "mfa.authenticator": ("DDDDD", "OOOOO"),
    "accounts.user": ("ODODO", "OOOOO"),
    "audit.auditentry": ("ODODO", "ODODO"),
    "applications.edition": ("OOOOO", "OOOOO"),
    "applications.category": ("OOOOO", "OOOOO"),
    "applications.applicantprofile": ("OOOOO", "OOOOO"),
    "applications.application": ("ODODO", "ODODO"),  # applications are made and ended by their owners
    "applications.sentreminder": ("ODOOO", "ODOOO"),
    "evaluation.committee": ("OOOOO", "OOOOO"),
    "evaluation.invitation": ("OOOOO", "OOOOO"),
    "evaluation.judgeprofile": ("OOOOO", "OOOOO"),
    "evaluation.assignment": ("OOOOO", "OOOOO"),
    "evaluation.conflict": ("OOOOO", "OOOOO"),
    "evaluation.round": ("OOOOO", "OOOOO"),
    "ceremonies.awardlevel": ("OOOOO", "OOOOO"),
    "ceremonies.award": ("OOOOO", "OOOOO"),
    "ceremonies.ceremony": ("OOOOO", "OOOOO"),
    "ceremonies.certificate": ("ODODO", "ODODO"),  # issued from the results desk, revoked not deleted
    "ceremonies.editionresults": ("ODODO", "ODODO"),
    "outbox.outboxmessage": ("ODODO", "ODODO"),
    "privacy.privacynotice": ("OOOOO", "OOOOO"),  # editable and deletable until published
    "privacy.consent": ("ODODO", "ODODO"),  # records: read-only
    "privacy.dataexport": ("ODODO", "ODODO"),
    "privacy.erasurerequest": ("ODODO", "ODODO"),  # decided by actions, never edited or deleted
    "privacy.retentionpolicy": ("OOOOO", "OOOOO"),  # read-only: messages are retried, never edited or deleted
}


def _admin_rows():
    """Five rows per registered ModelAdmin, from ``ADMIN_MODELS`` (a model missing there gets "?", which no
    response matches, and ``test_every_url_pattern_has_a_row`` names it)."""
    letter = {"O": OK, "D": DENIED}
    rows = {}
    for model in admin.site._registry:
        label, opts = model._meta.label_lower, model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        secretariat, superuser = ADMIN_MODELS.get(label, ("?????", "?????"))
        for view, by_secretariat, by_superuser in zip(ADMIN_VIEWS, secretariat, superuser):
            rows[f"{prefix}_{view}"] = (_admin_url(f"{prefix}_{view}", label, view), grant(
                default=LOGIN, secretariat=letter.get(by_secretariat, "?"), superuser=letter.get(by_superuser, "?")))
        # The short address of an object, "<app>/<model>/<pk>/", sends staff on to its change page.
        rows[f"admin/{opts.app_label}/{opts.model_name}/<path:object_id>/"] = (
            _admin_url(f"{prefix}_change", label, "object"), grant(default=LOGIN, secretariat=REDIRECT,
                                                                     superuser=REDIRECT))
    return rows


def _admin_url(name, label, view):
    def build(world, persona):
        if view in ("changelist", "add"):
            return reverse(name)
        url = reverse(name, args=[world.admin_objects[label].pk])
        return url.removesuffix("change/") if view == "object" else url
    return build


ALL_ROWS = {**ROWS, **_admin_rows()}


def url_patterns(patterns=None, prefix="", namespace=""):
    """Every URL pattern as its name (``namespace:name``), or its route when it has no name."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name
        else:
            yield prefix + str(pattern.pattern)


def test_every_url_pattern_has_a_row():
    missing = sorted(set(url_patterns()) - set(ALL_ROWS))
    assert not missing, f"URL patterns with no row in the access matrix: {missing}"
    unknown_models = sorted({m._meta.label_lower for m in admin.site._registry} - set(ADMIN_MODELS))
    assert not unknown_models, f"Admin models with no row in ADMIN_MODELS: {unknown_models}"


def test_every_row_is_a_url_pattern():
    assert sorted(set(ALL_ROWS) - set(url_patterns())) == []


# The matrix ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module and committed (each cell still runs in its own rolled-back transaction);
    afterwards the database is flushed back to its freshly migrated state, so no other test sees it."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        try:
            with transaction.atomic():
                world = build_world()
                # Each persona signs in once, through the one helper; every cell reuses the session cookie
                # (whatever a cell changes in the session is rolled back with it).
                world.cookies = {persona: signed_in(user).cookies for persona, user in world.users.items()}
            yield world
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def media_root():
    """The world's files live in the module's media folder (replaces the per-test one from conftest)."""


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch):
    """Who gets the application's PDF is the question here, not its typesetting (tested elsewhere, ~1 s each)."""
    monkeypatch.setattr("applications.pdf.render_application_pdf", lambda application, **options: b"%PDF-1.4 test")


def outcome_of(response):
    status = response.status_code
    if status == 200:
        return OK
    if status in (403, 404):
        return DENIED
    if status == 405:
        return NOT_ALLOWED
    if status in (301, 302):
        path = urlsplit(response["Location"]).path
        return LOGIN if path in (reverse("account_login"), reverse("admin:login")) else REDIRECT
    return f"HTTP {status}"


CELLS = [(row, persona) for row in ALL_ROWS for persona in PERSONAS]


@pytest.mark.parametrize(("row", "persona"), CELLS, ids=[f"{row}-{persona}" for row, persona in CELLS])
def test_access(world, db, row, persona):
    build, expected = ALL_ROWS[row]
    url = build(world, persona)
    client = Client()
    if persona != "anonymous":
        client.cookies = copy.deepcopy(world.cookies[persona])
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # as a server would: the client closes it at the end
    assert outcome_of(response) == expected[persona], f"GET {url} as {persona}: {response.status_code}"
