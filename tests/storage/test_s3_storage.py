"""The production storage path: attachments in an S3-compatible bucket through django-storages.

A local S3 stand-in (moto in server mode on loopback) plays the bucket; the portal talks to it over HTTP
with the same S3Storage options as production (prize_portal/settings/base.py), through the real views.
"""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications import services
from applications.models import Attachment
from tests.files import pdf_bytes

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BUCKET = "sscp-attachments-test"
CREDENTIALS = {"aws_access_key_id": "sscp-test-key", "aws_secret_access_key": "sscp-test-secret"}
PDF = pdf_bytes()


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch):
    import boto3

    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "HTTP_PROXY", "HTTPS_PROXY",
                 "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def s3_storage(settings, bucket, s3_endpoint):
    """STORAGES["default"] as production builds it from AWS_* variables, pointed at the stand-in.

    Changing the setting sends ``setting_changed``; Django then drops its cached storages and
    ``default_storage``, so FileFields use the S3 backend from here on (and local disk again afterwards).
    """
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET, "endpoint_url": s3_endpoint, "region_name": "us-east-1",
            "access_key": CREDENTIALS["aws_access_key_id"], "secret_key": CREDENTIALS["aws_secret_access_key"],
            "default_acl": "private", "querystring_auth": True, "file_overwrite": False,
        },
    }}
    from django.core.files.storage import default_storage
    from storages.backends.s3 import S3Storage

    assert default_storage.bucket_name == BUCKET  # touching it builds the storage from the new setting
    assert isinstance(default_storage._wrapped, S3Storage)
    return default_storage


def keys(client):
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_attachment_is_stored_in_the_bucket_under_a_random_name_and_served_only_to_its_owner(
        s3_storage, bucket, settings, edition, alice, alice_client, bob_client, sofia_client):
    from pathlib import Path

    draft = services.start_application(applicant=alice, category=edition.categories.get(slug="tech-innovacity"))
    response = alice_client.post(f"/apply/{draft.pk}/", {
        "title": "Beyoğlu su kaçakları", "save": "1",
        "new_attachments": SimpleUploadedFile("Beyoğlu su planı.pdf", PDF, content_type="application/pdf")})
    assert response.status_code == 302, response.content.decode()[:2000]

    # In the bucket, under attachments/<year>/ with a random name that tells nothing of the file or applicant.
    [attachment] = Attachment.objects.filter(application=draft)
    assert attachment.original_name == "Beyoğlu su planı.pdf" and attachment.size == len(PDF)
    [key] = keys(bucket)
    assert key == attachment.file.name
    assert key.startswith(f"attachments/{edition.year}/") and key.endswith(".pdf")
    stem = Path(key).stem
    assert len(stem) == 32 and all(c in "0123456789abcdef" for c in stem)
    assert "plan" not in key.lower() and "beyo" not in key.lower()
    assert bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read() == PDF
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=key)
    assert not [g for g in acl["Grants"] if "AllUsers" in g["Grantee"].get("URI", "")
                or "AuthenticatedUsers" in g["Grantee"].get("URI", "")]  # private, not public-read
    local = Path(settings.MEDIA_ROOT)
    assert not (local.exists() and any(p.is_file() for p in local.rglob("*")))  # nothing went to local disk

    # Served through the permission-checking view, read back from the bucket.
    response = alice_client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert sofia_client.get(f"/attachments/{attachment.pk}/").status_code == 200  # the secretariat reads it too
    assert bob_client.get(f"/attachments/{attachment.pk}/").status_code == 404
    # The only URL the storage itself knows is a signed, expiring one, never a bare public object URL.
    assert "X-Amz-Signature=" in attachment.file.url or "Signature=" in attachment.file.url

    # Removing it on the form removes the object from the bucket.
    response = alice_client.post(f"/apply/{draft.pk}/", {"title": "Beyoğlu su kaçakları",
                                                        "remove_attachment": str(attachment.pk)})
    assert response.status_code == 302
    assert keys(bucket) == [] and not Attachment.objects.exists()


def test_two_files_with_the_same_name_never_overwrite_each_other_in_the_bucket(s3_storage, bucket, alices_draft):
    first = services.add_attachment(application=alices_draft, uploaded_file=SimpleUploadedFile("plan.pdf", PDF))
    second = services.add_attachment(application=alices_draft,
                                     uploaded_file=SimpleUploadedFile("plan.pdf", pdf_bytes("Second plan")))
    assert first.file.name != second.file.name
    assert sorted(keys(bucket)) == sorted([first.file.name, second.file.name])
    assert b"Second plan" in bucket.get_object(Bucket=BUCKET, Key=second.file.name)["Body"].read()
