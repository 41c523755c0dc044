def current_edition_overview():
    return None
