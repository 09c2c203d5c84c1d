"""The glossary's "?" beside a form field: a field carries the key of its term (`field.hint = "loai_hinh"`,
a key of tdkt.help.GLOSSARY), and the shared form page looks it up in `tdkt_terms`."""
from django import template

register = template.Library()


@register.filter
def term_for(terms, key):
    """`{{ tdkt_terms|term_for:field.field.hint }}`: the term of that key, or nothing."""
    if not key or terms is None:
        return None
    return terms.get(key) if hasattr(terms, "get") else getattr(terms, key, None)
