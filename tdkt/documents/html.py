"""Shared plumbing of the PDF renderers: the HTML template engine and the WeasyPrint call.

Templates live in ``tdkt/documents/templates/documents/`` and are rendered with a standalone
Django template ``Engine`` (autoescaping on, localisation off) so that the package works without
Django settings and the project's template configuration never changes how a decision looks.
Callers format numbers and dates before they reach a template (see ``text.py``); every value is
escaped by the engine. Files whose name starts with "_" are shared pieces: ``_layout.html`` (the
page skeleton each document extends), ``_page.css`` (A4, ND 30 margins, page numbers, font),
``_nd30_header.html``/``.css``, ``_nd30_title.css`` and ``_signature.html``/``.css``.
"""
from __future__ import annotations

import functools
import pathlib

TEMPLATE_DIR = pathlib.Path(__file__).resolve().parent / "templates"

# Times New Roman is what ND 30/2020 asks for. Where it is missing, Liberation Serif has the same
# metrics (so lines break where Word breaks them) and Noto Serif / DejaVu Serif carry every
# Vietnamese glyph; fontconfig usually maps "Times New Roman" to Liberation Serif on its own.
FONT_STACK = '"Times New Roman", "Liberation Serif", "Noto Serif", "DejaVu Serif", serif'


@functools.lru_cache(maxsize=1)
def _engine():
    from django.template import Engine

    return Engine(dirs=[str(TEMPLATE_DIR)], autoescape=True, debug=False,
                  libraries={}, builtins=[])


@functools.lru_cache(maxsize=None)
def _template(name: str):
    return _engine().get_template(name)


def render_html(template_name: str, context: dict) -> str:
    from django.template import Context

    return _template(template_name).render(
        Context(dict(context, font_stack=FONT_STACK), autoescape=True, use_l10n=False))


def html_to_pdf(html: str) -> bytes:
    """One PDF from one HTML string."""
    return html_to_document(html).write_pdf()


def html_to_document(html: str):
    """The laid-out WeasyPrint document (pages can then be written one by one)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(TEMPLATE_DIR)).render()
