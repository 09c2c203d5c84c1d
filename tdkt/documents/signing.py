"""Digital signatures on issued PDFs (PAdES baseline B-B with pyHanko) and their verification.

The system signs every certificate and decision PDF it issues so that the public verification
page can tell a genuine file from an altered one. Until a province plugs in the certificate of
its real digital-signature service, a demonstration key and self-signed X.509 certificate are
created in a directory of the caller's choosing (``ensure_demo_signer``); verification treats
that same certificate as the only trust root, so "trusted" means "signed by this system".

- ``ensure_demo_signer(directory)``: creates ``signer-key.pem`` (mode 0600) and
  ``signer-cert.pem`` once, under a file lock so that two workers starting together do not
  produce a key and a certificate that do not match; returns a ``SignerInfo``.
- ``sign_pdf(data, directory)``: an invisible signature in the field "ChuKySo". Loading the key
  and certificate costs more than signing one small PDF, so the pyHanko signer is cached per
  directory (and reloaded when the certificate file changes).
- ``verify_pdf(data, directory)``: never raises; answers a ``VerifyResult`` with a Vietnamese
  sentence for the public page. "intact" is stricter than pyHanko's: the signed bytes must hash
  correctly AND the signature must cover the whole file, so bytes appended after ``%%EOF`` or an
  incremental update made after signing both count as a modification. ``signed_at`` is the time
  the signer's clock reported (no timestamp authority is involved).

Speed: pyHanko's stock SimpleSigner re-parses the RSA key for every signature (~35 ms) and makes
a trial signature to size the signature container; the cached signer keeps the parsed key and
reserves the container's size itself, which brings a certificate's signature to ~12 ms.
pyHanko runs its own event loop (``asyncio.run``), so call these from synchronous code (a sync
view, a worker thread), not from inside a running event loop.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import io
import logging
import os
import pathlib
import threading
from dataclasses import dataclass

__all__ = ["SignerInfo", "VerifyResult", "ensure_demo_signer", "sign_pdf", "verify_pdf",
           "FIELD_NAME", "REASON", "MSG_VALID", "MSG_UNTRUSTED", "MSG_UNSIGNED", "MSG_MODIFIED",
           "MSG_NOT_PDF", "MSG_UNREADABLE_SIGNATURE", "MSG_ERROR"]

log = logging.getLogger(__name__)

KEY_FILE = "signer-key.pem"
CERT_FILE = "signer-cert.pem"
FIELD_NAME = "ChuKySo"
REASON = "Xác thực bằng khen, giấy khen"
SUBJECT_CN = "Ủy ban nhân dân tỉnh (chứng thư thử nghiệm)"
VALID_YEARS = 10

MSG_VALID = "Chữ ký số hợp lệ: tệp chưa bị sửa đổi kể từ khi ký."
MSG_UNTRUSTED = ("Chữ ký số còn nguyên vẹn nhưng không phải của cơ quan cấp bằng: "
                 "không xác thực được nguồn gốc tệp.")
MSG_UNSIGNED = "Tệp không có chữ ký số."
MSG_MODIFIED = "Tệp đã bị sửa đổi sau khi ký."
MSG_NOT_PDF = "Tệp không phải PDF hợp lệ."
MSG_UNREADABLE_SIGNATURE = "Không đọc được chữ ký số trong tệp: chữ ký bị hỏng hoặc không đúng định dạng."
MSG_ERROR = "Không kiểm tra được chữ ký số của tệp do lỗi hệ thống. Vui lòng thử lại sau."


@dataclass(frozen=True)
class SignerInfo:
    directory: pathlib.Path
    key_path: pathlib.Path
    cert_path: pathlib.Path
    subject: str
    fingerprint_sha256: str
    not_valid_after: dt.datetime
    created: bool  # True when this call generated the key and certificate


@dataclass(frozen=True)
class VerifyResult:
    signed: bool
    intact: bool
    trusted: bool
    signer: str
    signed_at: dt.datetime | None
    message: str

    @property
    def valid(self) -> bool:
        """Signed by our certificate and unchanged since: what the public page calls genuine."""
        return self.signed and self.intact and self.trusted


# -- the demonstration signer -------------------------------------------------------------------

def ensure_demo_signer(directory: pathlib.Path | str) -> SignerInfo:
    """Create (once) the demonstration key and self-signed certificate in ``directory``."""
    from cryptography import x509

    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    key_path, cert_path = directory / KEY_FILE, directory / CERT_FILE
    created = False
    if not (key_path.exists() and cert_path.exists()):
        # Checked again under the lock: another worker may have created the pair meanwhile.
        with open(directory / ".signer.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (key_path.exists() and cert_path.exists()):
                _write_demo_signer(key_path, cert_path)
                created = True
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    return _info(directory, key_path, cert_path, cert, created)


def _info(directory, key_path, cert_path, cert, created) -> SignerInfo:
    from cryptography.hazmat.primitives import hashes

    return SignerInfo(
        directory=directory, key_path=key_path, cert_path=cert_path,
        subject=cert.subject.rfc4514_string(),
        fingerprint_sha256=cert.fingerprint(hashes.SHA256()).hex(),
        not_valid_after=cert.not_valid_after_utc, created=created,
    )


def _write_demo_signer(key_path: pathlib.Path, cert_path: pathlib.Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, SUBJECT_CN),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "TĐKT"),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
    ])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * VALID_YEARS))
        # A self-signed certificate that is its own trust root: marked as a CA so that path
        # validators accept it as an anchor, with the signing usages PAdES validators expect.
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION,
                                              ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    _write_file(key_path, key_pem, mode=0o600)
    _write_file(cert_path, cert.public_bytes(serialization.Encoding.PEM), mode=0o644)


def _write_file(path: pathlib.Path, data: bytes, mode: int) -> None:
    """Write through a temporary file created with the final mode, then rename into place."""
    tmp = path.with_name(path.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, mode)  # the umask may have removed bits from the requested mode
    os.replace(tmp, path)


# -- signing ------------------------------------------------------------------------------------

_cache_lock = threading.Lock()
_signers: dict[pathlib.Path, tuple[int, object]] = {}
_roots: dict[pathlib.Path, tuple[int, object]] = {}


def _cert_stamp(cert_path: pathlib.Path) -> int:
    return cert_path.stat().st_mtime_ns


def _signer_for(directory: pathlib.Path):
    """(pyHanko signer, bytes to reserve for the CMS blob), cached per directory and reloaded
    when the certificate file changes (a rotated key needs no restart)."""
    cert_path = directory / CERT_FILE
    if not cert_path.exists():
        ensure_demo_signer(directory)
    key = directory.resolve()
    stamp = _cert_stamp(cert_path)
    with _cache_lock:
        cached = _signers.get(key)
        if cached and cached[0] == stamp:
            return cached[1]
    info = ensure_demo_signer(directory)
    stamp = _cert_stamp(info.cert_path)
    loaded = _load_signer(info)
    with _cache_lock:
        _signers[key] = (stamp, loaded)
    return loaded


def _load_signer(info: SignerInfo):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
    from pyhanko.sign import signers
    from pyhanko.sign.general import get_pyca_cryptography_hash
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    class CachedKeySigner(signers.SimpleSigner):
        """pyHanko's SimpleSigner re-parses the private key for every signature, and for RSA
        that parse (with its consistency check) costs ~35 ms, more than the rest of the signing.
        Keep the parsed key and use it for the usual RSA PKCS#1 v1.5 mechanism."""

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            if isinstance(pyca_key, RSAPrivateKey) and mechanism.signature_algo == "rsassa_pkcs1v15":
                return pyca_key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
            return super().sign_raw(data, digest_algorithm)

    pyca_key = serialization.load_pem_private_key(info.key_path.read_bytes(), password=None)
    cert = load_cert_from_pemder(str(info.cert_path))
    signer = CachedKeySigner(
        signing_cert=cert, signing_key=load_private_key_from_pemder(str(info.key_path), None),
        cert_registry=SimpleCertificateStore.from_certs([cert]),
    )
    # Reserving the signature's space ourselves spares pyHanko a trial signature per file that
    # only measures its size. The CMS blob holds the certificate (at most twice: signer and chain),
    # the signed attributes and an RSA signature (about 2.7 kB for the demo certificate); the
    # reservation is counted in hexadecimal digits, two per byte, with a wide margin.
    reserved = 2 * (2 * len(cert.dump()) + 2048)
    return signer, reserved


