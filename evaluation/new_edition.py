"""A new edition takes over the rounds of the edition it copies — their settings and criteria, not their dates,
status or judges — or the default three rounds. Each committee is created afresh, without members."""
from .models import Committee, Criterion, Round
from .services.rounds import create_default_rounds

ROUND_FIELDS = ("number", "name", "description", "judges_per_entry", "scale_min", "scale_max", "score_visibility",
                "conflict_same_country", "advancement_rule", "advance_top_n", "advance_min_score", "ranking_basis",
                "tie_break", "disagreement_threshold")
CRITERION_FIELDS = ("code", "name", "description", "weight", "order")


def copy_rounds(sender, *, edition, copy_from, by=None, **kwargs):
    rounds = list(Round.objects.filter(edition=copy_from).select_related("committee")
                  .prefetch_related("criteria", "categories")) if copy_from else []
    if not rounds:
        committee = Committee.objects.create(edition=edition, name="Evaluation Committee",
                                             kind=Committee.Kind.EVALUATION)
        create_default_rounds(edition=edition, committee=committee, by=by)
        return
    categories = {category.slug: category for category in edition.categories.all()}
    committees = {}
    for old in rounds:
        if old.committee_id not in committees:
            committees[old.committee_id] = Committee.objects.create(edition=edition, name=old.committee.name,
                                                                    kind=old.committee.kind)
        new = Round.objects.create(edition=edition, committee=committees[old.committee_id],
                                   **{field: getattr(old, field) for field in ROUND_FIELDS})
        new.categories.set([categories[c.slug] for c in old.categories.all() if c.slug in categories])
        Criterion.objects.bulk_create([Criterion(round=new, **{field: getattr(c, field) for field in CRITERION_FIELDS})
                                       for c in old.criteria.all()])
