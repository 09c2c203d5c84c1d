"""The REST API (django-ninja): routers of each app, token or session authentication.

Served under /api/ with its OpenAPI document at /api/openapi.json and the interactive docs at
/api/docs. Other systems authenticate with `Authorization: Bearer <token>` (tokens are issued on the
page /khoa-api/ or by `tdkt tokens create USERNAME NAME`, and expire); the site's own pages may call it
with their session.
"""
from ninja import NinjaAPI

from tdkt.awards.api import router as awards_router
from tdkt.core.api import SessionAuth, TokenAuth, Utf8JSONRenderer, install_error_handlers, router as core_router
from tdkt.dossiers.api import router as dossiers_router
from tdkt.eligibility.api import router as eligibility_router
from tdkt.emulation.api import router as emulation_router
from tdkt.org.api import router as org_router

api = NinjaAPI(
    title="TĐKT API",
    version="1",
    description=(
        "API của hệ thống quản lý thi đua, khen thưởng: đơn vị, cá nhân, khen thưởng, quyết định, "
        "xếp loại hằng năm, sáng kiến. Xác thực bằng khóa API (`Authorization: Bearer <khóa>`) "
        "hoặc phiên đăng nhập (kèm `X-CSRFToken` cho thao tác ghi). Mọi truy vấn chỉ thấy dữ liệu "
        "trong phạm vi đơn vị của tài khoản; ngoài phạm vi trả về 404 như không tồn tại. "
        "Danh hiệu, hình thức khen thưởng dùng mã cố định (ví dụ `CSTD_CS`). Ngày theo ISO (YYYY-MM-DD)."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    renderer=Utf8JSONRenderer(),
)
install_error_handlers(api)
api.add_router("/", core_router)
api.add_router("/", org_router)
api.add_router("/", awards_router)
api.add_router("/", eligibility_router)
api.add_router("/", dossiers_router)
api.add_router("/", emulation_router)
