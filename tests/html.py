"""A small HTML tree (standard library only) so tests can say where on a page a message is."""
from html.parser import HTMLParser

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return " ".join(" ".join(c if isinstance(c, str) else c.text() for c in self.children).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def by_id(self, element_id):
        return next((node for node in self.iter() if node.attrs.get("id") == element_id), None)

    def is_inside(self, other):
        node = self.parent
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID_ELEMENTS:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:  # tolerate elements closed implicitly
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    if isinstance(html, Node):
        return html
    builder = _TreeBuilder()
    builder.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    builder.close()
    return builder.root


def field_error(html, name):
    """The error shown for form field ``name``, asserted to sit inside that field's own block ("" if none)."""
    page = parse(html)
    block = page.by_id(f"div_id_{name}")
    assert block is not None, f"no block for field {name!r} on the page"
    error = page.by_id(f"id_{name}_error")
    if error is None:
        return ""
    assert error.is_inside(block), f"the error of {name!r} is not next to its field"
    return error.text()


def field_value(html, name):
    """What a re-rendered form shows in field ``name``: an input's value or a textarea's text."""
    element = parse(html).by_id(f"id_{name}")
    assert element is not None, f"no field {name!r} on the page"
    if element.tag == "textarea":
        text = "".join(c for c in element.children if isinstance(c, str))
        return text[1:] if text.startswith("\n") else text  # HTML drops the newline right after <textarea>
    return element.attrs.get("value")


# --- the error summary (templates/includes/error_summary.html) and aria-describedby ---------------------------

def summary_of(html):
    page = parse(html)
    summaries = [n for n in page.iter() if "data-error-summary" in n.attrs]
    assert len(summaries) == 1, f"expected one error summary, found {len(summaries)}"
    return page, summaries[0]


def assert_links_lead_to_fields(page, summary):
    links = [n for n in summary.iter() if n.tag == "a"]
    assert links, "the summary links to no field"
    for link in links:
        target = page.by_id(link.attrs["href"].lstrip("#"))
        assert target is not None and target.tag in ("input", "select", "textarea"), link.attrs["href"]
    return links


def assert_errors_described(page):
    """Each field marked invalid names, in aria-describedby, an element that holds its error."""
    invalid = [n for n in page.iter() if n.attrs.get("aria-invalid") == "true"]
    assert invalid, "no field is marked invalid"
    for field in invalid:
        group = field.parent  # a radio or checkbox group describes its error on its fieldset
        while group is not None and group.tag != "fieldset":
            group = group.parent
        ids = field.attrs.get("aria-describedby", "").split() + (
            group.attrs.get("aria-describedby", "").split() if group is not None else [])
        described = [page.by_id(i) for i in ids]
        errors = [d for d in described if d is not None and d.attrs.get("id", "").endswith("_error")]
        assert errors and errors[0].text(), f"{field.attrs.get('id')} is not tied to its error"


def form_data(html, form_id=None):
    """What a browser would post from a page's form (``form_id``, or the first form with method=post) as
    it stands: {name: [values]}, ready for ``client.post`` after changing what the test wants."""
    page = parse(html)
    form = (page.by_id(form_id) if form_id else None) or next(
        node for node in page.iter() if node.tag == "form" and node.attrs.get("method", "").lower() == "post")
    data = {}
    for node in form.iter():
        name = node.attrs.get("name")
        if not name or "disabled" in node.attrs:
            continue
        if node.tag == "input":
            kind = node.attrs.get("type", "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"} or (
                    kind in {"checkbox", "radio"} and "checked" not in node.attrs):
                continue
            data.setdefault(name, []).append(node.attrs.get("value", "on" if kind == "checkbox" else ""))
        elif node.tag == "textarea":
            text = "".join(c for c in node.children if isinstance(c, str))
            data.setdefault(name, []).append(text[1:] if text.startswith("\n") else text)
        elif node.tag == "select":
            options = [o for o in node.iter() if o.tag == "option"]
            chosen = [o for o in options if "selected" in o.attrs]
            if not chosen and options and "multiple" not in node.attrs:
                chosen = options[:1]
            data.setdefault(name, []).extend(o.attrs.get("value", o.text()) for o in chosen)
    return data
