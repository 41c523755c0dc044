"""Who may reach which privacy record: a copy of personal data belongs to its owner alone."""


def can_download_export(user, export):
    return user.is_authenticated and export.user_id == user.pk and export.is_downloadable
