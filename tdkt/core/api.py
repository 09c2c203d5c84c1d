"""What every part of the REST API shares: token-or-session authentication, Vietnamese error
answers, input types that refuse garbage before it reaches a service, FilterSet-backed paginated
lists, and the scoped lookups of the ids a client sends.

The API is a thin layer: lists go through `Model.objects.visible_to(user)` and the pages'
FilterSets, writes go through the services (which check role and scope and write the audit row),
and every error a client can provoke answers 4xx with a Vietnamese message naming the field.
"""
from __future__ import annotations

import datetime
import decimal
import logging
from typing import Annotated, Any, Optional, Union

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from django.utils import timezone
from django_filters import NumberFilter
from ninja import Field, NinjaAPI, Router, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf
from pydantic import AfterValidator, BeforeValidator, Strict, create_model
from pydantic_core import PydanticCustomError

from .fetch import MAX_ID, fetch_one
from .models import ApiToken
from .scope import role_of, scope_unit_ids
from .services import Errors
from .years import date_problem

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
# Ids that fit a 32-bit integer column, for the numeric filters of the lists.
MAX_FILTER_NUMBER = 2**31 - 1
TOKEN_TOUCH_INTERVAL = datetime.timedelta(minutes=1)

MSG_UNAUTHENTICATED = "Chưa đăng nhập hoặc khóa API không hợp lệ."
MSG_TOKEN_EXPIRED = "Khóa API đã hết hạn ngày {:%d/%m/%Y}: hãy xin cấp khóa mới."
MSG_TOKEN_REVOKED = "Khóa API đã bị thu hồi: hãy xin cấp khóa mới."
MSG_ACCOUNT_INACTIVE = "Tài khoản gắn với khóa API đã bị khóa."


class TokenRefused(AuthenticationError):
    """A token that exists but may no longer be used: the 401 says why."""

    def __init__(self, message: str):
        super().__init__(message=message)
        self.detail = message
MSG_FORBIDDEN = "Bạn không có quyền thực hiện thao tác này."
MSG_NOT_FOUND = "Không tìm thấy."
MSG_CSRF = "Yêu cầu bị từ chối: thiếu hoặc sai mã CSRF (khi dùng phiên đăng nhập, gửi kèm tiêu đề X-CSRFToken)."
MSG_BAD_JSON = "Nội dung gửi lên không phải JSON hợp lệ."
MSG_CONFLICT = "Dữ liệu mâu thuẫn với dữ liệu đã có (trùng lặp hoặc vi phạm ràng buộc); không có gì được lưu."


class Utf8JSONRenderer(JSONRenderer):
    """Vietnamese text as UTF-8 rather than \\u escapes: the same JSON, readable in a terminal."""

    json_dumps_params = {"ensure_ascii": False}


# --- Authentication -----------------------------------------------------------------------------

class TokenAuth(HttpBearer):
    """`Authorization: Bearer tdkt_…` for other systems. Only the token's SHA-256 is stored, so the
    lookup is by digest. A wrong, revoked or expired token is refused outright (401, the revoked
    and expired ones saying so), even if the request also carries a session cookie: a client that
    sends a token means to be that token."""

    def authenticate(self, request, token: str):
        token = (token or "").strip()
        found = None
        if token:
            found = (ApiToken.objects.select_related("user", "user__profile")
                     .filter(digest=ApiToken.hash(token)).first())
        if found is None:
            raise AuthenticationError()
        now = timezone.now()
        if found.revoked:
            raise TokenRefused(MSG_TOKEN_REVOKED)
        if found.is_expired(now):
            raise TokenRefused(MSG_TOKEN_EXPIRED.format(timezone.localtime(found.expires_at)))
        if not found.user.is_active:
            raise TokenRefused(MSG_ACCOUNT_INACTIVE)
        # Touch at most once a minute so a busy client does not write on every request.
        if found.last_used_at is None or now - found.last_used_at >= TOKEN_TOUCH_INTERVAL:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.api_token = found
        request.auth_user = found.user
        return found.user


