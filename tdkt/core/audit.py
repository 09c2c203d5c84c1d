"""The audit log: every service writes an AuditEvent in the same transaction as its change."""
from __future__ import annotations

import datetime
import decimal

from django.db import models
from django.db.models.fields.files import FieldFile

from .choices import AuditAction
from .models import AuditEvent

# Derived columns that only mirror other fields; leaving them out keeps the history readable.
_SKIP = {"search_text", "sort_key", "path", "recipient_sort_key", "family_name", "middle_name", "given_name"}


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(obj: models.Model) -> dict:
    """The record's own fields as JSON-able values (foreign keys as ids)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in _SKIP:
            continue
        data[field.attname] = _plain(getattr(obj, field.attname))
    return data


def user_of(actor):
    """The stored user behind an actor: None for anonymous visitors and the unsaved system actor."""
    return actor if getattr(actor, "is_authenticated", False) and getattr(actor, "pk", None) else None


def record(actor, action: str, obj: models.Model, before: dict | None = None, after: dict | None = None,
           note: str = "") -> AuditEvent:
    user = user_of(actor)
    return AuditEvent.objects.create(
        actor=user, action=action, model=obj._meta.label_lower, object_id=str(obj.pk),
        object_repr=str(obj)[:300], before=before, after=after, note=note[:500],
    )


def created(actor, obj, note: str = ""):
    return record(actor, AuditAction.CREATE, obj, None, snapshot(obj), note)


def changed(actor, obj, before: dict, note: str = "", action: str = AuditAction.UPDATE):
    after = snapshot(obj)
    if before == after and action == AuditAction.UPDATE:
        return None
    return record(actor, action, obj, before, after, note)


def deleted(actor, obj, note: str = ""):
    return record(actor, AuditAction.DELETE, obj, snapshot(obj), None, note)


def history(obj: models.Model):
    return AuditEvent.objects.filter(model=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")
