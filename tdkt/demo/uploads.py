"""The files the demo attaches (proposals, minutes, evidence): a small but well-formed PDF.

The upload checks read the bytes, not the name, so the demo uploads a real, if empty, PDF document.
"""
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


def pdf_upload(name: str) -> SimpleUploadedFile:
    """An uploaded PDF file called `name`, as a form or a service receives it."""
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
