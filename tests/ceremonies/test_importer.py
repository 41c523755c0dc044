"""manage.py import_awards FILE.csv: all or nothing, every error with its row, re-import updates."""
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from applications.models import Edition
from audit.models import AuditEntry
from ceremonies.models import Award

pytestmark = pytest.mark.django_db
HEADER = "year,category,level,entity_type,entity_name,project_title,city,country,citation,partner\n"
GOOD = HEADER + (
    '2023,tech-innovacity,gold,city,서울특별시,"AI chatbot, counselling for seniors",서울특별시,KR,"For care.",\n'
    "2023,tech-innovacity,silver,city,Beyoğlu Belediyesi,Açık Veri,Beyoğlu,TR,,\n"
    "2023,tech-innovacity,silver,city,Prefeitura de São Paulo,Bibliotecas,São Paulo,br,,\n"
    "2023,human-centricity,corporation,company,Ankara Akıllı Şehir A.Ş.,Akıllı durak,Ankara,TR,,\n"
    "2023,leadership,leadership,individual,Uğur İbrahim Altay,,İzmir,TR,Open data pioneer,\n"
    "2023,,special_mention,city,Đà Nẵng,Smart flood warnings,Đà Nẵng,VN,,Global Green Growth Institute\n"
)


def import_file(tmp_path, text, name="awards.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_awards", str(path), stdout=out, stderr=out)
    return out.getvalue()


def test_a_good_file_imports_and_creates_the_published_archive_edition(tmp_path):
    output = import_file(tmp_path, GOOD)
    assert "6 award(s) created, 0 updated, 0 unchanged" in output
    edition = Edition.objects.get(year=2023)
    assert edition.results_published and edition.status == Edition.Status.ARCHIVED and not edition.is_current
    assert Award.objects.filter(edition=edition, level__slug="silver").count() == 2
    mention = Award.objects.get(level__slug="special_mention")
    assert mention.category is None and mention.partner == "Global Green Growth Institute"
    assert str(Award.objects.get(entity_name="Prefeitura de São Paulo").country) == "BR"
    assert AuditEntry.objects.filter(action="awards.imported", target_id=str(edition.pk)).exists()
    body = Client().get("/winners/2023/").content.decode()
    assert "서울특별시" in body and "AI chatbot, counselling for seniors" in body and "Đà Nẵng" in body


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(tmp_path):
    bad = GOOD + "2023,tech-innovacity,platinum,city,Almaty,Smart bus,Almaty,KZ,,\n"
    bad += "2023,leadership,leadership,city,Somebody,,Paris,XX,,\n"
    with pytest.raises(CommandError, match="Nothing was imported: 3 problem"):
        import_file(tmp_path, bad)
    assert not Award.objects.exists() and not Edition.objects.filter(year=2023).exists()


def test_every_error_is_listed_with_its_row_number(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "2023,tech-innovacity,platinum,city,Almaty,Smart bus,Almaty,KZ,,\n"
                    + "20x3,leadership,leadership,city,Somebody,,Paris,XX,,\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_awards", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert any(line.startswith("Row 2: level “platinum”") for line in lines)
    assert any(line.startswith("Row 3: year “20x3”") for line in lines)
    assert any(line.startswith("Row 3: leadership awards go to individuals") for line in lines)
    assert any(line.startswith("Row 3: country “XX”") for line in lines)


def test_a_wrong_header_is_refused(tmp_path):
    with pytest.raises(CommandError):
        import_file(tmp_path, "year,name\n2023,Seoul\n")


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    import_file(tmp_path, GOOD)
    before = list(Award.objects.order_by("pk").values("pk", "updated_at", "citation"))
    audit_before = AuditEntry.objects.count()
    output = import_file(tmp_path, GOOD)
    assert "0 award(s) created, 0 updated, 6 unchanged" in output
    assert list(Award.objects.order_by("pk").values("pk", "updated_at", "citation")) == before
    assert AuditEntry.objects.count() == audit_before


def test_a_corrected_file_updates_in_place(tmp_path):
    import_file(tmp_path, GOOD)
    output = import_file(tmp_path, GOOD.replace("Open data pioneer", "Pioneer of open data in İzmir"))
    assert "0 award(s) created, 1 updated, 5 unchanged" in output
    assert Award.objects.get(entity_name="Uğur İbrahim Altay").citation == "Pioneer of open data in İzmir"
    assert Award.objects.count() == 6


def test_importing_into_an_unpublished_edition_keeps_the_embargo(tmp_path, edition):
    output = import_file(tmp_path, GOOD.replace("2023,", "2027,"))
    assert "not published yet" in output
    assert Client().get("/winners/2027/").status_code == 404


def test_generate_certificates_serves_an_imported_edition(tmp_path):
    import_file(tmp_path, GOOD)
    out = StringIO()
    call_command("generate_certificates", "--edition", "2023", stdout=out)
    assert "6 of 6 certificates ready, 0 failed." in out.getvalue()



def refusals(text):
    from ceremonies.importer import ImportRefused, check_file

    with pytest.raises(ImportRefused) as refused:
        check_file(text.encode("utf-8"))
    return refused.value.errors


@pytest.mark.parametrize(("cell", "message"), [
    ("x" * 200_000, "Row 3: a cell is longer than 131,072 characters"),
    ("x" * 2_001, "Row 3: citation is longer than 2000 characters."),
])
def test_an_oversized_cell_is_refused_with_its_row_number(cell, message):
    errors = refusals(HEADER + "2023,tech-innovacity,gold,city,Seoul,Chatbot,Seoul,KR,,\n"
                      + f'2023,tech-innovacity,silver,city,Busan,Bus,Busan,KR,"{cell}",\n')
    assert len(errors) == 1 and errors[0].startswith(message) and len(errors[0]) < 300


def test_an_oversized_code_is_refused_without_being_quoted_back():
    errors = refusals(HEADER + "2023" + "9" * 5000 + ",tech-innovacity,gold,city,Seoul,Chatbot,Seoul,KR,,\n")
    assert errors == ["Row 2: year is longer than 100 characters."]
