"""The judges' own pages: the reviewer dashboard, the review page, declaring a conflict, accepting an
invitation. Thin: parse the request, call one service, render. Access is decided in ``rules``."""
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Q, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.roles import is_secretariat
from prize_portal.ids import parse_id

from . import rules, services
from .forms import ConflictForm, NewJudgeAccountForm, ReviewForm
from .models import Assignment, Invitation, Round

SORTS = {
    "reference": "entry__application__reference", "title": "entry__application__title",
    "category": "entry__application__category__name", "country": "entry__application__applicant__country",
    "status": "status",
}


def _progress(assignments):
    """{round id: (submitted, total)} for the judge's visible assignments, in one query."""
    rows = assignments.order_by().values("round_id").annotate(
        total=Count("pk"), submitted=Count("pk", filter=Q(status=Assignment.Status.SUBMITTED)))
    return {row["round_id"]: (row["submitted"], row["total"]) for row in rows}


@login_required
def dashboard(request):
    if not (rules.is_judge(request.user) or is_secretariat(request.user)):
        raise PermissionDenied
    visible = rules.judge_assignments(request.user)
    rounds = list(Round.objects.filter(pk__in=visible.values("round_id")).select_related("edition")
                  .defer("result_snapshot").order_by("-edition__year", "-number"))
    progress = _progress(visible)
    for round in rounds:
        round.done, round.total = progress.get(round.pk, (0, 0))
        round.percent = int(100 * round.done / round.total) if round.total else 0
    # The frozen results of a finalized round are large; the dashboard never needs them.
    rows = (visible.select_related("round__edition", "entry__application__category",
                                   "entry__application__applicant__user").defer("round__result_snapshot"))
    filters = {"round": request.GET.get("round", ""), "status": request.GET.get("status", ""),
               "category": request.GET.get("category", ""), "sort": request.GET.get("sort", "reference")}
    round_id, category_id = parse_id(filters["round"]), parse_id(filters["category"])
    if round_id is not None:
        rows = rows.filter(round_id=round_id)
    elif rounds and not filters["round"]:
        open_rounds = [r.pk for r in rounds if r.status == Round.Status.OPEN]
        rows = rows.filter(round_id__in=open_rounds or [rounds[0].pk])
    if filters["status"] in Assignment.Status.values:
        rows = rows.filter(status=filters["status"])
    if category_id is not None:
        rows = rows.filter(entry__application__category_id=category_id)
    rows = rows.order_by(SORTS.get(filters["sort"], SORTS["reference"]), "entry__application__reference")
    categories = {}
    rows = rules.unconflicted(request.user, rows)
    for assignment in rows:
        categories[assignment.entry.application.category_id] = assignment.entry.application.category.name
    return render(request, "evaluation/dashboard.html", {
        "rounds": rounds, "rows": rows, "filters": filters, "statuses": Assignment.Status.choices,
        "categories": sorted(categories.items(), key=lambda item: item[1]), "sorts": [
            ("reference", _("Reference")), ("title", _("Title")), ("category", _("Category")),
            ("country", _("Country")), ("status", _("Status"))],
    })


def _visible_assignment(request, pk):
    """The judge's own, unconflicted assignment — or 404, whoever else asks."""
    assignment = rules.judge_assignment(request.user, pk)
    if assignment is None:
        raise Http404
    return assignment


