class EvaluationError(Exception):
    """A rule of the evaluation refused the action; the message is for the person who tried."""
