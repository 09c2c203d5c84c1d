"""The one way a page fetches the record its URL names: `@fetch(Model, "pk")`.

On the model of NetBox's ObjectPermissionRequiredMixin + RestrictedQuerySet.restrict(): the URL
kwarg is resolved through `Model.objects.visible_to(user)` (or `editable_by(user)` with
editable=True) and the view receives the record instead of the id. A record outside the user's
scope answers 404, the same as a missing one, so scope holds by construction:

    @login_required
    @fetch(Dossier.objects.select_related("proposing_unit"), "pk")
    def dossier_detail(request, dossier): ...

The source is a model, a manager or a queryset (cloned on every request) whose queryset defines
`visible_to`; a model without it is refused when the module is imported, not when a user asks.
Public pages (the disclosure list, the certificate register) pass `public=...` naming the public
queryset method, so what is open to anyone is said where it is fetched.

Put `@login_required` above `@fetch`: an anonymous visitor is sent to log in before any lookup.
The decorator records what it fetches on the view (`view.scoped_fetches`), for the permission walker.
"""
from __future__ import annotations

from functools import wraps

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import Http404

# Largest primary key a database accepts (bigint); a larger id from a URL is simply not found.
MAX_ID = 2**63 - 1


def _queryset(source) -> models.QuerySet:
    if isinstance(source, type) and issubclass(source, models.Model):
        return source._default_manager.all()
    if isinstance(source, (models.Manager, models.QuerySet)):
        return source.all()
    raise ImproperlyConfigured(f"fetch() needs a model, a manager or a queryset, not {source!r}")


def scoped(source, user, *, editable: bool = False, public: str | None = None) -> models.QuerySet:
    """The records of `source` the user may see (or change): the one scoped query entry point of
    pages and API. `public` names a queryset method of records open to anyone (no user needed)."""
    qs = _queryset(source)
    if public:
        return getattr(qs, public)()
    return qs.editable_by(user) if editable else qs.visible_to(user)


def fetch_one(source, user, *, editable: bool = False, public: str | None = None, **lookup):
    """One record through the user's scope; outside it, or a malformed id, is the same 404 as missing."""
    for value in lookup.values():
        if isinstance(value, int) and not isinstance(value, bool) and not (1 <= value <= MAX_ID):
            raise Http404("Không tìm thấy bản ghi.")
    qs = scoped(source, user, editable=editable, public=public)
    try:
        return qs.get(**lookup)
    except (qs.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("Không tìm thấy bản ghi.") from None


def _check(source, editable: bool, public: str | None):
    qs = _queryset(source)
    needed = public or ("editable_by" if editable else "visible_to")
    if not callable(getattr(qs, needed, None)):
        raise ImproperlyConfigured(
            f"{qs.model.__name__} has no queryset method {needed}(): define the model's scope rule "
            "(a ScopedQuerySet subclass or its own visible_to) before a page fetches it.")
    return qs.model


def fetch(source, kwarg: str = "pk", *, name: str | None = None, field: str = "pk", editable: bool = False,
          public: str | None = None):
    """Resolve the URL kwarg `kwarg` through the user's scope and pass the record to the view as
    `name` (by default the model's name: dossier, block, agendaitem...). `field` is the model field
    the kwarg names (pk unless told). editable=True fetches through `editable_by` (read-only roles and
    other units get 404); public="on_disclosure" fetches through that public queryset method."""
    model = _check(source, editable, public)
    target = name or model._meta.model_name

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            value = kwargs.pop(kwarg)
            kwargs[target] = fetch_one(source, request.user, editable=editable, public=public, **{field: value})
            return view(request, *args, **kwargs)

        wrapper.scoped_fetches = (*getattr(view, "scoped_fetches", ()),
                                  (kwarg, model, "public" if public else "editable" if editable else "visible"))
        return wrapper

    return decorator


def require(predicate, message: str):
    """Refuse (403 with the Vietnamese `message`) unless predicate(user): a role gate to put above
    `@fetch(..., editable=True)`, so a read-only role hears "not allowed" while another unit's
    record stays a 404."""
    from django.core.exceptions import PermissionDenied

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
