"""PAdES signing with the demonstration certificate, and verification for the public page."""
import stat

import pytest

from tdkt.documents.certificate import DEFAULT_LAYOUTS, render_certificates_pdf
from tdkt.documents.signing import (
    MSG_MODIFIED,
    MSG_NOT_PDF,
    MSG_UNSIGNED,
    MSG_UNTRUSTED,
    MSG_VALID,
    ensure_demo_signer,
    sign_pdf,
    verify_pdf,
)

from .samples import make_certificate


@pytest.fixture(scope="module")
def unsigned():
    return render_certificates_pdf([make_certificate(1, "Nguyễn Thị Ánh")], DEFAULT_LAYOUTS["giay_khen"],
                                   print_on_blank=True)[0]


@pytest.fixture(scope="module")
def signed(unsigned, signer_dir):
    return sign_pdf(unsigned, signer_dir)


def test_demo_signer_is_created_once_with_a_private_key_file(tmp_path):
    first = ensure_demo_signer(tmp_path)
    assert first.created
    assert stat.S_IMODE(first.key_path.stat().st_mode) == 0o600
    assert "Ủy ban nhân dân tỉnh (chứng thư thử nghiệm)" in first.subject
    assert "O=TĐKT" in first.subject and "C=VN" in first.subject
    again = ensure_demo_signer(tmp_path)
    assert not again.created
    assert again.fingerprint_sha256 == first.fingerprint_sha256


def test_signed_file_verifies_as_signed_intact_and_trusted(signed, signer_dir):
    result = verify_pdf(signed, signer_dir)
    assert (result.signed, result.intact, result.trusted) == (True, True, True)
    assert result.valid
    assert result.signer == "Ủy ban nhân dân tỉnh (chứng thư thử nghiệm)"
    assert result.signed_at is not None
    assert result.message == MSG_VALID


def test_signature_keeps_the_text_readable(signed):
    from tdkt.documents.text import pdf_text

    assert "Nguyễn Thị Ánh" in pdf_text(signed)


def test_bytes_appended_after_signing_are_detected(signed, signer_dir):
    result = verify_pdf(signed + b"\n%% appended\n", signer_dir)
    assert result.signed and not result.intact and not result.trusted
    assert result.message == MSG_MODIFIED


def test_one_changed_byte_in_the_content_is_detected(signed, signer_dir):
    position = signed.index(b"stream") + 40  # inside the first content stream, within the signed range
    tampered = signed[:position] + bytes([signed[position] ^ 0x01]) + signed[position + 1:]
    result = verify_pdf(tampered, signer_dir)
    assert result.signed and not result.intact
    assert result.message == MSG_MODIFIED


def test_unsigned_pdf(unsigned, signer_dir):
    result = verify_pdf(unsigned, signer_dir)
    assert (result.signed, result.intact, result.trusted) == (False, False, False)
    assert result.message == MSG_UNSIGNED


@pytest.mark.parametrize("garbage", [b"", b"garbage", b"%PDF-1.7\nnot really", bytes(range(256)) * 8, None])
def test_garbage_gets_a_message_not_an_exception(garbage, signer_dir):
    result = verify_pdf(garbage, signer_dir)
    assert not result.signed
    assert result.message == MSG_NOT_PDF


def test_a_file_signed_by_another_certificate_is_not_trusted(unsigned, signer_dir, tmp_path):
    foreign = sign_pdf(unsigned, tmp_path / "elsewhere")
    result = verify_pdf(foreign, signer_dir)
    assert result.signed and result.intact and not result.trusted
    assert result.message == MSG_UNTRUSTED


def test_a_rotated_certificate_is_picked_up_without_restart(unsigned, tmp_path):
    directory = tmp_path / "rotating"
    first = sign_pdf(unsigned, directory)
    for name in ("signer-key.pem", "signer-cert.pem"):
        (directory / name).unlink()
    ensure_demo_signer(directory)
    second = sign_pdf(unsigned, directory)
    assert verify_pdf(second, directory).trusted
    assert not verify_pdf(first, directory).trusted


def test_batch_over_two_processes_keeps_order_and_signs_everything(tmp_path):
    from tdkt.documents.batch import render_and_sign_certificates
    from tdkt.documents.text import pdf_text

    names = ["Nguyễn Thị Ánh", "Trần Văn Đức", "Lê Thị Hồng", "Phạm Quốc Việt"]
    docs = [make_certificate(i, name) for i, name in enumerate(names, 1)]
    signed = render_and_sign_certificates(docs, DEFAULT_LAYOUTS["giay_khen"], tmp_path, print_on_blank=True,
                                          workers=2, chunk=2)
    assert [name in pdf_text(data) for name, data in zip(names, signed)] == [True] * 4
    assert all(verify_pdf(data, tmp_path).valid for data in signed)


def test_a_signature_whose_blob_is_corrupt_is_reported_as_unreadable(signed, signer_dir):
    import re

    from tdkt.documents.signing import MSG_UNREADABLE_SIGNATURE

    start, end = re.search(rb"/Contents <([0-9a-fA-F]+)>", signed).span(1)
    broken = signed[:start] + b"00" * ((end - start) // 2) + signed[end:]
    result = verify_pdf(broken, signer_dir)
    assert result.signed and not result.intact
    assert result.message == MSG_UNREADABLE_SIGNATURE
