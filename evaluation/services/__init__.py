"""The rules of judging the prize. Views, the admin and tasks call these; tests call them directly.

Each transition checks the state it starts from, changes state in one transaction, records an audit entry
and schedules its emails with ``transaction.on_commit``.
"""
from .assigning import (
    AssignmentReport,
    add_assignment,
    assign,
    assignment_problem,
    blocked_judges,
    conflict_reason,
    declare_conflict,
    record_conflict,
    remind_late_judges,
    remove_assignment,
)
from .refreshing import RefreshReport, refresh_assignments, released_entries
from .committees import accept_invitation, create_judge_account, invite_judge
from .errors import EvaluationError
from .results import advancement_preview, load_results, round_progress
from .reviews import save_review_draft, submit_review
from .rounds import (
    DEFAULT_CRITERIA,
    DEFAULT_ROUNDS,
    close_round,
    confirm_advancement,
    create_default_rounds,
    ensure_criteria_editable,
    last_round_outcome,
    open_round,
    reopen_round,
    set_application_stage,
    set_override,
)

__all__ = [
    "AssignmentReport", "add_assignment", "assign", "assignment_problem", "blocked_judges", "conflict_reason", "declare_conflict",
    "record_conflict", "remind_late_judges", "remove_assignment", "accept_invitation", "create_judge_account",
    "refresh_assignments", "RefreshReport", "released_entries",
    "invite_judge", "EvaluationError", "advancement_preview", "load_results", "round_progress", "save_review_draft",
    "submit_review", "DEFAULT_CRITERIA", "DEFAULT_ROUNDS", "close_round", "confirm_advancement",
    "create_default_rounds", "ensure_criteria_editable", "last_round_outcome", "open_round", "reopen_round", "set_application_stage",
    "set_override",
]