def _outside_event_loop(fn, *args):
    """pyHanko calls ``asyncio.run``, which refuses to start inside a running loop (a thread that
    hosts one, e.g. Playwright's sync API or an ASGI worker): run it in a helper thread there."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result()


def sign_pdf(data: bytes, directory: pathlib.Path | str) -> bytes:
    """Sign a PDF (PAdES B-B, SHA-256) with the signer kept in ``directory``; returns the new bytes."""
    return _outside_event_loop(_sign, data, directory)


def _sign(data: bytes, directory: pathlib.Path | str) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer, reserved = _signer_for(pathlib.Path(directory))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, reason=REASON, md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=signer).sign_pdf(writer, output=out, bytes_reserved=reserved)
    return out.getvalue()


# -- verification -------------------------------------------------------------------------------

def _trust_root(directory: pathlib.Path):
    """Our certificate as an asn1crypto object, or None when the directory holds none."""
    from asn1crypto import pem, x509 as asn1_x509

    cert_path = directory / CERT_FILE
    if not cert_path.exists():
        return None
    key = directory.resolve()
    stamp = _cert_stamp(cert_path)
    with _cache_lock:
        cached = _roots.get(key)
        if cached and cached[0] == stamp:
            return cached[1]
    raw = cert_path.read_bytes()
    if pem.detect(raw):
        _, _, raw = pem.unarmor(raw)
    root = asn1_x509.Certificate.load(raw)
    with _cache_lock:
        _roots[key] = (stamp, root)
    return root


def verify_pdf(data: bytes, directory: pathlib.Path | str) -> VerifyResult:
    """Check the last signature of a PDF against our certificate. Never raises."""
    try:
        return _outside_event_loop(_verify, data, pathlib.Path(directory))
    except Exception:  # the public page must answer something sensible for any upload
        log.exception("verify_pdf failed unexpectedly")
        return VerifyResult(False, False, False, "", None, MSG_ERROR)


def _verify(data: bytes, directory: pathlib.Path) -> VerifyResult:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if not isinstance(data, (bytes, bytearray)) or not bytes(data[:1024]).lstrip().startswith(b"%PDF-"):
        return VerifyResult(False, False, False, "", None, MSG_NOT_PDF)
    try:
        reader = PdfFileReader(io.BytesIO(bytes(data)), strict=False)
        reader.root.get("/AcroForm")  # forces the trailer and catalogue to parse
    except Exception:
        return VerifyResult(False, False, False, "", None, MSG_NOT_PDF)
    try:
        signatures = reader.embedded_signatures
    except Exception:  # a signature field whose CMS blob does not decode
        return VerifyResult(True, False, False, "", None, MSG_UNREADABLE_SIGNATURE)
    if not signatures:
        return VerifyResult(False, False, False, "", None, MSG_UNSIGNED)

    embedded = signatures[-1]
    root = _trust_root(directory)
    context = ValidationContext(trust_roots=[root] if root is not None else [],
                                allow_fetching=False, revocation_mode="soft-fail")
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=context)
    except (SignatureValidationError, ValueError, KeyError, TypeError) as exc:
        log.info("signature could not be validated: %s", exc)
        return VerifyResult(True, False, False, "", None, MSG_UNREADABLE_SIGNATURE)

    signer = _common_name(status.signing_cert)
    signed_at = status.signer_reported_dt
    # Intact in the sense the public page needs: the signed bytes hash correctly AND the
    # signature covers the whole file, so that nothing (not even an incremental update or bytes
    # appended after %%EOF) was added after signing.
    intact = bool(status.intact and status.valid
                  and status.coverage == SignatureCoverageLevel.ENTIRE_FILE)
    trusted = bool(intact and status.trusted)
    if not intact:
        message = MSG_MODIFIED
    elif not trusted:
        message = MSG_UNTRUSTED
    else:
        message = MSG_VALID
    return VerifyResult(True, intact, trusted, signer, signed_at, message)


def _common_name(cert) -> str:
    if cert is None:
        return ""
    try:
        return cert.subject.native.get("common_name", "") or cert.subject.human_friendly
    except Exception:
        return ""