def _other_reviews(assignment):
    """Other judges' submitted reviews, anonymised (Judge A, B…), when the round's visibility allows."""
    others = list(Assignment.objects.filter(entry=assignment.entry, status=Assignment.Status.SUBMITTED)
                  .exclude(pk=assignment.pk).order_by("pk").prefetch_related("scores"))
    for index, other in enumerate(others):
        other.label = _("Judge %(letter)s") % {"letter": chr(ord("A") + index % 26)}
        other.by_criterion = {score.criterion_id: score.value for score in other.scores.all()}
    return others


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    assignment = _visible_assignment(request, pk)
    round = assignment.round
    editable = rules.can_edit_review(request.user, assignment)
    criteria = list(round.criteria.all())
    initial = {"comment": assignment.comment, "note": assignment.note_for_secretariat}
    saved = {score.criterion_id: score.value for score in assignment.scores.all()}
    initial.update({ReviewForm.field_name(c): saved.get(c.pk) for c in criteria})
    form = ReviewForm(request.POST if request.method == "POST" else None, initial=initial, criteria=criteria,
                      round=round, disabled=not editable)
    if request.method == "POST":
        if not editable:
            messages.error(request, _("The round is closed: this review can no longer change."))
            return redirect("evaluation:review", pk=assignment.pk)
        form.is_valid()
        scores, comment, note = form.scores(), form.cleaned_data.get("comment", ""), form.cleaned_data.get("note", "")
        try:
            if assignment.status != Assignment.Status.SUBMITTED:
                # Save what was typed first, so nothing is lost whatever else goes wrong.
                assignment = services.save_review_draft(assignment=assignment, by=request.user, scores=scores,
                                                        comment=comment, note=note)
            if "submit" in request.POST:
                assignment = services.submit_review(assignment=assignment, by=request.user, scores=scores,
                                                    comment=comment, note=note)
        except services.EvaluationError as error:
            messages.error(request, str(error))
            form.add_problems(error.problems)  # each one next to its criterion, and in the error summary
        else:
            if form.errors:
                messages.error(request, _("Your draft was saved, but some things need your attention below."))
            else:
                messages.success(request, _("Your review is submitted. You can still change it until the round "
                                            "closes.") if "submit" in request.POST else _("Draft saved."))
                return redirect("evaluation:review", pk=assignment.pk)
    mine = rules.judge_assignments(request.user).filter(round=round)
    done, total = _progress(mine).get(round.pk, (0, 0))
    # The next unsubmitted entry after this one by reference, wrapping round to the first: one query.
    after = Q(entry__application__reference__gt=assignment.entry.application.reference or "")
    next_assignment = (mine.exclude(pk=assignment.pk).exclude(status=Assignment.Status.SUBMITTED)
                       .select_related("entry__application")
                       .order_by(Case(When(after, then=0), default=1), "entry__application__reference").first())
    see_others = rules.can_see_other_scores(request.user, assignment)
    others = _other_reviews(assignment) if see_others else None
    others_table = [(c, [other.by_criterion.get(c.pk) for other in others]) for c in criteria] if others else []
    return render(request, "evaluation/review.html", {
        "assignment": assignment, "round": round, "application": assignment.entry.application, "form": form,
        "editable": editable, "criteria": criteria, "done": done, "total": total,
        "percent": int(100 * done / total) if total else 0, "next_assignment": next_assignment,
        "others": others, "others_table": others_table, "see_others": see_others,
        "total_weight": sum(c.weight for c in criteria),
    })


@login_required
@require_http_methods(["GET", "POST"])
def declare_conflict(request, pk):
    assignment = _visible_assignment(request, pk)
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _conflict, replacement, problem = services.declare_conflict(
                assignment=assignment, by=request.user, reason=form.cleaned_data["reason"])
        except services.EvaluationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you. The conflict is recorded and the entry has been removed from your "
                                        "list; the secretariat can see it."))
            return redirect("evaluation:dashboard")
    return render(request, "evaluation/conflict.html", {"assignment": assignment, "form": form,
                                                        "application": assignment.entry.application})


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("committee__edition"), token=token)
    user = request.user
    account_exists = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    form = None
    if user.is_authenticated:
        if request.method == "POST":
            try:
                services.accept_invitation(invitation=invitation, user=user)
            except services.EvaluationError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Welcome to the %(committee)s.") % {"committee": invitation.committee.name})
                return redirect("evaluation:dashboard")
    elif not account_exists and invitation.accepted_at is None:
        form = NewJudgeAccountForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            new_user = services.create_judge_account(
                invitation=invitation, password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"], last_name=form.cleaned_data["last_name"])
            services.accept_invitation(invitation=invitation, user=new_user)
            login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to the %(committee)s.") % {"committee": invitation.committee.name})
            return redirect("evaluation:dashboard")
    return render(request, "evaluation/invitation.html", {
        "invitation": invitation, "form": form, "account_exists": account_exists,
        "wrong_account": user.is_authenticated and user.email.casefold() != invitation.email.casefold()})
