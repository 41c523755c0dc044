"""The rules of personal data: consent, a copy of my data, erasure, retention."""
from .consent import current_notice, needs_consent, publish_notice, record_consent  # noqa: F401
from .erasure import ErasureError, erase_person, request_erasure  # noqa: F401
from .exports import build_export, remove_expired_exports, request_export  # noqa: F401
from .retention import RetentionError, apply_due_retention, apply_retention, retention_report  # noqa: F401
