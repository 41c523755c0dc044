import io
import json
import zipfile

from django.core.files.storage import default_storage

from privacy.models import DataExport
from privacy.services import build_export, remove_expired_exports, request_export

from .conftest import ALICE_STRINGS, HANA_STRINGS

BOB_STRINGS = ("bob@ankara-tech.example", "Ankara Akıllı Şehir Teknolojileri", "Solid mobility work", "Omar",
               "carla@beyoglu.example", "Convincing pilot")


def archive_of(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = request_export(user=user)
    export.refresh_from_db()
    assert export.status == DataExport.Status.READY
    with default_storage.open(export.file.name, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    return archive, {name: archive.read(name).decode() for name in archive.namelist()}


def test_alices_copy_holds_her_data_and_files_and_nothing_of_anyone_else(judged_round, alice,
                                                                         django_capture_on_commit_callbacks):
    _archive, files = archive_of(alice.user, django_capture_on_commit_callbacks)

    data = json.loads(files["data.json"])
    assert data["account"]["email"] == "alice@beyoglu.example"
    assert data["applicant"]["contact_phone"] == ALICE_STRINGS[3]
    references = [a["reference"] for a in data["applicant"]["applications"]]
    assert "SSCP-2027-0001" in references and len(references) == 2  # the entry and the draft
    assert any("Project plan" in text for name, text in files.items() if name.startswith("files/"))
    everything = "\n".join(files.values())
    for foreign in BOB_STRINGS + HANA_STRINGS + ("real results",):  # Hana's comment on her entry is Hana's
        assert foreign.casefold() not in everything.casefold(), foreign


def test_a_judges_copy_holds_her_reviews_but_no_applicants_data(judged_round, hana,
                                                                  django_capture_on_commit_callbacks):
    _archive, files = archive_of(hana, django_capture_on_commit_callbacks)

    data = json.loads(files["data.json"])
    assert [r["entry"] for r in data["judge"]["reviews"]] == ["SSCP-2027-0001"]
    assert "real results" in data["judge"]["reviews"][0]["comment"]
    assert list(files) == ["data.json"]
    text = files["data.json"].replace(data["judge"]["reviews"][0]["comment"], "")
    for foreign in ALICE_STRINGS + BOB_STRINGS:
        assert foreign.casefold() not in text.casefold(), foreign


def test_building_twice_keeps_the_first_archive(judged_round, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = request_export(user=alice.user)
    export.refresh_from_db()
    name = export.file.name

    assert build_export(export_id=export.pk).file.name == name


def test_an_expired_archive_is_removed_from_storage(judged_round, alice, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        export = request_export(user=alice.user)
    export.refresh_from_db()
    name = export.file.name

    assert remove_expired_exports() == 0 and default_storage.exists(name)
    assert remove_expired_exports(now=timezone.now() + timedelta(days=8)) == 1
    assert not default_storage.exists(name)
