"""The files the demo attaches (proposals, minutes, evidence): a small but well-formed PDF.

The upload checks read the bytes, not the name, so the demo uploads a real, if blank, one-page PDF
document (pypdf opens it: tdkt.core.uploads.opens_as).
"""
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.core.uploads import BLANK_PDF

PDF = BLANK_PDF


def pdf_upload(name: str) -> SimpleUploadedFile:
    """An uploaded PDF file called `name`, as a form or a service receives it."""
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
