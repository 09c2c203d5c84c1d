"""Pages of the dossier workflow, one module per part: drafting (lists, a dossier, nominees,
attachments, actions, appraisal, nominees in bulk), council (sessions, ballots, minutes), decisions
(issuing, numbering, signing, files, certificates), notices, layouts (print on blanks) and public
(disclosure, verification). Views only call services; records come through the user's scope (404
outside it)."""
