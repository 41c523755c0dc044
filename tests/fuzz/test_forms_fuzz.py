"""Random, malformed and oversized data posted to every form, the secretariat's admin forms included:
never a server error, and a form shown again shows every text exactly as it was typed.

Hypothesis draws the values (Unicode, empty, huge, NUL bytes, numbers too large for any column, wrong
types written as text); the examples are few per form so the whole file runs in about a minute."""
import uuid

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluation.models import Invitation
from tests.conftest import signed_in
from tests.files import pdf_bytes
from tests.html import form_data, parse

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])
FEW = settings(FUZZ, max_examples=3)

ODD = ["", " ", "0", "-1", "²", "١٢", "1e309", "NaN", str(2**63), str(10**40), "[1, 2]", '{"a": 1}', "None",
       "true", "2027-02-30", "9999-12-31 23:59", "<script>alert(1)</script>", "' OR 1=1 --", "\x00", "a\x00b",
       "İstanbul ğüşıöç", "서울특별시", "Đà Nẵng", "🏙️" * 50, "\u202e\u200b", "x" * 5000]
values = st.one_of(st.sampled_from(ODD), st.text(max_size=60), st.text(min_size=300, max_size=1200),
                   st.integers(min_value=-(10**30), max_value=10**30).map(str))


def _text_fields(page):
    """Names of the fields a person types into (text inputs and text areas), from a form page."""
    names = set()
    for node in parse(page).iter():
        kind = node.attrs.get("type", "text").lower()
        if node.attrs.get("name") and (node.tag == "textarea" or (
                node.tag == "input" and kind in {"text", "email", "url", "number", "tel", "search"})):
            names.add(node.attrs["name"])
    return names


def assert_answered_and_kept(response, posted, *, text_fields):
    """No server error; and when the form comes back, every text shows exactly as typed."""
    assert response.status_code < 500
    if response.status_code != 200:
        return
    html = response.content.decode()
    for name in text_fields & set(posted):
        value = posted[name]
        assert escape(value) in html, f"{name!r}: what was typed is not shown again"


# The admin test posts to some forty forms per example: short draws, or Hypothesis runs out of room.
short_values = st.one_of(st.sampled_from(ODD), st.text(max_size=20), st.integers(-(10**30), 10**30).map(str))


def fuzzed(base, names, draw, strategy=values):
    data = dict(base)
    for name in names:
        data[name] = draw(strategy)
    return data


# --- The portal's own forms ----------------------------------------------------------------------------

PROFILE_FIELDS = ("applicant_type", "name", "country", "city", "website", "organisation", "contact_name",
                  "contact_position", "contact_email", "contact_phone")


@FUZZ
@given(data=st.data())
def test_the_applicant_profile_form(alice_client, alice, data):
    posted = fuzzed({}, PROFILE_FIELDS, data.draw)
    response = alice_client.post("/profile/", posted)
    assert_answered_and_kept(response, posted, text_fields=set(PROFILE_FIELDS) - {"applicant_type", "country"})


APPLICATION_TEXT = ("title", "summary", "problem", "solution", "inclusiveness", "budget", "results",
                    "sustainability", "partners", "links", "implementation_start", "implementation_end")
files = st.one_of(
    st.binary(max_size=300), st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b),
    st.binary(max_size=300).map(lambda b: b"\x89PNG\r\n\x1a\n" + b), st.just(pdf_bytes()),
    st.binary(max_size=300).map(lambda b: pdf_bytes() + b))
names = st.one_of(st.sampled_from(["plan.pdf", "사업계획서.pdf", "a" * 300 + ".pdf", ".pdf", "x.PNG", "..\\..\\x.pdf"]),
                  st.text(min_size=1, max_size=40).map(lambda t: t + ".pdf"))


@FUZZ
@given(data=st.data())
def test_the_application_form_with_uploads(alice_client, alices_draft, data):
    posted = fuzzed({"save": "1"}, APPLICATION_TEXT + ("implementation_stage", "sectors", "target_groups"), data.draw)
    if data.draw(st.booleans()):
        posted["submit"] = "1"
    if data.draw(st.booleans()):
        posted["remove_attachment"] = data.draw(values)
    uploads = [SimpleUploadedFile(data.draw(names).replace("\x00", ""), data.draw(files))
               for _n in range(data.draw(st.integers(0, 2)))]
    response = alice_client.post(f"/apply/{alices_draft.pk}/", {**posted, "new_attachments": uploads})
    assert_answered_and_kept(response, posted, text_fields=set(APPLICATION_TEXT))


