"""The secretariat runs the evaluation here: committees and invitations, rounds and their criteria, and for
each round a control panel (open, assign, close, reopen, remind), the results, and the advancement."""
from . import committees, reviews, rounds  # noqa: F401  (each registers its models)
from . import kept_work  # noqa: F401,E402  (what is never deleted)