class SessionAuth(APIKeyCookie):
    """The browser's Django session. Unsafe methods must pass Django's CSRF check (the pages send
    the X-CSRFToken header), so a session cookie alone never writes. An anonymous request is
    simply not authenticated (401), not a CSRF failure."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, MSG_CSRF)
        request.auth_user = user
        return user


def actor(request):
    """The authenticated user of an API request (token owner or session user)."""
    return request.auth


# --- Error answers -------------------------------------------------------------------------------

class FieldErrorOut(Schema):
    field: Optional[str] = Field(None, description="Tên trường hoặc tham số có lỗi.")
    message: str = Field(..., description="Thông báo lỗi tiếng Việt.")


class ErrorOut(Schema):
    detail: Union[str, list[FieldErrorOut]]


# Documented on every operation; the handlers below produce them.
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _choices_text(expected: str) -> str:
    # pydantic writes "'a', 'b' or 'c'"; Vietnamese readers get "a, b, c".
    return expected.replace("'", "").replace(" or ", ", ")


def _translate(error: dict) -> str:
    """A Vietnamese message for one pydantic error."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind.startswith("tdkt_"):
        return error.get("msg", "Giá trị không hợp lệ.")
    if kind == "missing":
        return "Trường bắt buộc."
    if kind in ("int_type", "int_parsing", "int_from_float", "int_parsing_size"):
        return "Phải là số nguyên."
    if kind in ("float_type", "float_parsing", "decimal_type", "decimal_parsing", "finite_number"):
        return "Phải là số."
    if kind.startswith("date") or kind.startswith("datetime"):
        return "Ngày không hợp lệ (YYYY-MM-DD)."
    if kind in ("bool_type", "bool_parsing"):
        return "Phải là true hoặc false."
    if kind in ("string_type", "string_unicode"):
        return "Phải là chuỗi ký tự."
    if kind == "string_too_long":
        return f"Dài quá {ctx.get('max_length')} ký tự."
    if kind == "string_too_short":
        return "Không được để trống."
    if kind in ("literal_error", "enum"):
        return f"Giá trị không hợp lệ, phải là một trong: {_choices_text(str(ctx.get('expected', '')))}."
    if kind in ("greater_than_equal", "greater_than"):
        return f"Phải lớn hơn hoặc bằng {ctx.get('ge', ctx.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"Phải nhỏ hơn hoặc bằng {ctx.get('le', ctx.get('lt'))}."
    if kind in ("list_type", "tuple_type", "set_type"):
        return "Phải là một danh sách."
    if kind == "too_short":
        return f"Phải có ít nhất {ctx.get('min_length')} phần tử."
    if kind == "too_long":
        return f"Có nhiều nhất {ctx.get('max_length')} phần tử."
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "Phải là một đối tượng JSON."
    if kind == "extra_forbidden":
        return "Trường này không có trong API (hoặc không được sửa ở đây)."
    if kind == "value_error":
        return str(ctx.get("error") or error.get("msg") or "Giá trị không hợp lệ.")
    return "Giá trị không hợp lệ."


def _field_name(loc: tuple) -> Optional[str]:
    """("body", "payload", "authors", 0) → "authors[0]"; ("query", "limit") → "limit"."""
    parts = list(loc[1:]) if loc and loc[0] in ("body", "query", "path", "header", "cookie", "form") else list(loc)
    # Body and query schemas are single parameters; their own name is not the client's field.
    if len(parts) > 1 and isinstance(parts[0], str) and parts[0] in ("payload", "params"):
        parts = parts[1:]
    elif parts and parts[0] in ("payload", "params"):
        return "body" if loc and loc[0] == "body" else None
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or None


def validation_errors(exc: NinjaValidationError) -> tuple[int, list[dict]]:
    items, in_query = [], False
    for error in exc.errors:
        loc = tuple(error.get("loc") or ())
        in_query = in_query or (bool(loc) and loc[0] in ("query", "path"))
        field = _field_name(loc)
        if field == "body":
            message = ("Thiếu nội dung JSON." if error.get("type") == "missing"
                       else "Nội dung gửi lên phải là một đối tượng JSON.")
        else:
            message = _translate(error)
        items.append({"field": field, "message": message})
    # A bad query string is a bad request (400), as for the lists' filters; a bad body is 422.
    return (400 if in_query else 422), items


