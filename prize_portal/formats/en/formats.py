# Read with django.utils.formats (e.g. ``date_format(value, "DATETIME_FORMAT")``); anything not set here
# comes from Django's own English formats.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
