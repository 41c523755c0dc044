"""Real files for upload tests: a PDF that parses, images that decode, and the forgeries checks must refuse."""
import io


def pdf_bytes(text="Project plan", *, size=None):
    """A one-page PDF that a PDF reader opens, optionally padded (inside the file, before its objects) to
    exactly ``size`` bytes."""
    stream = b"BT /F1 18 Tf 72 760 Td (%s) Tj ET" % text.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]

    def build(padding):
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        if padding:
            out += b"%" + b"0" * (padding - 2) + b"\n"  # a comment line: readers skip it
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
        return bytes(out)

    data = build(0)
    if size is not None:
        padding = size - len(data)
        for _attempt in range(3):  # the xref offset's digits grow with the padding
            data = build(padding)
            padding += size - len(data)
        assert len(data) == size
    return data


def image_bytes(kind="PNG", width=40, height=30):
    """A photo-like image (noise, so it does not compress to nothing and a cut copy is really truncated)."""
    import random

    from PIL import Image

    pixels = random.Random(7).randbytes(width * height * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), pixels).save(buffer, kind)
    return buffer.getvalue()
