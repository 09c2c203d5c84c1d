"""Document rendering: plain dataclasses in, bytes out. No models, no views, no database.

The dossier workflow fills the dataclasses from its records and stores what comes back.

- ``decision``: the commendation decision (Quyết định khen thưởng) laid out per
  ND 30/2020/NĐ-CP, with its attached DANH SÁCH. ``render_decision_pdf`` (WeasyPrint) and
  ``render_decision_docx`` (python-docx) from one ``DecisionDoc``.
- ``certificate``: Bằng khen / Giấy khen / Chiến sĩ thi đua certificates. One PDF per
  certificate, either in full (frame, motto, red titles) or print-on-blank (only the variable
  text, at the millimetre positions of a per-province ``CertificateLayout`` kept as JSON).
  Each carries a QR code linking to the public verification page.
- ``batch``: ``render_and_sign_certificates`` for a whole decision, optionally over several
  processes (about 20 s for 500 certificates on one core, 12 s on two).
- ``signing``: PAdES signatures with pyHanko under a demonstration certificate created on first
  use, and verification that answers a Vietnamese sentence for the public page.
- ``minutes``: the vote-count minutes of a council session (counts only: the ballot is secret).
- ``submission``: the tờ trình sent upward and its attached nominee list (PDF, Word, Excel).
- ``html``: the template engine and the WeasyPrint call the PDF renderers share.
- ``text``: Vietnamese dates ("Hà Nam, ngày 05 tháng 01 năm 2026"), money ("1.234.000"),
  percentages ("88,9%"), the wording pieces the ND 30 documents share (``clause``, ``sign_lines``,
  ``recipient_line``, ``numeral``, ``authority_in_text_of``) and ``pdf_text`` to read a PDF back.
- ``wordprocessing`` and the ``templates/documents/_*`` partials: the ND 30 header and signature block
  drawn once for Word (``nd30_header``, ``signature_block``) and for the PDFs.

Every value that reaches HTML is escaped; every string is normalised to NFC. The renderers do not
need Django settings (the HTML templates use a standalone Django template engine). Fonts:
Times New Roman when installed, else Liberation Serif (same metrics), Noto Serif or DejaVu Serif,
all of which carry the Vietnamese glyphs (Debian packages in ``scripts/system-deps.sh``).
"""
