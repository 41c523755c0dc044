from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One side effect of a committed action (an email, a certificate to render), written in the same
    transaction as the action. It stays pending until a worker has run its task, so a broker or mail outage
    delays it but never loses it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed (gave up)")

    task = models.CharField(_("task"), max_length=100, help_text=_("The Celery task that does the work."))
    args = models.JSONField(_("arguments"), default=list, blank=True)
    key = models.CharField(_("key"), max_length=200, unique=True, null=True, blank=True,
                           help_text=_("Names the side effect: scheduled twice with one key, it is delivered once."))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    available_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [models.Index(fields=["status", "available_at"], name="outbox_due")]
        permissions = [("retry_outboxmessage", _("Can retry outbox messages now"))]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"
