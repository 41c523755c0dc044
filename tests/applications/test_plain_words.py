"""Plain words: no meaningless choice, and a refusal names its real reason (a limit is called a limit)."""
import pytest

from applications import services
from applications.choices import ApplicantType
from applications.forms import ProfileForm
from tests.factories import ApplicationFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


def category(edition, slug):
    return edition.categories.get(slug=slug)


def test_the_applicant_type_offers_only_the_four_kinds_of_applicant():
    assert list(ProfileForm().fields["applicant_type"].choices) == list(ApplicantType.choices)


def test_the_profile_page_never_shows_dashes_as_a_choice(alice_client):
    html = alice_client.get("/profile/").content.decode()
    radios = [n for n in parse(html).iter() if n.tag == "input" and n.attrs.get("name") == "applicant_type"]
    assert [r.attrs["value"] for r in radios] == ["city", "company", "institution", "individual"]
    assert "---------" not in html
    assert "Choose a country" in html


@pytest.mark.parametrize("slug, nomination", [("tech-innovacity", False), ("leadership", True)])
def test_the_application_form_never_shows_dashes_as_a_choice(alice, alice_client, edition, slug, nomination):
    draft = services.start_application(applicant=alice, category=category(edition, slug), is_nomination=nomination)
    html = alice_client.get(f"/apply/{draft.pk}/").content.decode()
    assert "---------" not in html
    assert ("Choose a country" if nomination else "Choose a stage") in html


def test_an_empty_applicant_type_is_still_refused(alice_client):
    response = alice_client.post("/profile/", {"applicant_type": "", "name": "X"})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_nominations_do_not_use_up_the_nominators_own_applications(edition, alice):
    edition.max_applications_per_applicant = 2
    edition.save()
    leadership = category(edition, "leadership")
    for _ in range(2):
        services.start_application(applicant=alice, category=leadership, is_nomination=True)
    assert services.entry_check(applicant=alice, category=category(edition, "tech-innovacity")) == (True, "")


def test_own_applications_do_not_use_up_nominations_but_nominations_have_their_own_limit(edition, alice):
    edition.max_applications_per_applicant = 2
    edition.save()
    ApplicationFactory(edition=edition, applicant=alice)
    ApplicationFactory(edition=edition, applicant=alice)
    leadership = category(edition, "leadership")
    assert services.entry_check(applicant=alice, category=leadership, is_nomination=True) == (True, "")
    services.start_application(applicant=alice, category=leadership, is_nomination=True)
    services.start_application(applicant=alice, category=leadership, is_nomination=True)
    allowed, reason = services.entry_check(applicant=alice, category=leadership, is_nomination=True)
    assert not allowed
    assert reason == "You have already made 2 nominations in this edition, the most allowed."


def test_the_limit_on_own_applications_says_nominations_are_counted_apart(edition, alice):
    edition.max_applications_per_applicant = 1
    edition.save()
    ApplicationFactory(edition=edition, applicant=alice)
    allowed, reason = services.entry_check(applicant=alice, category=category(edition, "tech-innovacity"))
    assert not allowed
    assert "1 applications of your own" in reason and "nominations" in reason and "cannot enter" not in reason


def _card(html, heading):
    card = next(n for n in parse(html).iter() if n.tag == "div" and "card-body" in n.attrs.get("class", "")
                and any(c.tag == "h3" and c.text() == heading for c in n.iter()))
    return card.text()


def test_the_dashboard_says_the_nomination_limit_is_reached_rather_than_only_cannot_enter(edition, alice,
                                                                                          alice_client):
    edition.max_applications_per_applicant = 1
    edition.save()
    services.start_application(applicant=alice, category=category(edition, "leadership"), is_nomination=True)
    leadership = _card(alice_client.get("/dashboard/").content.decode(), "Leadership")
    assert "already made 1 nominations" in leadership
    assert "Nominate someone" not in leadership


def test_the_dashboard_still_offers_a_nomination_when_the_own_applications_are_used_up(edition, alice, alice_client):
    edition.max_applications_per_applicant = 1
    edition.save()
    ApplicationFactory(edition=edition, applicant=alice)
    html = alice_client.get("/dashboard/").content.decode()
    assert "Nominate someone" in _card(html, "Leadership")
    assert "1 applications of your own" in _card(html, "Tech-InnovaCity")
