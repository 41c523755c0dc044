"""Ids from outside never reach the database unchecked: the URL converter, the ORM lookups, the last resort."""
import pytest
from django.db import DataError, IntegrityError
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from applications.models import Application, Attachment
from prize_portal.ids import MAX_ID, parse_id
from prize_portal.middleware import InvalidInputMiddleware

MALFORMED = ["", "abc", "²", "١٢", "-1", "1.5", " 7", "7\x00", str(MAX_ID + 1), "9" * 40]


@pytest.mark.parametrize("value", MALFORMED)
def test_parse_id_refuses_what_cannot_be_an_id(value):
    assert parse_id(value) is None


def test_parse_id_accepts_the_whole_database_range():
    assert parse_id("0") == 0 and parse_id("42") == 42 and parse_id(str(MAX_ID)) == MAX_ID


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def test_every_integer_route_uses_the_bounded_converter():
    unbounded = [route for route, entry in _patterns(get_resolver())
                 if any(type(c) is IntConverter for c in entry.pattern.converters.values())]
    assert unbounded == []


@pytest.mark.django_db
@pytest.mark.parametrize("huge", [MAX_ID + 1, 10**30, -(10**30)])
def test_out_of_range_ids_match_nothing_in_every_lookup(alices_draft, huge):
    assert list(Application.objects.filter(pk__in=[huge])) == []
    assert list(Application.objects.filter(pk__in=[huge, alices_draft.pk])) == [alices_draft]
    assert list(Application.objects.filter(edition=huge)) == []
    assert list(Application.objects.filter(edition_id__in=[huge])) == []
    assert list(Attachment.objects.filter(application__edition=huge)) == []


@pytest.mark.parametrize("error", [DataError("integer out of range"), OverflowError("int too large"),
                                   IntegrityError("UNIQUE constraint failed"),
                                   ValueError("A string literal cannot contain NUL (0x00) characters.")])
def test_the_last_resort_answers_input_the_database_refuses_with_400_and_a_message(error):
    request = RequestFactory().get("/anything/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = InvalidInputMiddleware(lambda r: None).process_exception(request, error)
    assert response.status_code == 400
    assert b"That value cannot be used" in response.content


def test_the_last_resort_leaves_real_bugs_alone():
    request = RequestFactory().get("/anything/")
    assert InvalidInputMiddleware(lambda r: None).process_exception(request, ValueError("a bug")) is None
