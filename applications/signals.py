"""What the applications service tells higher apps, which subscribe instead of being imported here.

Both are sent inside the service's transaction: a receiver that fails rolls the whole step back.
"""
from django.dispatch import Signal

# application, eligible (bool), by
application_screened = Signal()
# application, previous_status, by, reason
application_withdrawn = Signal()
# edition (new, with its categories), copy_from (an Edition or None), by — higher apps copy their own settings
edition_started = Signal()
