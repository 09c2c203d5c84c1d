"""Fixtures of the document tests: sample documents rendered once per session, a signer directory."""
import pytest

from .samples import make_certificate, make_decision


@pytest.fixture(scope="session")
def decision():
    return make_decision()


@pytest.fixture(scope="session")
def decision_pdf(decision):
    from tdkt.documents.decision import render_decision_pdf

    return render_decision_pdf(decision)


@pytest.fixture(scope="session")
def signer_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("signer")


@pytest.fixture(scope="session")
def certificates():
    return [make_certificate(1, "Nguyễn Thị Ánh"), make_certificate(2, "Trần Văn Đức"),
            make_certificate(3, "Phòng Ngân sách, Sở Tài chính")]
