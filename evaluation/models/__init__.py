"""Committees and judges; rounds, criteria and the entries in them; assignments, scores and conflicts."""
from .committees import Committee, CommitteeMember, Invitation, JudgeProfile
from .reviews import Assignment, Conflict, Score
from .rounds import Criterion, Round, RoundEntry

__all__ = ["Committee", "CommitteeMember", "Invitation", "JudgeProfile", "Round", "Criterion", "RoundEntry",
           "Assignment", "Score", "Conflict"]
