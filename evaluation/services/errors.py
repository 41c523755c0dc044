class EvaluationError(Exception):
    """A rule of the evaluation refused the action; the message is for the person who tried.

    ``problems`` says where, when the refusal is about particular parts of a form: {criterion code or
    "comment": message}, so each problem can be shown next to its field."""

    def __init__(self, message, *, problems=None):
        super().__init__(message)
        self.problems = problems or {}
