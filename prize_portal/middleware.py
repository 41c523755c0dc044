"""The last resort against input the database refuses.

Views check what they read (``prize_portal.ids.parse_id``, bounded URL converters, forms). Should a
value still reach the database that it cannot hold — a number out of range, text too long for a
column, a NUL character — the database driver raises, and without this the person who typed it
would see a server error. It answers 400 with a message instead, and logs what happened so the
view that let it through can be fixed.
"""
import logging

from django.db import DataError
from django.shortcuts import render

logger = logging.getLogger(__name__)


def is_invalid_input(exception):
    if isinstance(exception, (DataError, OverflowError)):  # PostgreSQL "out of range", SQLite "too large"
        return True
    # psycopg2 refuses a NUL character before sending the query, with a plain ValueError.
    return isinstance(exception, ValueError) and "NUL (0x00)" in str(exception)


class InvalidInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_invalid_input(exception):
            return None
        logger.warning("Input refused by the database on %s: %s", request.path, exception)
        return render(request, "invalid_input.html", status=400)
