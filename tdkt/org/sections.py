"""Sections that apps above org add to the unit and person pages.

A unit's page and a person's page are org's, but most of what they show is kept by apps built on
org (the award history, ratings, initiatives, discipline). Those apps register a section provider
when Django starts (their `AppConfig.ready`): a function of (user, record) that returns the
template context of its section. The pages merge every section's context, so org never imports
the apps above it.
"""
from __future__ import annotations

from typing import Callable

Provider = Callable[..., dict]
_providers: dict[str, list[Provider]] = {"unit": [], "person": []}


def register(page: str, provider: Provider) -> None:
    """Add a section to the "unit" or "person" page (once)."""
    if provider not in _providers[page]:
        _providers[page].append(provider)


def context(page: str, user, record, **options) -> dict:
    """The context of every section registered for the page, merged in registration order."""
    merged: dict = {}
    for provider in _providers[page]:
        merged.update(provider(user, record, **options))
    return merged