@FUZZ
@given(data=st.data())
def test_the_review_and_score_form(hana_client, hanas_assignment, data):
    fields = [f"score_{c.code}" for c in hanas_assignment.round.criteria.all()] + ["comment", "note"]
    posted = fuzzed({}, fields, data.draw)
    if data.draw(st.booleans()):
        posted["submit"] = "1"
    response = hana_client.post(f"/review/assignments/{hanas_assignment.pk}/", posted)
    assert_answered_and_kept(response, posted, text_fields={"comment", "note"})


@FUZZ
@given(data=st.data())
def test_the_conflict_declaration_form(hana_client, hanas_assignment, data):
    posted = {"reason": data.draw(values)}
    response = hana_client.post(f"/review/assignments/{hanas_assignment.pk}/conflict/", posted)
    assert_answered_and_kept(response, posted, text_fields={"reason"})


@FUZZ
@given(data=st.data())
def test_the_invitation_acceptance_form(committee, sofia, data):
    invitation = Invitation.objects.create(committee=committee, email=f"{uuid.uuid4().hex}@judges.example",
                                           invited_by=sofia)
    posted = fuzzed({}, ("first_name", "last_name", "password1", "password2"), data.draw)
    response = Client().post(reverse("evaluation:accept_invitation", args=[invitation.token]), posted)
    assert_answered_and_kept(response, posted, text_fields={"first_name", "last_name"})


# --- The secretariat's admin ---------------------------------------------------------------------------

def _admin_form_urls():
    """The add and change form of every registered model the secretariat may use, with an object each."""
    urls = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        urls.append((model, f"admin:{opts.app_label}_{opts.model_name}_add"))
        urls.append((model, f"admin:{opts.app_label}_{opts.model_name}_change"))
    return urls


ADMIN_FORMS = _admin_form_urls()


@pytest.fixture
def secretariat_world(round_one, hanas_assignment, sofia, alices_draft):
    """Something of every kind exists, so every change form has an object to show."""
    from applications import services as applications

    applications.grant_extension(edition=round_one.edition, applicant=alices_draft.applicant,
                                 until=round_one.edition.closes_at, reason="Flood", by=sofia)
    Invitation.objects.create(committee=round_one.committee, email="new@judges.example", invited_by=sofia)
    return round_one


MANAGEMENT = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")


def _fuzz_admin_form(client, model, route, draw):
    if route.endswith("_change"):
        obj = model.objects.order_by("pk").first()
        if obj is None:
            return
        url = reverse(route, args=[obj.pk])
    else:
        url = reverse(route)
    page = client.get(url)
    if page.status_code != 200:
        assert page.status_code in (302, 403), url  # no add/change permission: refused, never a crash
        return
    base = {name: (shown[-1] if shown else "") for name, shown in
            form_data(page.content, f"{model._meta.model_name}_form").items()}
    fields = [name for name in base if name != "csrfmiddlewaretoken" and "__prefix__" not in name]  # not templates
    chosen = draw(st.lists(st.sampled_from(fields), min_size=1, max_size=3, unique=True)) if fields else []
    posted = fuzzed(base, chosen, draw, short_values)
    response = client.post(url, posted)
    assert response.status_code < 500, url
    if not any(name.endswith(MANAGEMENT) for name in chosen):  # a tampered formset cannot show its rows again
        assert_answered_and_kept(response, {k: posted[k] for k in chosen}, text_fields=_text_fields(page.content))


APPS = sorted({model._meta.app_label for model, _route in ADMIN_FORMS})


@FEW
@given(data=st.data())
@pytest.mark.parametrize("app", APPS)
def test_every_admin_form_the_secretariat_uses(sofia, secretariat_world, app, data):
    client = signed_in(sofia)
    with transaction.atomic():  # each example starts from the same objects, so Hypothesis can replay it
        for model, route in ADMIN_FORMS:
            if model._meta.app_label == app:
                _fuzz_admin_form(client, model, route, data.draw)
        transaction.set_rollback(True)


@FUZZ
@given(reason=values)
def test_the_screening_action_with_a_reason(sofia, alices_draft, reason):
    response = signed_in(sofia).post("/admin/applications/application/", {
        "action": "screen_not_eligible", ACTION_CHECKBOX_NAME: [alices_draft.pk], "index": 0, "apply": "1",
        "reason": reason})
    assert_answered_and_kept(response, {"reason": reason}, text_fields={"reason"})


@FUZZ
@given(data=st.data())
def test_reopening_a_round_with_a_reason(sofia, round_one, data):
    from evaluation import services

    if round_one.status == round_one.Status.OPEN:
        services.close_round(round=round_one, by=sofia, override_reason="Fuzz: coverage is not the point")
    posted = {"do": "reopen", "reason": data.draw(values), "closes_at": data.draw(values)}
    response = signed_in(sofia).post(reverse("admin:evaluation_round_panel", args=[round_one.pk]), posted)
    assert_answered_and_kept(response, posted, text_fields={"reason", "closes_at"})
    round_one.refresh_from_db()
