"""Ranking maths, free of the database: weighted means, per-judge z-scores, tie-breaks, agreement (ICC).

A harsh or lenient judge should not decide a result, so every judge's weighted scores are turned into
z-scores against that judge's own mean and spread across the round; an entry's normalised score is the
mean of its judges' z-scores. The agreement statistic is the one-way intraclass correlation ICC(1),
the one that fits our design: each entry is scored by its own set of judges.

Equal numbers must compare equal: weights, weighted scores, means and variances are exact fractions, so a
judge whose scores are all equal has a spread of exactly zero whatever the weights (with floats, 0.3 × 1 +
0.7 × 10 and 0.3 × 8 + 0.7 × 7 differ in the last bit, and that bit became a z-score of ±1). Only the
z-scores themselves need a square root; normalised scores closer than ``TOLERANCE`` are the same score.
Ties are never settled silently: only the round's declared tie-break separates entries with the same
score; entries it cannot separate share a rank, and a tie at an advancement cut is the secretariat's to
decide (see ``cut_tie``).
"""
import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from fractions import Fraction

from django.utils.translation import gettext as _

TOLERANCE = 1e-9  # normalised scores (sums of square roots) this close are the same score


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    code: str
    name: str
    weight: object  # Decimal, int, Fraction, or a float read as the decimal it was written as


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
    rank: int | None = None  # shared by entries the declared tie-break cannot separate
    score_tie: int | None = None  # position where a group of entries with the same score starts
    settled_by: str = ""  # the tie-break criterion that put this entry below the one above it


@dataclass
class JudgeResult:
    judge_id: int
    name: str = ""
    done: int = 0
    assigned: int = 0
    mean: float | None = None
    sd: float | None = None
    severity: float | None = None  # mean difference from the other judges of the same entries; < 0 is harsher


def exact(number):
    """``number`` as a fraction, with no rounding; a float counts as the decimal it prints as (0.3 is 3/10)."""
    if number is None:
        return None
    return Fraction(repr(number)) if isinstance(number, float) else Fraction(number)


def as_float(value):
    return None if value is None else float(value)


def mean(values):
    """The exact mean (a Fraction), or None for no values."""
    values = [exact(v) for v in values]
    return sum(values) / len(values) if values else None


def population_variance(values):
    values = [exact(v) for v in values]
    if not values:
        return None
    average = sum(values) / len(values)
    return sum((v - average) ** 2 for v in values) / len(values)


def population_sd(values):
    """Population standard deviation; exactly 0.0 when the values are all equal."""
    variance = population_variance(values)
    return None if variance is None else math.sqrt(variance)


def weighted_score(values, criteria):
    """Σ weight × score / Σ weight over the criteria (all of them must be scored), as an exact fraction."""
    total_weight = sum(exact(c.weight) for c in criteria)
    return sum(exact(c.weight) * exact(values[c.code]) for c in criteria) / total_weight


def z_scores(weighted_by_review, judge_of_review):
    """{review: z} with each judge's own mean and (population) standard deviation.

    A judge whose scores do not vary (or who reviewed one entry) says nothing about rank: z = 0, exactly.
    z is computed from the exact z² so that equal standings give the same float, bit for bit.
    """
    by_judge = defaultdict(list)
    for review, value in weighted_by_review.items():
        by_judge[judge_of_review[review]].append(value)
    stats = {judge: (mean(values), population_variance(values)) for judge, values in by_judge.items()}
    result = {}
    for review, value in weighted_by_review.items():
        average, variance = stats[judge_of_review[review]]
        deviation = exact(value) - average
        result[review] = 0.0 if not variance or not deviation else math.copysign(
            math.sqrt(deviation * deviation / variance), deviation)
    return result


def mean_of_floats(values):
    """Mean of z-scores, correctly rounded (``fsum``): the same z-scores give the same mean in any order."""
    values = list(values)
    return math.fsum(values) / len(values) if values else None


def icc1(groups):
    """One-way random-effects ICC(1) of groups of ratings (one group per entry, any number of raters).

    ICC = (MSB − MSW) / (MSB + (k₀ − 1)·MSW), with k₀ the adjusted mean group size for unequal groups.
    Returns None when it is not defined (fewer than two entries with two or more ratings, or no variance).
    """
    groups = [[exact(x) for x in g] for g in groups if len(g) >= 2]
    n = len(groups)
    if n < 2:
        return None
    total = sum(len(g) for g in groups)
    grand = sum(sum(g) for g in groups) / total
    ss_between = sum(len(g) * (mean(g) - grand) ** 2 for g in groups)
    ss_within = sum(sum((x - mean(g)) ** 2 for x in g) for g in groups)
    ms_between = ss_between / (n - 1)
    ms_within = ss_within / (total - n)
    k0 = (total - Fraction(sum(len(g) ** 2 for g in groups), total)) / (n - 1)
    denominator = ms_between + (k0 - 1) * ms_within
    if denominator == 0:
        return None
    return float((ms_between - ms_within) / denominator)


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


