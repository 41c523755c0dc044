"""Factories for ceremonies tests: finalists with international names, awards, a ceremony."""
import zoneinfo
from datetime import datetime, time

import factory

from applications.models import Application
from ceremonies.models import Award, Ceremony, ProgrammeItem
from ceremonies.services import ensure_default_levels
from tests.factories import ApplicantProfileFactory, ApplicationFactory, UserFactory

KST = zoneinfo.ZoneInfo("Asia/Seoul")


def finalist(edition, *, name="Beyoğlu Belediyesi", city="Beyoğlu", country="TR", applicant_type="city",
             category="tech-innovacity", title="Açık Veri: open data for flood warnings in Đà Nẵng", email=None,
             applicant=None, **extra):
    profile = applicant or ApplicantProfileFactory(name=name, city=city, country=country,
                                                   applicant_type=applicant_type,
                                                   **({"user": UserFactory(email=email)} if email else {}))
    return ApplicationFactory(edition=edition, applicant=profile, category=edition.categories.get(slug=category),
                              title=title, status=Application.Status.FINALIST,
                              reference=f"SSCP-{edition.year}-{profile.pk:04d}", **extra)


def level(edition, slug):
    return ensure_default_levels(edition=edition)[slug]


class AwardFactory(factory.django.DjangoModelFactory):
    """An archive award (no application), as import_awards makes them."""

    class Meta:
        model = Award

    edition = None
    category = factory.LazyAttribute(lambda o: o.edition.categories.get(slug="tech-innovacity"))
    level = factory.LazyAttribute(lambda o: ensure_default_levels(edition=o.edition)["gold"])
    entity_type = "city"
    entity_name = "Prefeitura de São Paulo"
    project_title = "Digital-skills classes in every neighbourhood library"
    city = "São Paulo"
    country = "BR"
    citation = "For bringing every resident online."


# These tests make finalists directly, without rounds and while the call is still open: the secretariat
# publishes and certifies such results only with a reason, as it may.
EVALUATED_ELSEWHERE = "Test: the evaluation behind these results is not part of this test"


def ceremony(edition):
    item = Ceremony.objects.create(
        edition=edition, starts_at=datetime(edition.year, 9, 25, 17, 30, tzinfo=KST),
        ends_at=datetime(edition.year, 9, 25, 18, 30, tzinfo=KST), venue="Dongdaemun Design Plaza, Art Hall 2",
        address="281 Eulji-ro, Jung-gu, Seoul", language_notes="In English with Korean interpretation")
    ProgrammeItem.objects.create(ceremony=item, at=time(17, 30), title="Opening remarks",
                                 presenter="Secretary General, WeGO")
    ProgrammeItem.objects.create(ceremony=item, at=time(17, 45), title="Award presentation",
                                 presenter="Steering Committee")
    return item
