"""Awarding and publishing: the rules of the prize, called directly."""
import pytest

from applications.models import Application
from applications.rules import applicant_status_label
from audit.models import AuditEntry
from ceremonies import services
from ceremonies.models import Award

from .factories import EVALUATED_ELSEWHERE, finalist

pytestmark = pytest.mark.django_db


def test_a_finalist_who_receives_an_award_becomes_a_winner(gold, alices_finalist):
    alices_finalist.refresh_from_db()
    assert alices_finalist.status == Application.Status.WINNER
    assert (gold.entity_name, gold.city, str(gold.country), gold.entity_type) == (
        "Beyoğlu Belediyesi", "Beyoğlu", "TR", "city")
    assert gold.project_title == alices_finalist.title
    assert AuditEntry.objects.filter(action="award.granted", target_id=str(gold.pk)).exists()


def test_only_finalists_can_receive_an_award(edition, alices_draft, levels, sofia):
    with pytest.raises(services.AwardError, match="Only finalists"):
        services.grant_award(application=alices_draft, level=levels["gold"], by=sofia)
    assert not Award.objects.exists()


def test_gold_is_given_once_per_category_but_silver_several_times(edition, levels, sofia, gold):
    second = finalist(edition, name="Prefeitura de São Paulo", city="São Paulo", country="BR")
    with pytest.raises(services.AwardError, match="already has 1 Gold"):
        services.grant_award(application=second, level=levels["gold"], by=sofia)
    third = finalist(edition, name="Ủy ban nhân dân thành phố Đà Nẵng", city="Đà Nẵng", country="VN")
    services.grant_award(application=second, level=levels["silver"], by=sofia)
    services.grant_award(application=third, level=levels["silver"], by=sofia)
    assert Award.objects.filter(level=levels["silver"]).count() == 2


def test_a_level_is_only_given_in_its_categories(edition, levels, sofia, ugurs_finalist):
    with pytest.raises(services.AwardError, match="not given in Leadership"):
        services.grant_award(application=ugurs_finalist, level=levels["gold"], by=sofia)
    award = services.grant_award(application=ugurs_finalist, level=levels["leadership"], by=sofia)
    assert award.entity_type == "individual" and award.project_title == ""


def test_a_special_mention_names_its_partner(edition, levels, sofia, seoul_finalist):
    with pytest.raises(services.AwardError, match="partner"):
        services.grant_award(application=seoul_finalist, level=levels["special_mention"], by=sofia)
    award = services.grant_award(application=seoul_finalist, level=levels["special_mention"],
                                 partner="Global Green Growth Institute", by=sofia)
    assert award.partner == "Global Green Growth Institute"


def test_a_nominee_wins_under_their_own_name(edition, levels, sofia, alice):
    nomination = finalist(edition, name="Beyoğlu Belediyesi", category="leadership", title="",
                          is_nomination=True, nominee_name="Nguyễn Thị Hương", nominee_country="VN",
                          nominee_email="huong@danang.example")
    award = services.grant_award(application=nomination, level=levels["leadership"], by=sofia)
    assert (award.entity_name, award.entity_type, str(award.country)) == ("Nguyễn Thị Hương", "individual", "VN")


def test_publishing_sets_the_date_is_recorded_and_happens_once(edition, gold, sofia):
    services.publish_results(edition=edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    edition.refresh_from_db()
    assert edition.results_published_at is not None
    entry = AuditEntry.objects.get(action="results.published")
    assert entry.actor == sofia and (entry.data["finalists"], entry.data["awards"]) == (1, 1)
    assert entry.data["override"]["reason"] == EVALUATED_ELSEWHERE
    with pytest.raises(services.AwardError, match="already published"):
        services.publish_results(edition=edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)


def test_an_edition_without_results_cannot_be_published(edition, sofia):
    with pytest.raises(services.AwardError, match="no finalists"):
        services.publish_results(edition=edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)


def test_the_applicant_learns_the_result_only_when_it_is_published(edition, gold, sofia):
    application = Application.objects.get(pk=gold.application_id)
    assert applicant_status_label(application) == "Under evaluation"
    services.publish_results(edition=edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    application = Application.objects.select_related("edition").get(pk=gold.application_id)
    assert applicant_status_label(application) == "Winner"


def test_withdrawing_results_needs_a_reason_and_is_recorded(edition, published, sofia):
    with pytest.raises(services.AwardError):
        services.withdraw_results(edition=edition, by=sofia, reason="")
    services.withdraw_results(edition=edition, by=sofia, reason="A name was misspelt")
    edition.refresh_from_db()
    assert not edition.results_published
    assert AuditEntry.objects.filter(action="results.withdrawn", data__reason="A name was misspelt").exists()


def test_default_levels_follow_the_first_edition(edition):
    levels = services.ensure_default_levels(edition=edition)
    assert list(levels) == ["gold", "silver", "bronze", "corporation", "institution", "leadership",
                            "special_mention"]
    assert sorted(levels["gold"].categories.values_list("slug", flat=True)) == ["human-centricity",
                                                                                 "tech-innovacity"]
    assert levels["silver"].max_per_category is None
