"""Factories for every test. Names are international on purpose: Unicode must work everywhere."""
import zoneinfo
from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from accounts.models import User
from applications.choices import ApplicantType
from applications.demo import CATEGORIES
from applications.models import ApplicantProfile, Application, Category, Edition

KST = zoneinfo.ZoneInfo("Asia/Seoul")
PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        from allauth.account.models import EmailAddress

        if create:
            user.save()
            EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("year",)
        skip_postgeneration_save = True

    year = 2027
    ordinal = factory.LazyAttribute(lambda o: o.year - 2022)
    theme = "Fostering digital transformation through innovative and inclusive approaches"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    closes_at = factory.LazyFunction(
        lambda: datetime.combine(timezone.localdate() + timedelta(days=30), time(23, 59, 59), tzinfo=KST))
    status = Edition.Status.PUBLISHED
    is_current = True

    @factory.post_generation
    def with_categories(edition, create, extracted, **kwargs):
        if create and extracted is not False:
            for spec in CATEGORIES:
                Category.objects.get_or_create(edition=edition, slug=spec["slug"],
                                               defaults={k: v for k, v in spec.items() if k != "slug"})


class ApplicantProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicantProfile

    user = factory.SubFactory(UserFactory)
    applicant_type = ApplicantType.CITY
    name = "Beyoğlu Belediyesi"
    country = "TR"
    city = "Beyoğlu"
    contact_name = "Ayşe Yılmaz"
    contact_position = "Head of Digital Services"
    contact_email = factory.LazyAttribute(lambda o: o.user.email)
    contact_phone = "+90 212 000 0000"


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A complete draft in Tech-InnovaCity: ready to submit."""

    class Meta:
        model = Application

    edition = factory.SubFactory(EditionFactory)
    category = factory.LazyAttribute(lambda o: o.edition.categories.get(slug="tech-innovacity"))
    applicant = factory.SubFactory(ApplicantProfileFactory)
    title = "Açık Veri: open data for flood warnings in Đà Nẵng"
    summary = "A people-centred flood warning service built on open data."
    problem = "Floods reach neighbourhoods before warnings do."
    solution = "Sensors and an SMS service in five languages."
    target_groups = ["elderly", "migrants"]
    inclusiveness = "Co-designed with older residents and migrant communities."
    implementation_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=400))
    implementation_stage = "implementation"
    budget = "USD 800,000 from the city budget."
    results = "Warnings now arrive 40 minutes earlier."
    sustainability = "In the city budget until 2030; the code is open."
    partners = "A local university."
    sectors = ["safety", "environment"]
