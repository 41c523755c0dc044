"""Demo data for the quick start and for benchmarks: the current edition, applicants, applications."""
import random
import zoneinfo
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.roles import make_secretariat

from .choices import ApplicantType, ImplementationStage, Sector, TargetGroup
from .models import ApplicantProfile, Application, Category, Edition, ReferenceSequence

KST = zoneinfo.ZoneInfo("Asia/Seoul")
DEMO_PASSWORD = "smartcity-demo-2026"

CATEGORIES = [
    {
        "slug": "tech-innovacity", "name": "Tech-InnovaCity", "name_ko": "테크-이노바시티", "order": 1,
        "description": "Projects that integrate innovative policies and technologies in any sector: sustainable "
                       "environment, energy, culture, governance and more.",
        "description_ko": "지속 가능한 환경, 에너지, 문화, 거버넌스 등 모든 분야에서 혁신적인 정책과 기술을 접목한 "
                          "프로젝트.",
        "example_projects": "Popularising autonomous driving; AI chatbot counselling; metaverse public "
                            "administration services.",
        "example_projects_ko": "자율주행 대중화, AI 챗봇 상담, 메타버스 행정 서비스.",
        "eligible_applicant_types": [ApplicantType.CITY, ApplicantType.COMPANY, ApplicantType.INSTITUTION],
    },
    {
        "slug": "human-centricity", "name": "Human-CentriCity", "name_ko": "휴먼-센트리시티", "order": 2,
        "description": "Projects that prioritise digital inclusion, overcome the digital divide and deliver services "
                       "to specific groups: the elderly, youth, people with disabilities, migrants, low-income "
                       "residents.",
        "description_ko": "디지털 포용을 우선하고 디지털 격차를 해소하며 어르신, 청소년, 장애인, 이주민, 저소득 주민 등 "
                          "특정 집단에 서비스를 제공하는 프로젝트.",
        "example_projects": "Digital-skills education; location trackers for elderly people with dementia.",
        "example_projects_ko": "디지털 역량 교육, 치매 어르신 위치 추적기.",
        "eligible_applicant_types": [ApplicantType.CITY, ApplicantType.COMPANY, ApplicantType.INSTITUTION],
    },
    {
        "slug": "leadership", "name": "Leadership", "name_ko": "리더십", "order": 3, "accepts_nominations": True,
        "is_for_individuals": True,
        "description": "Individuals who have shown leadership in developing or promoting innovative use of technology "
                       "and data for citizens: mayors and officials, entrepreneurs, social activists, experts, "
                       "citizens. Apply yourself or nominate someone.",
        "description_ko": "시민을 위한 기술과 데이터의 혁신적 활용을 개발하거나 확산하는 데 리더십을 보여 준 개인: 시장과 "
                          "공무원, 기업가, 사회 활동가, 전문가, 시민. 직접 신청하거나 다른 사람을 추천할 수 있습니다.",
        "example_projects": "",
        "eligible_applicant_types": [ApplicantType.INDIVIDUAL],
    },
]

APPLICANTS = [
    ("seoul@demo.example", ApplicantType.CITY, "서울특별시 Seoul Metropolitan Government", "KR", "서울특별시",
     "김민준 Kim Min-jun", "Director, Smart City Policy"),
    ("saopaulo@demo.example", ApplicantType.CITY, "Prefeitura de São Paulo", "BR", "São Paulo",
     "João Gonçalves", "Secretário de Inovação"),
    ("beyoglu@demo.example", ApplicantType.CITY, "Beyoğlu Belediyesi", "TR", "Beyoğlu",
     "Ayşe Yılmaz", "Head of Digital Services"),
    ("danang@demo.example", ApplicantType.CITY, "Ủy ban nhân dân thành phố Đà Nẵng", "VN", "Đà Nẵng",
     "Nguyễn Thị Hương", "Deputy Director, Department of Information"),
    ("dubai@demo.example", ApplicantType.CITY, "بلدية دبي Dubai Municipality", "AE", "دبي Dubai",
     "مريم الفلاسي Maryam Al Falasi", "Smart Services Lead"),
    ("ankara-tech@demo.example", ApplicantType.COMPANY, "Ankara Akıllı Şehir Teknolojileri A.Ş.", "TR", "Ankara",
     "İsmail Çelik", "CEO"),
    ("almaty-institute@demo.example", ApplicantType.INSTITUTION, "Алматы Digital Institute", "KZ", "Алматы",
     "Әйгерім Сейітқызы", "Research Director"),
    ("ugur@demo.example", ApplicantType.INDIVIDUAL, "Uğur İbrahim Altay", "TR", "İzmir",
     "Uğur İbrahim Altay", "Founder, Açık Şehir Lab"),
]

PROJECTS = [
    ("AI chatbot counselling for lonely seniors", "human-centricity"),
    ("Autonomous night buses for shift workers", "tech-innovacity"),
    ("Digital-skills classes in every neighbourhood library", "human-centricity"),
    ("Open data platform for flood early warning", "tech-innovacity"),
    ("Metaverse city hall for permits", "tech-innovacity"),
    ("Dementia location trackers with family alerts", "human-centricity"),
]


def kst_datetime(day, at):
    return datetime.combine(day, at, tzinfo=KST)


