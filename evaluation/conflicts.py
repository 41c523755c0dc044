"""Automatic conflicts of interest, each with a reason a person can read.

A judge is conflicted with an entry when they share the applicant's organisation, or a non-public email
domain, or — when the round asks for it — the applicant's country. Declared conflicts and those the
secretariat records are stored (``Conflict``) and added on top.

The functions here work on small "facts" records, so that 2,000 entries × 150 judges are checked through
dictionary look-ups rather than 300,000 comparisons.
"""
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Addresses on these domains say nothing about where someone works.
PUBLIC_EMAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "yahoo.co.kr",
    "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "mail.ru",
    "yandex.ru", "yandex.com", "naver.com", "daum.net", "hanmail.net", "kakao.com", "nate.com", "qq.com", "163.com",
    "126.com", "zoho.com", "mail.com", "hotmail.fr", "orange.fr", "laposte.net", "uol.com.br", "bol.com.br",
})


def normalise_organisation(name):
    """“Beyoğlu  BELEDİYESİ.”, “beyoglu belediyesi” and “São Paulo”/“Sao Paulo” match.

    Case is folded, accents dropped (Turkish İ folds to i plus a combining dot) and the dotless ı read as i,
    so that the same organisation typed on two keyboards is recognised.
    """
    text = unicodedata.normalize("NFKD", (name or "").casefold()).replace("ı", "i")
    text = unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def organisation_domain(email):
    """The email's domain when it names an organisation; None for public mail services."""
    if not email or "@" not in email:
        return None
    domain = email.rsplit("@", 1)[1].strip().lower()
    return None if domain in PUBLIC_EMAIL_DOMAINS or not domain else domain


@dataclass(frozen=True)
class JudgeFacts:
    id: int
    organisation: str = ""
    domain: str | None = None
    country: str = ""
    region: str = ""


@dataclass(frozen=True)
class EntryFacts:
    id: int
    organisations: frozenset = frozenset()
    domains: frozenset = frozenset()
    countries: frozenset = frozenset()


def judge_facts(user):
    profile = getattr(user, "judge_profile", None)
    return JudgeFacts(
        id=user.pk,
        organisation=normalise_organisation(profile.organisation if profile else ""),
        domain=organisation_domain(user.email),
        country=str(profile.country) if profile and profile.country else "",
        region=profile.region if profile else "",
    )


def application_facts(application, *, key=None):
    applicant = application.applicant
    organisations = {applicant.name, applicant.organisation}
    emails = {applicant.contact_email, applicant.user.email}
    countries = {str(applicant.country) if applicant.country else ""}
    if application.is_nomination:
        organisations.add(application.nominee_organisation)
        emails.add(application.nominee_email)
        countries.add(str(application.nominee_country) if application.nominee_country else "")
    return EntryFacts(
        id=application.pk if key is None else key,
        organisations=frozenset(o for o in map(normalise_organisation, organisations) if o),
        domains=frozenset(d for d in map(organisation_domain, emails) if d),
        countries=frozenset(c for c in countries if c),
    )


def automatic_reason(judge, entry, *, same_country):
    """The first reason ``judge`` may not review ``entry``, or ``None``."""
    if judge.organisation and judge.organisation in entry.organisations:
        return _("same organisation")
    if judge.domain and judge.domain in entry.domains:
        return _("same email domain: %(domain)s") % {"domain": judge.domain}
    if same_country and judge.country and judge.country in entry.countries:
        return _("same country: %(country)s") % {"country": judge.country}
    return None


class ConflictIndex:
    """All judges' facts indexed by organisation, domain and country, for fast look-ups per entry."""

    def __init__(self, judges, *, same_country):
        self.same_country = same_country
        self.judges = {judge.id: judge for judge in judges}
        self.by_organisation, self.by_domain, self.by_country = defaultdict(list), defaultdict(list), defaultdict(list)
        for judge in sorted(judges, key=lambda j: j.id):
            if judge.organisation:
                self.by_organisation[judge.organisation].append(judge.id)
            if judge.domain:
                self.by_domain[judge.domain].append(judge.id)
            if judge.country:
                self.by_country[judge.country].append(judge.id)

    def conflicts(self, entry):
        """``{judge_id: reason}`` of the automatic conflicts of ``entry``."""
        found = {}
        candidates = set()
        for organisation in entry.organisations:
            candidates.update(self.by_organisation.get(organisation, ()))
        for domain in entry.domains:
            candidates.update(self.by_domain.get(domain, ()))
        if self.same_country:
            for country in entry.countries:
                candidates.update(self.by_country.get(country, ()))
        for judge_id in sorted(candidates):
            reason = automatic_reason(self.judges[judge_id], entry, same_country=self.same_country)
            if reason:
                found[judge_id] = reason
        return found
