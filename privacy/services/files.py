from django.core.files.storage import default_storage


def delete_file(field_file):
    """Remove a stored file; a file already gone is not an error (tasks and erasures may run twice)."""
    if field_file:
        default_storage.delete(field_file.name)


def file_mentions(field_file, strings):
    """Does the stored file's text name any of ``strings``? (Plain-text matches only: a safety net.)"""
    if not field_file or not default_storage.exists(field_file.name):
        return False
    with default_storage.open(field_file.name, "rb") as handle:
        content = handle.read().decode("utf-8", errors="ignore").casefold()
    return any(s.casefold() in content for s in strings)
