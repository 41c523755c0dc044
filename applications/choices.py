"""Fixed vocabularies of the prize, translatable."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantType(models.TextChoices):
    CITY = "city", _("City (local government)")
    COMPANY = "company", _("Company")
    INSTITUTION = "institution", _("Institution")
    INDIVIDUAL = "individual", _("Individual")


class Sector(models.TextChoices):
    MOBILITY = "mobility", _("Mobility and transportation")
    SAFETY = "safety", _("Safety")
    WELFARE = "welfare", _("Welfare")
    ENVIRONMENT = "environment", _("Environment")
    ENERGY = "energy", _("Energy")
    CULTURE = "culture", _("Culture")
    GOVERNANCE = "governance", _("Governance")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    ECONOMY = "economy", _("Economy")


class TargetGroup(models.TextChoices):
    ALL_RESIDENTS = "all", _("All residents")
    ELDERLY = "elderly", _("Elderly people")
    YOUTH = "youth", _("Children and youth")
    DISABILITIES = "disabilities", _("People with disabilities")
    MIGRANTS = "migrants", _("Migrants and refugees")
    LOW_INCOME = "low_income", _("Low-income residents")
    WOMEN = "women", _("Women and girls")
    OTHER = "other", _("Other groups")


class ImplementationStage(models.TextChoices):
    PLANNING = "planning", _("Planning")
    PILOT = "pilot", _("Pilot")
    IMPLEMENTATION = "implementation", _("Being implemented")
    SCALED = "scaled", _("Scaled up")
    COMPLETED = "completed", _("Completed")
