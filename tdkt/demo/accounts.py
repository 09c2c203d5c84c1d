"""The demo accounts: one per role, all with the password DEMO_PASSWORD, on the generated units.

    create_demo_accounts() -> list[dict]     make (or refresh) them; idempotent
    demo_accounts() -> list[dict]            those that exist now, in the usual order
    print_accounts(accounts, out)            the table `tdkt demo` prints
    demo_usernames() -> list[str]            every demo account, including the demo council's and
                                             the clerks the emulation demo adds
"""
from __future__ import annotations

import sys

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from tdkt.core.choices import Role
from tdkt.core.models import Profile
from tdkt.org.models import Person, Unit

DEMO_PASSWORD = "tdkt@2026"
DEMO_URL = "http://127.0.0.1:8000"
FIXED_ACCOUNTS = ["admin", "canbo.tinh", "hoidong", "lanhdao", "nguoixem"]


def demo_usernames() -> list[str]:
    """The fixed accounts, the unit clerks (vanthu.*) and the demo council (hoidong.*): what a reset deletes."""
    clerks = Profile.objects.filter(role=Role.CLERK, user__username__startswith="vanthu.")
    council = User.objects.filter(username__startswith="hoidong.")  # the demo council (tdkt/demo/dossiers.py)
    return (FIXED_ACCOUNTS + list(clerks.values_list("user__username", flat=True))
            + list(council.values_list("username", flat=True)))


def _busiest(kind: str):
    """The active unit of a kind with the most people in its subtree (ties by code)."""
    best, best_n = None, -1
    for unit in Unit.objects.filter(kind=kind).active().order_by("code"):
        n = Person.objects.filter(unit__path__startswith=unit.path).count()
        if n > best_n:
            best, best_n = unit, n
    return best


def create_demo_accounts() -> list[dict]:
    """One account per role, all with DEMO_PASSWORD; idempotent. Needs the generated units."""
    province = Unit.objects.filter(kind="province").order_by("id").first()
    department = Unit.objects.filter(code="SYT", merged_into__isnull=True).first() or _busiest("department")
    commune = _busiest("commune")
    vice_chair = (Person.objects.filter(unit=province, position="Phó Chủ tịch UBND tỉnh").order_by("id").first()
                  if province else None)
    rows = [
        ("admin", Role.ADMIN, None, "Quản trị viên", "Quản trị hệ thống"),
        ("canbo.tinh", Role.OFFICER, None, "Trần Thị Thu Hà", "Chuyên viên Ban Thi đua – Khen thưởng"),
        (f"vanthu.{department.code.lower()}", Role.CLERK, department, "Lê Văn Bình",
         f"Cán bộ thi đua – khen thưởng {department.name}") if department else None,
        (f"vanthu.{commune.code.lower()}", Role.CLERK, commune, "Phạm Thị Lan",
         f"Công chức Văn phòng – Thống kê {commune.name}") if commune else None,
        ("hoidong", Role.COUNCIL, None, "Đỗ Minh Tuấn", "Ủy viên Hội đồng Thi đua – Khen thưởng tỉnh"),
        ("lanhdao", Role.LEADER, province, vice_chair.full_name if vice_chair else "Trương Quốc Huy",
         "Phó Chủ tịch UBND tỉnh"),
        ("nguoixem", Role.VIEWER, None, "Vũ Thị Mai", "Người xem"),
    ]
    password = make_password(DEMO_PASSWORD)
    accounts = []
    with transaction.atomic():
        for row in filter(None, rows):
            username, role, unit, full_name, title = row
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = full_name, ""
            user.password = password
            user.is_active = True
            user.is_superuser = user.is_staff = role == Role.ADMIN
            user.save()
            Profile.objects.update_or_create(user=user, defaults={"role": role, "unit": unit, "title": title})
            accounts.append(_account(user))
    return accounts


def _account(user) -> dict:
    profile = getattr(user, "profile", None)
    return {"username": user.username, "password": DEMO_PASSWORD,
            "role": Role(profile.role).label if profile else "", "unit": profile.unit.name if profile and profile.unit
            else "Toàn tỉnh", "full_name": user.first_name}


def demo_accounts() -> list[dict]:
    """The demo accounts that exist now, in the usual order. Of the unit clerks, the first made for a
    department and for another unit stand for the clerks of every block member (tdkt/demo/emulation.py)."""
    roles = list(Role.values)
    users = User.objects.filter(username__in=demo_usernames()).select_related("profile__unit")

    def order(user):
        profile = getattr(user, "profile", None)
        role = roles.index(profile.role) if profile else len(roles)
        return role, bool(profile and profile.unit and profile.unit.kind != "department"), user.username

    first_clerks: dict[bool, int] = {}
    for user in sorted(users, key=lambda u: u.pk):
        if getattr(user, "profile", None) and user.profile.role == Role.CLERK:
            first_clerks.setdefault(order(user)[1], user.pk)
    return [_account(u) for u in sorted(users, key=order)
            if not (getattr(u, "profile", None) and u.profile.role == Role.CLERK) or u.pk in first_clerks.values()]


def print_accounts(accounts: list[dict], out=sys.stdout) -> None:
    if not accounts:
        print("Chưa có tài khoản dùng thử (dùng `tdkt demo --reset` để tạo lại).", file=out)
        return
    header = ("Tài khoản", "Mật khẩu", "Vai trò", "Đơn vị")
    table = [header] + [(a["username"], a["password"], a["role"], a["unit"]) for a in accounts]
    widths = [max(len(row[k]) for row in table) for k in range(3)]
    print("Tài khoản dùng thử:", file=out)
    for k, row in enumerate(table):
        print("  " + "  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row[:3])) + "  " + row[3], file=out)
        if k == 0:
            print("  " + "  ".join("-" * w for w in widths) + "  " + "-" * len(header[3]), file=out)