def same_score(a, b):
    """Exact fractions tie when equal; normalised scores (floats) when within ``TOLERANCE``."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a == b
    return abs(a - b) <= TOLERANCE


def rank_rows(rows, *, primary, tie_values, tie_break):
    """Order one category and give each row its rank and tie marks.

    ``primary``: {entry_id: score} (higher first); ``tie_values``: {entry_id: [exact mean per tie-break
    criterion]}. Rows with the same score form a tie group; inside it the declared tie-break orders them,
    and rows it cannot separate share a rank (listed by reference, which decides nothing). Unscored rows
    come last, without a rank.
    """
    scored = sorted((r for r in rows if r.entry_id in primary), key=lambda r: (-primary[r.entry_id], r.reference))
    groups = []
    for row in scored:
        if groups and same_score(primary[groups[-1][0].entry_id], primary[row.entry_id]):
            groups[-1].append(row)
        else:
            groups.append([row])

    def by_tie_break(row):
        return tuple((1, 0) if v is None else (0, -v) for v in tie_values[row.entry_id])

    ordered = []
    for group in groups:
        group.sort(key=lambda r: (by_tie_break(r), r.reference, r.entry_id))
        start = len(ordered) + 1
        for row in group:
            above = ordered[-1] if len(ordered) >= start else None
            row.score_tie = start if len(group) > 1 else None
            row.settled_by = ""
            if above is not None and tie_values[above.entry_id] == tie_values[row.entry_id]:
                row.rank = above.rank
            else:
                row.rank = len(ordered) + 1
                if above is not None:
                    row.settled_by = next(code for code, mine, theirs in zip(
                        tie_break, tie_values[row.entry_id], tie_values[above.entry_id]) if mine != theirs)
            ordered.append(row)
    unscored = sorted((r for r in rows if r.entry_id not in primary), key=lambda r: (r.reference, r.entry_id))
    for row in unscored:
        row.rank, row.score_tie, row.settled_by = None, None, ""
    return ordered + unscored


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

    primary, tie_values = {}, {}
    for entry in entries:
        mine = reviews_of_entry.get(entry.entry_id, [])
        entry.expected = expected.get(entry.entry_id, 0)
        entry.done = len(mine)
        if mine:
            values = [weighted[r.assignment_id] for r in mine]
            weighted_mean = mean(values)
            entry.weighted_mean = float(weighted_mean)
            entry.normalised = mean_of_floats(z[r.assignment_id] for r in mine)
            entry.sd = population_sd(values) if len(values) > 1 else None
            entry.disagreement = len(values) > 1 and population_variance(values) > exact(disagreement_threshold) ** 2
            means = {c.code: mean(r.values[c.code] for r in mine) for c in criteria}
            entry.criterion_means = {code: float(value) for code, value in means.items()}
            primary[entry.entry_id] = weighted_mean if basis == "weighted" else entry.normalised
            tie_values[entry.entry_id] = [means.get(code) for code in tie_break]

    categories, order = {}, []
    for entry in entries:
        if entry.category_id not in categories:
            categories[entry.category_id] = []
            order.append(entry.category_id)
        categories[entry.category_id].append(entry)
    ranked = []
    for category_id in order:
        rows = rank_rows(categories[category_id], primary=primary, tie_values=tie_values, tie_break=list(tie_break))
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
        results.append(JudgeResult(judge_id=judge_id, name=name, done=len(mine), assigned=assigned,
                                   mean=as_float(mean(values)), sd=population_sd(values),
                                   severity=as_float(mean(differences))))
    return results


@dataclass
class CutTie:
    """Entries with the same score on both sides of a top-N cut (the tie band), and how the tie is settled."""

    band: list  # entry ids with the score at the cut
    settled_by: str  # the declared tie-break criterion that separates them at the cut, or ""
    unsettled: list  # entry ids the declared tie-break cannot separate at the cut: the secretariat decides
    places: int  # how many of the unsettled entries the rule has room for


def cut_tie(*, rows, rule, top_n):
    """The tie at the round's cut in one category's ranked rows, or None when the cut falls between scores."""
    scored = [row for row in rows if row.done]
    if rule != "top_n" or not 0 < top_n < len(scored):
        return None
    last_in, first_out = scored[top_n - 1], scored[top_n]
    if last_in.score_tie is None or last_in.score_tie != first_out.score_tie:
        return None
    band = [row.entry_id for row in scored if row.score_tie == last_in.score_tie]
    if last_in.rank != first_out.rank:
        return CutTie(band=band, settled_by=first_out.settled_by, unsettled=[], places=0)
    level = [row for row in scored if row.rank == last_in.rank]
    return CutTie(band=band, settled_by="", unsettled=[row.entry_id for row in level],
                  places=top_n - scored.index(level[0]))


def propose(*, rows, rule, top_n=0, min_score=0.0, overrides=None):
    """Who advances under the round's rule, per category, before and after the secretariat's overrides.

    ``rows``: one category's ranked [EntryResult]. ``overrides``: {entry_id: ("include"|"exclude", reason)}.
    Returns [(row, by_rule, decision)]; both are None for an entry in a tie at the cut that the declared
    tie-break cannot settle, until the secretariat includes or excludes it.
    """
    overrides = overrides or {}
    tie = cut_tie(rows=rows, rule=rule, top_n=top_n)
    undecided = set(tie.unsettled) if tie else set()
    proposal = []
    for position, row in enumerate(rows, start=1):
        if row.entry_id in undecided:
            by_rule = None
        elif rule == "top_n":
            by_rule = bool(row.done) and position <= top_n
        elif rule == "min_score":
            by_rule = row.normalised is not None and row.normalised >= min_score - TOLERANCE
        else:
            by_rule = False
        override = overrides.get(row.entry_id, ("", ""))[0]
        decision = True if override == "include" else False if override == "exclude" else by_rule
        proposal.append((row, by_rule, decision))
    return proposal