def service_errors(exc: DjangoValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [{"field": None if field == "__all__" else field, "message": message}
                for field, messages in exc.message_dict.items() for message in messages]
    return [{"field": None, "message": message} for message in exc.messages]


def install_error_handlers(api: NinjaAPI) -> None:
    """Every error a client can cause answers 4xx in Vietnamese; only real bugs may be a 500."""

    @api.exception_handler(NinjaValidationError)
    def _on_invalid(request, exc):
        status, items = validation_errors(exc)
        return api.create_response(request, {"detail": items}, status=status)

    @api.exception_handler(QueryError)
    def _on_bad_query(request, exc):
        return api.create_response(request, {"detail": exc.items}, status=400)

    @api.exception_handler(DjangoValidationError)
    def _on_service_error(request, exc):
        return api.create_response(request, {"detail": service_errors(exc)}, status=422)

    @api.exception_handler(AuthenticationError)
    def _on_unauthenticated(request, exc):
        detail = getattr(exc, "detail", None) or MSG_UNAUTHENTICATED
        response = api.create_response(request, {"detail": detail}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="tdkt"'
        return response

    @api.exception_handler(HttpError)
    def _on_http_error(request, exc):
        message = exc.message
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            message = MSG_BAD_JSON
        return api.create_response(request, {"detail": message}, status=exc.status_code)

    @api.exception_handler(PermissionDenied)
    def _on_forbidden(request, exc):
        return api.create_response(request, {"detail": str(exc) or MSG_FORBIDDEN}, status=403)

    @api.exception_handler(Http404)
    def _on_not_found(request, exc):
        return api.create_response(request, {"detail": MSG_NOT_FOUND}, status=404)

    @api.exception_handler(IntegrityError)
    def _on_conflict(request, exc):
        # A database constraint caught what a service should have: the client still gets a clear
        # answer (the transaction was rolled back), and the log keeps the bug visible.
        logger.error("IntegrityError in API %s %s: %s", request.method, request.path, exc)
        return api.create_response(request, {"detail": MSG_CONFLICT}, status=409)


# --- Input types ---------------------------------------------------------------------------------

def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("tdkt_nul", "Không được chứa ký tự NUL.")
    return value


def Text(max_length: int):  # noqa: N802 - reads as a type in the schemas
    """A string of at most `max_length` characters (the model column's width)."""
    return Annotated[str, Field(max_length=max_length), AfterValidator(_no_nul)]


def _date_input(value: Any) -> Any:
    # pydantic would take a number as a Unix timestamp; a date in this API is an ISO string.
    if isinstance(value, (str, datetime.date)) and not isinstance(value, datetime.datetime):
        return value
    raise PydanticCustomError("date_type", "date")


def _date_range(value: datetime.date) -> datetime.date:
    # The one range of dates a user may enter (core.years.DATES); the error is keyed by the field.
    problem = date_problem(value)
    if problem:
        raise PydanticCustomError("tdkt_date_range", problem)
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_date_input), AfterValidator(_date_range)]
# Strict: JSON ids and years are numbers; true would otherwise pass as 1 and "12" as 12.
Id = Annotated[int, Strict(), Field(ge=1, le=MAX_ID)]
# The services check the real range of years (and say so in Vietnamese); this only keeps absurd
# numbers from reaching the database driver.
Year = Annotated[int, Strict(), Field(ge=1, le=9999)]


# --- Lists ---------------------------------------------------------------------------------------

def page_schema(item: type[Schema]) -> type[Schema]:
    return create_model(f"{item.__name__}Page", __base__=Schema, count=(int, ...), items=(list[item], ...))


def filter_query_schema(filterset_class, name: str) -> type[Schema]:
    """The query parameters of a list, for the OpenAPI document: the FilterSet's filters (as the
    pages have them) plus limit and offset. Values are validated by the FilterSet itself."""
    fields: dict[str, Any] = {
        "limit": (int, Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT,
                             description=f"Số bản ghi mỗi trang (tối đa {MAX_LIMIT}).")),
        "offset": (int, Field(0, ge=0, le=MAX_FILTER_NUMBER, description="Bỏ qua bao nhiêu bản ghi đầu.")),
    }
    for key, flt in filterset_class.base_filters.items():
        description = str(flt.label or key)
        choices = flt.extra.get("choices")
        if choices and not callable(choices):
            description += ". Một trong: " + ", ".join(str(value) for value, _ in choices)
        fields[key] = (Optional[str], Field(None, description=description))
    return create_model(name, __base__=Schema, **fields)


class QueryError(Exception):
    """A bad query string, answered 400 with the parameters named."""

    def __init__(self, errors: Errors):
        self.items = [{"field": f, "message": m} for f, msgs in errors.fields.items() for m in msgs]
        super().__init__(self.items)

    @classmethod
    def single(cls, field, message):
        errors = Errors()
        errors.add(field, message)
        return cls(errors)


def _check_numbers(filterset, errors: Errors) -> None:
    # NumberFilter takes any decimal ("1.5", "1e400"); the columns are integers, and an overflowing
    # value would make the database driver fail rather than answer "nothing found".
    for key, flt in filterset.filters.items():
        value = filterset.form.cleaned_data.get(key)
        if isinstance(flt, NumberFilter) and isinstance(value, decimal.Decimal):
            if not value.is_finite() or value != value.to_integral_value() or abs(value) > MAX_FILTER_NUMBER:
                errors.add(key, f"Tham số lọc “{key}” không hợp lệ: phải là số nguyên.")


