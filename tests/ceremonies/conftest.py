"""Ceremonies personas: Alice's city (Beyoğlu) is a finalist and wins Gold; Uğur is a Leadership finalist;
Charlie is an outsider with an account; Sofia is the secretariat (tests/conftest.py)."""
import pytest

from ceremonies import services
from tests.factories import UserFactory

from .factories import EVALUATED_ELSEWHERE, ceremony, finalist


@pytest.fixture
def levels(edition):
    return services.ensure_default_levels(edition=edition)


@pytest.fixture
def alices_finalist(edition, alice):
    return finalist(edition, applicant=alice)


@pytest.fixture
def ugurs_finalist(edition):
    return finalist(edition, name="Uğur İbrahim Altay", city="İzmir", country="TR", applicant_type="individual",
                    category="leadership", title="", email="ugur@izmir.example",
                    achievements="Led İzmir's open data programme.")


@pytest.fixture
def seoul_finalist(edition):
    return finalist(edition, name="서울특별시 Seoul Metropolitan Government", city="서울특별시", country="KR",
                    category="human-centricity", title="AI chatbot counselling for lonely seniors",
                    email="seoul@seoul.example")


@pytest.fixture
def gold(alices_finalist, levels, sofia):
    return services.grant_award(application=alices_finalist, level=levels["gold"],
                                citation="For warnings that reach every resident first.", by=sofia)


@pytest.fixture
def the_ceremony(edition):
    return ceremony(edition)


@pytest.fixture
def charlie(db):
    return UserFactory(email="charlie@outsider.example")


@pytest.fixture
def published(edition, gold, sofia):
    return services.publish_results(edition=edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)
