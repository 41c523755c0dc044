import json

from django.core.management import call_command


def test_the_quick_start_demo_publishes_a_past_edition_on_the_winners_pages(db, client):
    call_command("seed_demo")
    call_command("seed_demo")  # safe to run twice: nothing is duplicated
    rows = json.loads(client.get("/winners/2025.json").content)
    assert len(rows) == 7
    assert any(row["entity_name"] == "Uğur İbrahim Altay" and row["level"] == "leadership" for row in rows)
    assert "서울특별시 Seoul Metropolitan Government" in client.get("/winners/2025/").content.decode()
