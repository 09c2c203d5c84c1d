"""Pages of the emulation app: movements, blocks and clusters, registrations, covenants, scoring."""
from django.urls import path  # noqa: F401

app_name = "emulation"
urlpatterns: list = []