@transaction.atomic
def seed_current_edition(*, today=None):
    today = today or timezone.localdate()
    closes = kst_datetime(today + timedelta(days=45), time(23, 59, 59))
    edition, _created = Edition.objects.get_or_create(
        year=closes.year,
        defaults={
            "ordinal": closes.year - 2022,
            "theme": "Fostering digital transformation through innovative and inclusive approaches for "
                     "sustainable smart cities",
            "theme_ko": "지속 가능한 스마트시티를 위한 혁신적이고 포용적인 디지털 전환",
            "opens_at": kst_datetime(today - timedelta(days=30), time(0, 0)),
            "closes_at": closes,
            "status": Edition.Status.PUBLISHED,
            "max_applications_per_applicant": 3,
        },
    )
    if not edition.is_current:
        Edition.objects.filter(is_current=True).update(is_current=False)
        edition.is_current = True
        edition.save(update_fields=["is_current"])
    for spec in CATEGORIES:
        Category.objects.update_or_create(edition=edition, slug=spec["slug"], defaults={
            key: value for key, value in spec.items() if key != "slug"})
    return edition


def _user(email, *, first_name="", last_name=""):
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults={"first_name": first_name, "last_name": last_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _filled(application, title, rng):
    application.title = title
    application.summary = (f"{title}: a people-centred project that uses technology and data so that every resident, "
                           "including those most often left out, benefits.")
    application.problem = "Residents could not reach public services easily; the digital divide left many behind."
    application.solution = "A service co-designed with residents, built on open standards and public data."
    application.inclusiveness = "Designed with older residents, people with disabilities and migrant communities."
    application.target_groups = rng.sample(TargetGroup.values, 2)
    application.implementation_start = timezone.localdate() - timedelta(days=500)
    application.implementation_stage = rng.choice(ImplementationStage.values)
    application.budget = "USD 1.2 million, municipal budget and a national innovation grant."
    application.results = "Service use up 40% in a year; satisfaction 4.6/5 among 12,000 users."
    application.sustainability = "Funded in the city budget for five years; the code is open for other cities."
    application.partners = "A local university, two start-ups and residents' associations."
    application.sectors = rng.sample(Sector.values, 2)
    application.links = "https://example.org/project"
    application.achievements = "Led the city's digital inclusion strategy and open data programme."
    return application


def _submit_demo(application, edition, submitted_at):
    from .services import _next_reference

    with transaction.atomic():
        application.reference = _next_reference(edition)
        application.status = Application.Status.SUBMITTED
        application.submitted_at = submitted_at
        application.save()


def seed_people_and_applications(edition, *, stdout=None):
    rng = random.Random(2023)
    logins = []
    admin = _user("admin@demo.example", first_name="Ada", last_name="Admin")
    if not admin.is_superuser:
        admin.is_staff = admin.is_superuser = True
        admin.save()
    logins.append(("superuser (full admin)", admin.email))
    staff = _user("secretariat@demo.example", first_name="Seo-yeon", last_name="Park")
    make_secretariat(staff)
    logins.append(("secretariat staff", staff.email))
    categories = {category.slug: category for category in edition.categories.all()}
    for index, (email, kind, name, country, city, contact, position) in enumerate(APPLICANTS):
        user = _user(email)
        profile, _created = ApplicantProfile.objects.get_or_create(user=user, defaults={
            "applicant_type": kind, "name": name, "country": country, "city": city, "contact_name": contact,
            "contact_position": position, "contact_email": email, "contact_phone": "+82 2 2133 0000",
            "website": "https://example.org"})
        logins.append((f"applicant — {ApplicantType(kind).label}", email))
        if profile.applications.filter(edition=edition).exists():
            continue
        if kind == ApplicantType.INDIVIDUAL:
            picks = [("Leadership", "leadership")]
        else:
            picks = [PROJECTS[index % len(PROJECTS)], PROJECTS[(index + 3) % len(PROJECTS)]]
        for number, (title, slug) in enumerate(picks):
            application = _filled(Application(edition=edition, category=categories[slug], applicant=profile), title, rng)
            application.save()
            if number == 0:
                _submit_demo(application, edition, edition.opens_at + timedelta(days=index + 1))
    return logins


def seed_bulk(edition, *, count, stdout=None):
    """Thousands of submitted applications for benchmarks, created in batches."""
    rng = random.Random(count)
    User = get_user_model()
    existing = Application.objects.filter(edition=edition, applicant__user__email__startswith="bulk-").count()
    categories = [c for c in edition.categories.all() if not c.is_for_individuals]
    countries = ["KR", "BR", "TR", "VN", "AE", "KZ", "FR", "KE", "MX", "ID", "IN", "NG", "US", "DE", "JP"]
    sequence, _created = ReferenceSequence.objects.get_or_create(edition=edition)
    batch = 500
    for start in range(existing, count, batch):
        stop = min(start + batch, count)
        users = User.objects.bulk_create([User(email=f"bulk-{i}@demo.example") for i in range(start, stop)])
        profiles = ApplicantProfile.objects.bulk_create([
            ApplicantProfile(user=user, applicant_type=rng.choice([ApplicantType.CITY, ApplicantType.COMPANY,
                                                                   ApplicantType.INSTITUTION]),
                             name=f"Bulk applicant {start + i}", country=rng.choice(countries), city=f"City {i}",
                             contact_name="Contact", contact_position="Officer", contact_email=user.email,
                             contact_phone="+1 555 0100")
            for i, user in enumerate(users)])
        applications = []
        for profile in profiles:
            sequence.last_number += 1
            application = _filled(Application(edition=edition, category=rng.choice(categories), applicant=profile,
                                              status=Application.Status.SUBMITTED, submitted_at=edition.opens_at,
                                              reference=f"SSCP-{edition.year}-{sequence.last_number:04d}"),
                                  f"Project {sequence.last_number}", rng)
            applications.append(application)
        Application.objects.bulk_create(applications)
        sequence.save(update_fields=["last_number"])
        if stdout:
            stdout.write(f"  {stop} / {count} bulk applications")
    return count
