"""Ranking maths, free of the database: weighted means, per-judge z-scores, tie-breaks, agreement (ICC).

A harsh or lenient judge should not decide a result, so every judge's weighted scores are turned into
z-scores against that judge's own mean and spread across the round; an entry's normalised score is the
mean of its judges' z-scores. The agreement statistic is the one-way intraclass correlation ICC(1),
the one that fits our design: each entry is scored by its own set of judges.
"""
import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

PRECISION = 9  # scores equal to this many decimals are a tie


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    code: str
    name: str
    weight: float


@dataclass(frozen=True)
class ReviewScores:
    assignment_id: int
    entry_id: int
    judge_id: int
    values: dict  # criterion code -> score


@dataclass
class EntryResult:
    entry_id: int
    category_id: int
    reference: str = ""
    title: str = ""
    country: str = ""
    weighted_mean: float | None = None
    normalised: float | None = None
    sd: float | None = None
    disagreement: bool = False
    done: int = 0
    expected: int = 0
    criterion_means: dict = field(default_factory=dict)
    rank: int | None = None


@dataclass
class JudgeResult:
    judge_id: int
    name: str = ""
    done: int = 0
    assigned: int = 0
    mean: float | None = None
    sd: float | None = None
    severity: float | None = None  # mean difference from the other judges of the same entries; < 0 is harsher


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else None


def population_sd(values):
    values = list(values)
    if not values:
        return None
    average = mean(values)
    return math.sqrt(sum((v - average) ** 2 for v in values) / len(values))


def weighted_score(values, criteria):
    """Σ weight × score / Σ weight over the criteria (all of them must be scored)."""
    total_weight = sum(c.weight for c in criteria)
    return sum(c.weight * values[c.code] for c in criteria) / total_weight


def z_scores(weighted_by_review, judge_of_review):
    """{review: z} with each judge's own mean and (population) standard deviation.

    A judge whose scores do not vary (or who reviewed one entry) says nothing about rank: z = 0.
    """
    by_judge = defaultdict(list)
    for review, value in weighted_by_review.items():
        by_judge[judge_of_review[review]].append(value)
    stats = {judge: (mean(values), population_sd(values)) for judge, values in by_judge.items()}
    result = {}
    for review, value in weighted_by_review.items():
        average, sd = stats[judge_of_review[review]]
        result[review] = 0.0 if not sd else (value - average) / sd
    return result


def icc1(groups):
    """One-way random-effects ICC(1) of groups of ratings (one group per entry, any number of raters).

    ICC = (MSB − MSW) / (MSB + (k₀ − 1)·MSW), with k₀ the adjusted mean group size for unequal groups.
    Returns None when it is not defined (fewer than two entries with two or more ratings, or no variance).
    """
    groups = [list(g) for g in groups if len(g) >= 2]
    n = len(groups)
    if n < 2:
        return None
    total = sum(len(g) for g in groups)
    grand = sum(sum(g) for g in groups) / total
    ss_between = sum(len(g) * (mean(g) - grand) ** 2 for g in groups)
    ss_within = sum(sum((x - mean(g)) ** 2 for x in g) for g in groups)
    ms_between = ss_between / (n - 1)
    ms_within = ss_within / (total - n)
    k0 = (total - sum(len(g) ** 2 for g in groups) / total) / (n - 1)
    denominator = ms_between + (k0 - 1) * ms_within
    if denominator == 0:
        return None
    return (ms_between - ms_within) / denominator


def agreement_sentence(icc):
    """One plain sentence for the secretariat (bands of Koo & Li, 2016)."""
    if icc is None:
        return _("Not enough overlapping reviews yet to measure how far the judges agree.")
    if icc < 0.5:
        band = _("poor: the judges often disagree on these entries, so read the comments before deciding")
    elif icc < 0.75:
        band = _("moderate: the judges broadly agree, with some entries judged quite differently")
    elif icc < 0.9:
        band = _("good: the judges largely agree on which entries are stronger")
    else:
        band = _("excellent: the judges agree closely")
    return _("Agreement between judges (ICC) is %(icc).2f — %(band)s.") % {"icc": icc, "band": band}


def ranking_key(result, *, basis, tie_break):
    """Higher primary score first; then higher means of the tie-break criteria; then weighted mean; then
    reference, so the order is total and the same every time."""
    primary = result.normalised if basis == "normalised" else result.weighted_mean

    def descending(value):
        return (1, 0.0) if value is None else (0, -round(value, PRECISION))

    return (descending(primary), *(descending(result.criterion_means.get(code)) for code in tie_break),
            descending(result.weighted_mean), result.reference, result.entry_id)


