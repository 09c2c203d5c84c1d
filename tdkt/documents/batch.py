"""Rendering and signing a decision's certificates in one call, optionally over several processes.

WeasyPrint and pyHanko are pure Python at heart, so one process uses one core: ~40 ms per
certificate rendered and signed on this machine, ~20 s for 500. The batch splits cleanly into
equal parts, so with ``workers=2`` two processes take half each (~12 s for 500 on 2 cores,
workers' start-up included; see ``python -m bench.documents``). Workers are started with the
"spawn" method: forking a Django process that holds database connections and threads is unsafe,
and this package needs neither Django settings nor a database in the child. Small batches stay
in-process, where the ~1 s start-up of a worker would cost more than it saves.
"""
from __future__ import annotations

import math
import pathlib

from tdkt.documents.certificate import BATCH, CertificateDoc, CertificateLayout, render_certificates_pdf
from tdkt.documents.signing import ensure_demo_signer, sign_pdf

__all__ = ["render_and_sign_certificates"]


def _render_and_sign(docs: list[CertificateDoc], layout: CertificateLayout, signer_dir: str,
                     print_on_blank: bool) -> list[bytes]:
    return [sign_pdf(pdf, signer_dir) for pdf in render_certificates_pdf(docs, layout, print_on_blank)]


def render_and_sign_certificates(docs: list[CertificateDoc], layout: CertificateLayout,
                                 signer_dir: pathlib.Path | str, print_on_blank: bool = False,
                                 workers: int = 1, chunk: int | None = None) -> list[bytes]:
    """Signed PDFs, one per certificate, in the order given.

    With ``workers`` > 1 and more than ``BATCH`` certificates, the list is cut into one equal
    chunk per worker (or chunks of ``chunk``) rendered and signed in parallel processes.
    """
    signer_dir = str(signer_dir)
    ensure_demo_signer(signer_dir)  # once, before workers could race to create it
    if workers <= 1 or (chunk is None and len(docs) <= BATCH):
        return _render_and_sign(docs, layout, signer_dir, print_on_blank)
    size = chunk or math.ceil(len(docs) / workers)
    chunks = [docs[i:i + size] for i in range(0, len(docs), size)]
    if len(chunks) <= 1:
        return _render_and_sign(docs, layout, signer_dir, print_on_blank)

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context) as pool:
        results = pool.map(_render_and_sign, chunks, [layout] * len(chunks), [signer_dir] * len(chunks),
                           [print_on_blank] * len(chunks))
        return [data for part in results for data in part]
