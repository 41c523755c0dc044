"""How a private file (behind a permission) leaves the portal: never stored by a browser or proxy cache,
never sniffed into another type, and shown in the browser only when it is a verified PDF or image."""
from django.utils.http import content_disposition_header

# The types uploads are checked to be, whole (applications.uploads.check_upload); anything else downloads.
SHOWN_IN_BROWSER = frozenset({"application/pdf", "image/png", "image/jpeg"})


def private_file(response, *, filename, inline=False):
    """Mark ``response`` as a private file named ``filename``; ``inline`` only for a type in SHOWN_IN_BROWSER."""
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    shown = inline and content_type in SHOWN_IN_BROWSER
    response["Content-Disposition"] = content_disposition_header(not shown, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
