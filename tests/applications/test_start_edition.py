"""A new edition starts with the categories, award levels and rounds of the previous one (or the defaults)."""
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from applications.editions import start_edition
from applications.models import Edition
from applications.services import ApplicationError
from audit.models import AuditEntry
from ceremonies.models import AwardLevel
from ceremonies.services import ensure_default_levels
from evaluation.models import Committee, Round
from evaluation.services import create_default_rounds

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited_2027(edition, sofia):
    """2027 as the secretariat left it: a renamed category, a changed award level, a stricter first round."""
    edition.categories.filter(slug="leadership").update(name="Digital Leadership", name_ko="디지털 리더십")
    levels = ensure_default_levels(edition=edition)
    AwardLevel.objects.filter(pk=levels["silver"].pk).update(max_per_category=2, name="Silver Prize")
    committee = Committee.objects.create(edition=edition, name="Jury 2027", kind=Committee.Kind.EVALUATION)
    rounds = create_default_rounds(edition=edition, committee=committee, by=sofia)
    Round.objects.filter(pk=rounds[0].pk).update(judges_per_entry=4, advance_min_score=Decimal("0.50"))
    rounds[0].criteria.filter(code="impact").update(weight=Decimal("30"))
    return edition


def test_a_new_edition_copies_categories_award_levels_and_rounds(edited_2027, sofia):
    new = start_edition(year=2028, by=sofia)
    assert new.status == Edition.Status.PREPARING and new.ordinal == edited_2027.ordinal + 1
    assert new.opens_at is None and new.theme == ""
    leadership = new.categories.get(slug="leadership")
    assert leadership.name == "Digital Leadership" and leadership.name_ko == "디지털 리더십"
    assert new.categories.count() == edited_2027.categories.count()
    silver = new.award_levels.get(slug="silver")
    assert silver.name == "Silver Prize" and silver.max_per_category == 2
    assert set(silver.categories.values_list("edition__year", flat=True)) == {2028}
    first = Round.objects.get(edition=new, number=1)
    assert first.judges_per_entry == 4 and first.status == Round.Status.DRAFT and first.opens_at is None
    assert first.criteria.get(code="impact").weight == Decimal("30")
    assert first.committee.name == "Jury 2027" and first.committee.edition == new
    assert not first.committee.members.exists()
    assert AuditEntry.objects.filter(action="edition.started", target_id=str(new.pk)).exists()


def test_the_old_edition_is_left_as_it_was(edited_2027, sofia):
    start_edition(year=2028, by=sofia)
    assert Round.objects.filter(edition=edited_2027).count() == 3
    assert edited_2027.award_levels.get(slug="silver").categories.filter(edition=edited_2027).exists()


def test_with_no_edition_before_it_starts_from_the_defaults(sofia):
    new = start_edition(year=2030, by=sofia)
    assert set(new.categories.values_list("slug", flat=True)) == {"tech-innovacity", "human-centricity", "leadership"}
    assert new.award_levels.filter(slug="gold").exists()
    assert Round.objects.filter(edition=new).count() == 3


def test_a_year_that_has_an_edition_is_refused(edited_2027, sofia):
    with pytest.raises(ApplicationError):
        start_edition(year=2027, by=sofia)
    assert Edition.objects.filter(year=2027).count() == 1


def test_the_secretariat_starts_the_next_edition_from_the_admin(edited_2027, sofia_client):
    response = sofia_client.post(reverse("admin:applications_edition_changelist"), {
        "action": "start_next_edition", ACTION_CHECKBOX_NAME: [edited_2027.pk], "index": 0})
    new = Edition.objects.get(year=2028)
    assert response.status_code == 302 and response["Location"] == reverse("admin:applications_edition_change",
                                                                           args=[new.pk])
    assert new.categories.get(slug="leadership").name == "Digital Leadership"
