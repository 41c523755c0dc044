"""Input the portal must answer with a message rather than lose or crash on.

``InvalidInputMiddleware`` is the last resort against input the database refuses. Views check what
they read (``prize_portal.ids.parse_id``, bounded URL converters, forms). Should a value still reach
the database that it cannot hold (a number out of range, text too long for a column, a NUL
character, a row that clashes with a saved one), the driver raises, and without this the person who typed
it would see a server error.
It answers 400 with a message instead, and logs what happened so the view that let it through can
be fixed.

``UnreadableFileNameMiddleware`` notes uploaded files whose names are not UTF-8, which Django's
parser drops without a word, so the form can say so.
"""
import logging
import re

from django.db import DataError, IntegrityError
from django.shortcuts import render
from django.utils.http import parse_header_parameters

logger = logging.getLogger(__name__)


def is_invalid_input(exception):
    if isinstance(exception, (DataError, OverflowError)):  # PostgreSQL "out of range", SQLite "too large"
        return True
    if isinstance(exception, IntegrityError):  # e.g. a tampered admin formset posting saved rows again as new
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


class _PartHeaderWatch:
    """Reads through to the request body, noting upload parts whose headers are not UTF-8.

    Django's multipart parser skips a part header it cannot decode, so a file whose name is in another
    encoding (an old Windows or Korean system) would vanish without a word. Noting it here lets the
    form say so."""

    def __init__(self, stream, boundary):
        self._stream = stream
        self._part = re.compile(re.escape(b"--" + boundary) + rb"\r\n((?:[^\r\n]{0,2000}\r\n){1,8}?)\r\n")
        self._buffer, self._buffer_start, self._seen = b"", 0, set()
        self.names = []

    def read(self, *args, **kwargs):
        return self._watch(self._stream.read(*args, **kwargs))

    def readline(self, *args, **kwargs):
        return self._watch(self._stream.readline(*args, **kwargs))

    def _watch(self, chunk):
        self._buffer += chunk
        for match in self._part.finditer(self._buffer):
            start = self._buffer_start + match.start()
            if start not in self._seen:
                self._seen.add(start)
                self._note(match.group(1))
        keep = min(len(self._buffer), 20_000)  # enough for a part header split across two reads
        self._buffer_start += len(self._buffer) - keep
        self._buffer = self._buffer[-keep:] if keep else b""
        return chunk

    def _note(self, headers):
        for line in headers.split(b"\r\n"):
            name = re.search(rb'filename="([^"]*)"', line)
            if name and line.lower().startswith(b"content-disposition"):
                try:
                    line.decode()
                except UnicodeDecodeError:
                    self.names.append(name.group(1).decode("utf-8", "replace"))


class UnreadableFileNameMiddleware:
    """Sets ``request.unreadable_file_names``: the (approximate) names of uploaded files dropped because
    their names are not UTF-8. Must come before anything that reads ``request.POST``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.unreadable_file_names = []
        content_type, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
        boundary = params.get("boundary", "")
        if content_type == "multipart/form-data" and boundary and boundary.isascii() and hasattr(request, "_stream"):
            watch = _PartHeaderWatch(request._stream, boundary.encode("ascii"))
            request._stream = watch
            request.unreadable_file_names = watch.names
        return self.get_response(request)
