"""`{% form_once %}`: the one-time token of a rendered form (tdkt.core.once)."""
import secrets

from django import template
from django.utils.html import format_html

from tdkt.core.once import FIELD

register = template.Library()


@register.simple_tag
def form_once():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, secrets.token_urlsafe(24))