@dataclass
class Results:
    categories: list  # [{"id", "name", "rows": [EntryResult], "icc", "agreement"}]
    judges: list  # [JudgeResult]

    def as_dict(self):
        return {
            "categories": [{**{k: v for k, v in c.items() if k != "rows"}, "rows": [asdict(r) for r in c["rows"]]}
                           for c in self.categories],
            "judges": [asdict(j) for j in self.judges],
        }

    @classmethod
    def from_dict(cls, data):
        categories = [{**{k: v for k, v in c.items() if k != "rows"}, "rows": [EntryResult(**r) for r in c["rows"]]}
                      for c in data["categories"]]
        return cls(categories=categories, judges=[JudgeResult(**j) for j in data["judges"]])

    def rows(self):
        return [row for category in self.categories for row in category["rows"]]


def compute(*, criteria, entries, reviews, expected, judges=None, basis="normalised", tie_break=(),
            disagreement_threshold=2.0):
    """Rank ``entries`` per category.

    ``entries``: [EntryResult] with entry_id, category_id, reference, title, country filled in.
    ``reviews``: [ReviewScores] of submitted reviews. ``expected``: {entry_id: assignments};
    ``judges``: {judge_id: (name, assigned count)}; ``categories`` are taken from the entries' order.
    """
    weighted = {r.assignment_id: weighted_score(r.values, criteria) for r in reviews}
    judge_of = {r.assignment_id: r.judge_id for r in reviews}
    z = z_scores(weighted, judge_of)
    reviews_of_entry = defaultdict(list)
    for review in reviews:
        reviews_of_entry[review.entry_id].append(review)

    for entry in entries:
        mine = reviews_of_entry.get(entry.entry_id, [])
        entry.expected = expected.get(entry.entry_id, 0)
        entry.done = len(mine)
        if mine:
            values = [weighted[r.assignment_id] for r in mine]
            entry.weighted_mean = mean(values)
            entry.normalised = mean(z[r.assignment_id] for r in mine)
            entry.sd = population_sd(values) if len(values) > 1 else None
            entry.disagreement = entry.sd is not None and entry.sd > disagreement_threshold
            entry.criterion_means = {c.code: mean(r.values[c.code] for r in mine) for c in criteria}

    categories, order = {}, []
    for entry in entries:
        if entry.category_id not in categories:
            categories[entry.category_id] = []
            order.append(entry.category_id)
        categories[entry.category_id].append(entry)
    ranked = []
    for category_id in order:
        rows = sorted(categories[category_id], key=lambda r: ranking_key(r, basis=basis, tie_break=tie_break))
        for position, row in enumerate(rows, start=1):
            row.rank = position if row.done else None
        icc = icc1([[weighted[r.assignment_id] for r in reviews_of_entry.get(row.entry_id, [])] for row in rows])
        ranked.append({"id": category_id, "rows": rows, "icc": icc, "agreement": agreement_sentence(icc)})

    return Results(categories=ranked, judges=_judge_results(reviews, weighted, reviews_of_entry, judges or {}))


def _judge_results(reviews, weighted, reviews_of_entry, judges):
    by_judge = defaultdict(list)
    for review in reviews:
        by_judge[review.judge_id].append(review)
    results = []
    for judge_id in sorted(set(by_judge) | set(judges)):
        mine = by_judge.get(judge_id, [])
        values = [weighted[r.assignment_id] for r in mine]
        differences = []
        for review in mine:
            others = [weighted[o.assignment_id] for o in reviews_of_entry[review.entry_id] if o.judge_id != judge_id]
            if others:
                differences.append(weighted[review.assignment_id] - mean(others))
        name, assigned = judges.get(judge_id, ("", len(mine)))
        results.append(JudgeResult(judge_id=judge_id, name=name, done=len(mine), assigned=assigned, mean=mean(values),
                                   sd=population_sd(values), severity=mean(differences)))
    return results


def propose(*, rows, rule, top_n=0, min_score=0.0, overrides=None):
    """Who advances under the round's rule, per category, before and after the secretariat's overrides.

    ``rows``: one category's ranked [EntryResult]. ``overrides``: {entry_id: ("include"|"exclude", reason)}.
    Returns [(row, by_rule, decision)].
    """
    overrides = overrides or {}
    proposal = []
    for position, row in enumerate(rows, start=1):
        if rule == "top_n":
            by_rule = bool(row.done) and position <= top_n
        elif rule == "min_score":
            by_rule = row.normalised is not None and round(row.normalised, PRECISION) >= min_score
        else:
            by_rule = False
        override = overrides.get(row.entry_id, ("", ""))[0]
        decision = True if override == "include" else False if override == "exclude" else by_rule
        proposal.append((row, by_rule, decision))
    return proposal
