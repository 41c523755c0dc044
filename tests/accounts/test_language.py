"""The reader's language: the browser's on a first visit, the switcher's (no JavaScript) after, kept on the
account of a signed-in person and used for every email they receive."""
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from accounts.language import language_of
from applications import services as applications
from tests.factories import PASSWORD, ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db
KOREAN = "ko-KR,ko;q=0.9,en;q=0.5"


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_a_korean_browser_on_its_first_visit_gets_the_page_in_korean_declared_so(client, edition):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=KOREAN)
    page = response.content.decode()
    assert html_lang(response) == "ko" and response["Content-Language"] == "ko"
    assert "지금 신청하기" in page and "Apply now" not in page
    assert "테크-이노바시티" in page  # the category's Korean name


def test_an_english_browser_gets_the_page_in_english(client, edition):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert html_lang(response) == "en" and "Apply now" in response.content.decode()


def test_every_page_has_a_switcher_that_is_a_plain_form_returning_to_the_same_page(client, edition):
    page = client.get("/about/?from=mail").content.decode()
    form = re.search(r'<form method="post" action="/language/"[^>]*>.*?</form>', page, re.S).group(0)
    assert '<input type="hidden" name="next" value="/about/?from=mail">' in form
    assert re.search(r'<button type="submit" name="language" value="ko" lang="ko"[^>]*>한국어</button>', form)


def test_the_switcher_changes_the_language_and_returns_to_the_page_without_javascript(client, edition):
    response = client.post("/language/", {"language": "ko", "next": "/about/?from=mail"})
    assert response.status_code == 302 and response["Location"] == "/about/?from=mail"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ko"
    page = client.get("/about/", HTTP_ACCEPT_LANGUAGE="en")  # the choice wins over the browser
    assert html_lang(page) == "ko" and "서울스마트시티상 소개" in page.content.decode()
    back = client.post("/language/", {"language": "en", "next": "/about/"})
    assert html_lang(client.get(back["Location"], HTTP_ACCEPT_LANGUAGE=KOREAN)) == "en"


def test_the_switcher_never_sends_anyone_to_another_site(client):
    response = client.post("/language/", {"language": "ko", "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil.example" not in response["Location"]


def test_the_switcher_works_for_anonymous_visitors_without_a_csrf_token(edition):
    # Anonymous pages are cached whole, so their form carries no token.
    client = Client(enforce_csrf_checks=True)
    assert "csrfmiddlewaretoken" not in client.get("/about/").content.decode()
    response = client.post("/language/", {"language": "ko", "next": "/about/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ko"


def test_a_signed_in_persons_choice_is_kept_on_their_account_and_follows_them_to_another_device(alice, edition):
    laptop = Client()
    laptop.force_login(alice.user)
    laptop.post("/language/", {"language": "ko", "next": "/dashboard/"})
    alice.user.refresh_from_db()
    assert alice.user.language == "ko"
    phone = Client()
    phone.force_login(alice.user)
    assert html_lang(phone.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en")) == "ko"


def test_changing_a_signed_in_persons_language_needs_their_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice.user)
    assert client.post("/language/", {"language": "ko", "next": "/"}).status_code == 403
    alice.user.refresh_from_db()
    assert alice.user.language == ""


@pytest.mark.django_db(transaction=True)  # account emails leave through the outbox after commit
def test_signing_up_on_a_korean_page_keeps_korean_and_the_confirmation_email_is_korean(client):
    response = client.post("/accounts/signup/", {"email": "jiwoo@seoul.example", "password1": PASSWORD,
                                                 "password2": PASSWORD}, HTTP_ACCEPT_LANGUAGE=KOREAN)
    assert response.status_code == 302
    assert UserFactory._meta.model.objects.get(email="jiwoo@seoul.example").language == "ko"
    assert mail.outbox[-1].subject.startswith("[서울스마트시티상]")


def test_signing_in_without_a_choice_keeps_the_language_of_the_page(client, alice):
    assert alice.user.language == ""
    client.post("/accounts/login/", {"login": alice.user.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE=KOREAN)
    alice.user.refresh_from_db()
    assert alice.user.language == "ko"


@pytest.mark.django_db(transaction=True)  # account emails leave through the outbox after commit
def test_a_password_reset_email_is_in_the_accounts_language_whatever_page_asked(client, alice):
    alice.user.language = "ko"
    alice.user.save()
    client.post("/accounts/password/reset/", {"email": alice.user.email}, HTTP_ACCEPT_LANGUAGE="en")
    assert mail.outbox[-1].subject.startswith("[서울스마트시티상]")
    assert "암호 변경" in mail.outbox[-1].body and "서울스마트시티상" in mail.outbox[-1].body


def test_an_applicants_emails_go_out_in_their_language(alice, edition, django_capture_on_commit_callbacks):
    alice.user.language = "ko"
    alice.user.save()
    draft = ApplicationFactory(edition=edition, applicant=alice)
    with django_capture_on_commit_callbacks(execute=True):
        applications.submit_application(application=draft, user=alice.user)
    draft.refresh_from_db()
    email = mail.outbox[-1]
    assert email.to == [alice.user.email]
    assert "접수 완료" in email.subject and "서울스마트시티상" in email.subject
    assert f"접수 번호는 {draft.reference}" in email.body.replace("\n", " ") or draft.reference in email.body
    assert re.search(r"\d{4}년 \d{1,2}월 \d{1,2}일 \d{2}:\d{2} KST", email.body), email.body


def test_someone_who_never_chose_gets_emails_in_the_portals_language(bob):
    assert language_of(bob.user) == settings.LANGUAGE_CODE == "en"
