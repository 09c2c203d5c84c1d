"""The installation's own secrets when the environment gives none, and the production checks of the
settings (issue 11, hardening).

`tdkt demo` writes `var/installation.json` (mode 0600) with a random secret key made for this
installation and the demonstration's public address (http://127.0.0.1:8000), so that `make run`
works on a fresh machine without a public default key. A production installation sets
TDKT_SECRET_KEY and TDKT_PUBLIC_URL in its environment (docs/deploy.md), which win over the file.
With DEBUG off, the settings refuse to start without a real key or without a public address:
certificate QR codes must never carry whichever host the signer happened to use.

Pure Python (read by tdkt/settings.py before Django is set up)."""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

FILE_NAME = "installation.json"
DEMO_PUBLIC_URL = "http://127.0.0.1:8000"
# The key earlier builds used when TDKT_SECRET_KEY was unset: public, so never accepted.
PUBLIC_DEFAULT_KEYS = frozenset({"dev-only-secret-key-change-me-in-production-0123456789"})
DEBUG_ONLY_KEY = "debug-only-key-never-used-with-debug-off-" + "0" * 20
MIN_KEY_LENGTH = 50


def read(var_dir: Path) -> dict:
    """The installation file's values ({} when there is none; a damaged file stops the start)."""
    path = Path(var_dir) / FILE_NAME
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImproperlyConfigured(f"Không đọc được {path}: {exc}. Xóa tệp rồi chạy lại “tdkt demo”, "
                                   "hoặc đặt biến môi trường TDKT_SECRET_KEY và TDKT_PUBLIC_URL.") from None
    return data if isinstance(data, dict) else {}


def ensure_demo(var_dir: Path) -> Path:
    """Create the installation file of a demonstration (kept if it exists: sessions and signed links
    stay valid across `tdkt demo --reset`)."""
    path = Path(var_dir) / FILE_NAME
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"secret_key": secrets.token_urlsafe(64), "public_url": DEMO_PUBLIC_URL}
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out)
    return path


def secret_key(configured: str, *, debug: bool) -> str:
    """The key to use; with DEBUG off, an empty, public or short key stops the start naming the variable."""
    key = (configured or "").strip()
    if debug:
        return key or DEBUG_ONLY_KEY
    if not key:
        raise ImproperlyConfigured(
            "Chưa đặt khóa bí mật: hãy đặt biến môi trường TDKT_SECRET_KEY (ít nhất 50 ký tự ngẫu nhiên, ví dụ "
            "tạo bằng: python3 -c \"import secrets; print(secrets.token_urlsafe(64))\"), hoặc chạy “tdkt demo” "
            "cho bản trình diễn.")
    if key in PUBLIC_DEFAULT_KEYS or key.startswith("django-insecure-"):
        raise ImproperlyConfigured("TDKT_SECRET_KEY đang là khóa mặc định công khai: hãy đặt một khóa ngẫu nhiên riêng.")
    if len(key) < MIN_KEY_LENGTH or len(set(key)) < 5:
        raise ImproperlyConfigured(f"TDKT_SECRET_KEY quá ngắn hoặc quá đơn giản: cần ít nhất {MIN_KEY_LENGTH} "
                                   "ký tự ngẫu nhiên.")
    return key


def public_url(configured: str, *, debug: bool) -> str:
    """The public address printed in certificate QR codes: required with DEBUG off, an http(s) origin."""
    url = (configured or "").strip().rstrip("/")
    if not url:
        if debug:
            return DEMO_PUBLIC_URL
        raise ImproperlyConfigured(
            "Chưa đặt TDKT_PUBLIC_URL: địa chỉ công khai của hệ thống (ví dụ https://thiduakhenthuong.tinh.gov.vn) "
            "được in vào mã QR trên bằng khen; không đặt thì mã QR sẽ mang địa chỉ mà người ký tình cờ dùng.")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"TDKT_PUBLIC_URL={url!r} không hợp lệ: phải có dạng https://tên-miền "
                                   "(không có tham số).")
    return url


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def var_dir() -> Path:
    """Where the installation keeps its data (the same rule as tdkt/settings.py's VAR_DIR)."""
    return Path(os.environ.get("TDKT_VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
