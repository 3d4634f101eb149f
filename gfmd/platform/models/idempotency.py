from django.conf import settings
from django.db import models


class IdempotencyKey(models.Model):
    """A POST made with an Idempotency-Key header, and the response it got.

    A retry with the same key and the same request replays the stored response and
    creates nothing; only successful responses are kept (a failed request rolls back).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of method, path and body.")
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotencykey_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.status_code})"
