"""The public winners pages and open data: the embargo, grouping, Unicode, OpenGraph, caching."""
import json

import pytest
from django.test import Client

from ceremonies import services
from tests.conftest import signed_in

from .factories import EVALUATED_ELSEWHERE, AwardFactory, finalist

pytestmark = pytest.mark.django_db
NAMES = ("Beyoğlu Belediyesi", "Uğur İbrahim Altay", "서울특별시")


@pytest.fixture
def results(edition, levels, sofia, gold, ugurs_finalist, seoul_finalist, the_ceremony):
    """Gold for Alice's Beyoğlu; Uğur wins Leadership; Seoul stays a finalist. Not published yet."""
    silver_city = finalist(edition, name="Prefeitura de São Paulo", city="São Paulo", country="BR",
                           title="Bibliotecas digitais em cada bairro")
    services.grant_award(application=silver_city, level=levels["silver"], citation="Libraries for all.", by=sofia)
    services.grant_award(application=ugurs_finalist, level=levels["leadership"], by=sofia)
    return edition


def public_urls(edition, award):
    return [f"/winners/{edition.year}/", f"/winners/{edition.year}.json",
            f"/winners/{edition.year}/awards/{award.pk}/"]


def test_unpublished_results_appear_on_no_public_page(results, gold, alice_client, charlie):
    for client in (Client(), alice_client, signed_in(charlie)):
        index = client.get("/winners/")
        assert index.status_code == 200
        body = index.content.decode()
        assert str(results.year) not in body and not any(name in body for name in NAMES)
        for url in public_urls(results, gold):
            response = client.get(url)
            assert response.status_code == 404, url
            assert not any(name in response.content.decode() for name in NAMES), url


def test_the_secretariat_previews_unpublished_results_uncached(results, sofia_client):
    page = sofia_client.get(f"/winners/{results.year}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Preview." in body and 'name="robots" content="noindex"' in body and "Beyoğlu Belediyesi" in body
    assert "no-store" in page["Cache-Control"]
    assert sofia_client.get(f"/winners/{results.year}.json").status_code == 404  # open data: never before


def test_published_results_are_grouped_by_category_then_level(results, sofia):
    services.publish_results(edition=results, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    body = Client().get(f"/winners/{results.year}/").content.decode()
    tech, human, leadership = (body.index(f'id="{slug}"') for slug in
                               ("tech-innovacity", "human-centricity", "leadership"))
    assert tech < human < leadership
    assert tech < body.index("Beyoğlu Belediyesi") < body.index("Prefeitura de São Paulo") < human  # Gold first
    assert human < body.index("서울특별시 Seoul Metropolitan Government") < leadership  # a finalist
    assert leadership < body.index("Uğur İbrahim Altay")
    assert "For warnings that reach every resident first." in body  # citation
    assert "Türkiye" in body and "Brazil" in body
    assert "25 September 2027, 17:30 KST" in body and "Dongdaemun Design Plaza" in body
    assert "Award presentation" in body


def test_the_index_lists_published_editions_newest_first_with_their_ceremony(results, sofia):
    services.publish_results(edition=results, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    AwardFactory(edition=_archived(2023))
    body = Client().get("/winners/").content.decode()
    assert body.index("5th edition, 2027") < body.index("1st edition, 2023")
    assert "Dongdaemun Design Plaza" in body


def _archived(year):
    from django.utils import timezone

    from tests.factories import EditionFactory

    return EditionFactory(year=year, is_current=False, results_published_at=timezone.now())


def test_pages_have_opengraph_tags_and_accessible_structure(results, sofia, settings):
    settings.SITE_URL = "https://prize.example"
    services.publish_results(edition=results, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    body = Client().get(f"/winners/{results.year}/").content.decode()
    assert '<meta property="og:title" content="Seoul Smart City Prize 2027: winners and finalists">' in body
    assert f'<meta property="og:url" content="https://prize.example/winners/{results.year}/">' in body
    assert 'property="og:description"' in body and 'name="twitter:card"' in body
    assert body.count("<h1") == 1 and 'aria-labelledby="heading-tech-innovacity"' in body
    assert 'lang="en"' in body


def test_an_award_has_a_detail_page_with_the_summary(results, gold, sofia):
    services.publish_results(edition=results, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    page = Client().get(f"/winners/{results.year}/awards/{gold.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "<h1 dir=\"auto\">Beyoğlu Belediyesi</h1>" in body
    assert gold.summary in body and "Gold" in body
    assert 'property="og:title" content="Beyoğlu Belediyesi: Gold, Seoul Smart City Prize 2027"' in body


def test_open_data_lists_every_award_and_finalist_with_the_documented_fields(results, sofia):
    services.publish_results(edition=results, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    response = Client().get(f"/winners/{results.year}.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Beyoğlu" in response.content.decode("utf-8")  # real UTF-8, not \u escapes
    rows = json.loads(response.content)
    assert [(r["category"], r["level"], r["entity_name"]) for r in rows] == [
        ("tech-innovacity", "gold", "Beyoğlu Belediyesi"),
        ("tech-innovacity", "silver", "Prefeitura de São Paulo"),
        ("human-centricity", "finalist", "서울특별시 Seoul Metropolitan Government"),
        ("leadership", "leadership", "Uğur İbrahim Altay"),
    ]
    gold = rows[0]
    assert {"year", "category", "level", "entity_name", "entity_type", "project_title", "city", "country",
            "citation", "partner"} <= set(gold)
    assert (gold["year"], gold["country"], gold["entity_type"], gold["city"]) == (2027, "TR", "city", "Beyoğlu")
    assert gold["url"].endswith(f"/winners/{results.year}/awards/{results.awards.get(level__slug='gold').pk}/")
    assert rows[3]["project_title"] == "" and rows[3]["entity_type"] == "individual"


def test_pages_are_cached_and_invalidated_when_results_change(results, gold, sofia,
                                                              django_assert_max_num_queries):
    services.publish_results(edition=results, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    client = Client()
    url = f"/winners/{results.year}/"
    client.get(url)
    with django_assert_max_num_queries(3):  # edition, page version; the content comes from the cache
        assert "For warnings that reach every resident first." in client.get(url).content.decode()
    services.change_award(award=gold, changes={"citation": "For early warnings in five languages."}, by=sofia)
    assert "For early warnings in five languages." in client.get(url).content.decode()
    profile = gold.application.applicant
    profile.name = "Beyoğlu Belediye Başkanlığı"
    profile.save()
    assert "Beyoğlu Belediye Başkanlığı" in client.get(url).content.decode()
    assert "Beyoğlu Belediye Başkanlığı" in client.get(f"/winners/{results.year}.json").content.decode()
    services.withdraw_results(edition=results, by=sofia, reason="Checking a name")
    assert client.get(url).status_code == 404
    assert str(results.year) not in client.get("/winners/").content.decode()


def test_a_year_without_an_edition_is_not_found(db):
    assert Client().get("/winners/1999/").status_code == 404
    assert Client().get("/winners/1999.json").status_code == 404