def filtered_page(request, filterset_class, queryset, params) -> dict:
    """{"count", "items"} of the queryset filtered by the same FilterSet as the page."""
    errors = Errors()
    for key, values in request.GET.lists():
        if any("\x00" in value for value in values):
            # PostgreSQL refuses NUL in a string literal; answer before the query is built.
            errors.add(key, f"Tham số “{key}” không được chứa ký tự NUL.")
    if errors.fields:
        raise QueryError(errors)
    filterset = filterset_class(data=request.GET, queryset=queryset, request=request)
    if not filterset.is_valid():
        for key, messages in filterset.errors.items():
            for message in messages:
                errors.add(key, f"Tham số lọc “{key}” không hợp lệ: {message}")
    else:
        _check_numbers(filterset, errors)
    if errors.fields:
        raise QueryError(errors)
    qs = filterset.qs
    ordering = list(qs.query.order_by or qs.model._meta.ordering or [])
    if not {str(key).lstrip("-") for key in ordering} & {"pk", "id"}:
        qs = qs.order_by(*ordering, "pk")  # a stable order, so paging never skips or repeats
    try:
        count = qs.count()
        items = list(qs[params.offset:params.offset + params.limit])
    except (OverflowError, DataError):
        raise QueryError.single(None, "Giá trị tham số lọc quá lớn.") from None
    return {"count": count, "items": items}


# --- Lookups through the scope -------------------------------------------------------------------

def get_visible(source, request, pk: Optional[int] = None, *, editable: bool = False, public: Optional[str] = None,
                **lookup):
    """The API's one lookup of a record a path names: through the caller's scope (`visible_to`, or
    `editable_by` with editable=True; `public` names a queryset method open to anyone), so outside
    the scope is the same 404 as missing. `source` is a model, manager or queryset; the record is
    named by `pk` or by other fields (`unit_id=…, year=…`)."""
    if pk is not None:
        lookup["pk"] = pk
    return fetch_one(source, actor(request) if not public else None, editable=editable, public=public, **lookup)


class Refs:
    """Resolves the ids a client sends (unit, person, decision, authors…) through the caller's
    scope, collecting one Vietnamese error per field so the client sees them all at once.

        refs = Refs(request)
        unit = refs.one(Unit.objects, "unit", payload.unit, "đơn vị")
        refs.raise_if_any()
    """

    def __init__(self, request):
        self.user = actor(request)
        self.errors = Errors()

    def one(self, queryset, field: str, pk: Optional[int], noun: str):
        if pk is None:
            return None
        found = queryset.visible_to(self.user).filter(pk=pk).first()
        if found is None:
            self.errors.add(field, f"Không tìm thấy {noun} có mã số {pk} trong phạm vi của bạn.")
        return found

    def many(self, queryset, field: str, pks: list[int], noun: str) -> list:
        wanted = list(dict.fromkeys(pks))  # keep the client's order, drop repeats
        found = queryset.visible_to(self.user).in_bulk(wanted)
        missing = [pk for pk in wanted if pk not in found]
        if missing:
            listed = ", ".join(str(pk) for pk in missing)
            self.errors.add(field, f"Không tìm thấy {noun} có mã số {listed} trong phạm vi của bạn.")
        return [found[pk] for pk in wanted if pk in found]

    def add(self, field: str, message: str) -> None:
        self.errors.add(field, message)

    def raise_if_any(self) -> None:
        self.errors.raise_if_any()


# --- Who am I ------------------------------------------------------------------------------------

router = Router(tags=["Tài khoản"])


class MeOut(Schema):
    username: str
    full_name: str
    role: Optional[str]
    unit: Optional[int] = Field(None, description="Đơn vị gốc của phạm vi; null là toàn tỉnh.")
    province_wide: bool
    via_token: bool


@router.get("/me", response={200: MeOut, **ERRORS}, summary="Tài khoản đang gọi API và phạm vi của nó")
def me(request):
    user = actor(request)
    profile = getattr(user, "profile", None)
    return {
        "username": user.username,
        "full_name": user.get_full_name() or user.username,
        "role": role_of(user),
        "unit": profile.unit_id if profile and scope_unit_ids(user) is not None else None,
        "province_wide": scope_unit_ids(user) is None,
        "via_token": getattr(request, "api_token", None) is not None,
    }
