"""The long application form in titled sections: a table of contents, progress counted on the server from what is
saved, and a save that brings the applicant back to the section they were in."""
import pytest

from applications import sections, services
from applications.forms import ApplicationForm
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def blank_draft(edition, alice):
    return services.start_application(applicant=alice, category=edition.categories.get(slug="tech-innovacity"))


@pytest.fixture
def nomination(edition, alice):
    return services.start_application(applicant=alice, category=edition.categories.get(slug="leadership"),
                                      is_nomination=True)


@pytest.mark.parametrize("draft", ["blank_draft", "nomination"])
def test_every_field_of_the_form_is_in_exactly_one_section(request, draft):
    application = request.getfixturevalue(draft)
    form = ApplicationForm(instance=application)
    placed = [field.name for section in sections.sections(application, form) for field in section.fields]
    assert sorted(placed) == sorted(form.fields)


def test_a_nomination_starts_with_the_nominee_and_ends_with_links_and_attachments(nomination):
    assert sections.slugs(nomination) == ["nominee", "achievements", "links-and-attachments"]


def test_progress_counts_the_sections_whose_required_fields_are_all_saved(blank_draft):
    assert sections.progress(sections.sections(blank_draft)) == (0, 4)
    services.save_draft(application=blank_draft, changes={"title": "Open data", "summary": "Short.",
                                                          "sectors": ["safety"]})
    by_slug = {s.slug: s for s in sections.sections(blank_draft)}
    assert by_slug["project"].complete and not by_slug["problem-and-solution"].complete
    assert not by_slug["links-and-attachments"].required  # nothing in it is needed to submit: not counted
    assert sections.progress(by_slug.values()) == (1, 4)


def test_a_section_over_its_word_limit_is_not_complete(alices_draft):
    assert sections.progress(sections.sections(alices_draft)) == (4, 4)
    services.save_draft(application=alices_draft, changes={"summary": "word " * 301})
    assert sections.progress(sections.sections(alices_draft)) == (3, 4)


def test_the_page_shows_progress_and_a_contents_list_linking_to_each_titled_section(alice_client, blank_draft):
    services.save_draft(application=blank_draft, changes={"title": "Open data", "summary": "Short.",
                                                          "sectors": ["safety"]})
    html = alice_client.get(f"/apply/{blank_draft.pk}/").content.decode()
    page = parse(html)
    progress = page.by_id("application-progress")
    assert progress.tag == "progress" and progress.attrs["value"] == "1" and progress.attrs["max"] == "4"
    assert "1 of 4 required sections complete" in html
    toc = next(n for n in page.iter() if n.tag == "nav" and n.attrs.get("aria-labelledby") == "sections-heading")
    links = [n for n in toc.iter() if n.tag == "a"]
    assert [link.attrs["href"] for link in links] == [f"#section-{slug}" for slug in sections.slugs(blank_draft)]
    for link in links:
        section = page.by_id(link.attrs["href"][1:])
        heading = page.by_id(section.attrs["aria-labelledby"])
        assert heading.tag == "h2" and heading.text() == link.text()
    assert "(complete)" in toc.text() and "(to do)" in toc.text() and "(optional)" in toc.text()


def test_a_sections_own_save_button_comes_back_to_that_section(alice_client, blank_draft):
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {"problem": "Floods.", "save": "problem-and-solution"})
    assert response.status_code == 302
    assert response["Location"] == f"/apply/{blank_draft.pk}/#section-problem-and-solution"
    blank_draft.refresh_from_db()
    assert blank_draft.problem == "Floods."


def test_the_main_save_button_comes_back_to_the_section_last_edited(alice_client, blank_draft):
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {"results": "Faster.", "save": "1",
                                                               "section": "results"})
    assert response["Location"] == f"/apply/{blank_draft.pk}/#section-results"


def test_an_unknown_section_is_ignored_rather_than_put_in_the_address(alice_client, blank_draft):
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {"save": "1", "section": "<script>"})
    assert response["Location"] == f"/apply/{blank_draft.pk}/"
