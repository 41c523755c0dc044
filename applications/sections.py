"""The application form in titled sections, with how far the applicant has got.

Which fields belong together is presentation; whether a section is complete is the service's rule
(``services.completeness_errors`` and ``services.required_fields``), read here for the saved draft.
"""
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .services import completeness_errors, required_fields

NOMINEE = (("nominee", _("The nominee"), ("nominee_name", "nominee_email", "nominee_position",
                                           "nominee_organisation", "nominee_country")),)
PROJECT = (
    ("project", _("The project"), ("title", "summary", "sectors")),
    ("problem-and-solution", _("Problem and solution"), ("problem", "solution", "target_groups", "inclusiveness")),
    ("implementation", _("Implementation and budget"), ("implementation_start", "implementation_end",
                                                        "implementation_stage", "budget", "partners")),
    ("results", _("Results and future"), ("results", "sustainability")),
)
INDIVIDUAL = (("achievements", _("The person's achievements"), ("summary", "achievements", "sectors")),)
LINKS = (("links-and-attachments", _("Links and attachments"), ("links", "new_attachments")),)


@dataclass
class Section:
    slug: str
    title: str
    field_names: tuple
    required: bool  # something in it is needed to submit; otherwise the section is optional
    complete: bool
    fields: list = field(default_factory=list)  # the form's bound fields, in order

    @property
    def anchor(self):
        return f"section-{self.slug}"


def layout(application):
    """(slug, title, field names) of each section of this kind of application, in order."""
    body = INDIVIDUAL if application.category.is_for_individuals else PROJECT
    return (NOMINEE if application.is_nomination else ()) + body + LINKS


def slugs(application):
    return [slug for slug, _title, _names in layout(application)]


def sections(application, form=None):
    """The sections of the saved draft; with a form, each carries its bound fields for rendering."""
    needed, problems = set(required_fields(application)), completeness_errors(application)
    result = []
    for slug, title, names in layout(application):
        required = bool(needed.intersection(names))
        section = Section(slug=slug, title=title, field_names=names, required=required,
                          complete=required and not problems.keys() & set(names))
        if form is not None:
            section.fields = [form[name] for name in names if name in form.fields]
        result.append(section)
    return result


def progress(section_list):
    """(complete, total) over the sections something is required in."""
    counted = [section for section in section_list if section.required]
    return sum(section.complete for section in counted), len(counted)
