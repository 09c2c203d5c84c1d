"""The persona world the tests share (Healthchecks' hc/test.py style).

A small province: the provincial committee, two departments (unit A "Sở Tài chính", unit B
"Sở Y tế") each with a sub-unit, and a commune; one user per role. Tests read like sentences:
"a clerk of unit B gets 404 on unit A's person".
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User

from tdkt.awards import services as award_services
from tdkt.awards.models import AwardType
from tdkt.core.choices import Role
from tdkt.core.models import Profile
from tdkt.core.services import system_actor
from tdkt.org import services as org_services
from tdkt.org.models import Person, Unit

PASSWORD = "matkhau-thu-nghiem-2026"


@dataclass
class World:
    province: Unit
    unit_a: Unit
    unit_a_child: Unit
    unit_b: Unit
    unit_b_child: Unit
    commune: Unit
    admin: User
    officer: User
    clerk_a: User
    clerk_b: User
    council: User
    leader: User
    viewer: User
    person_a: Person
    person_b: Person


def make_user(username: str, role: str, unit: Unit | None = None, full_name: str = "") -> User:
    first, _, last = full_name.partition(" ")
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=full_name or username)
    Profile.objects.create(user=user, role=role, unit=unit)
    return user


def make_world() -> World:
    root = system_actor()
    province = org_services.create_unit(root, name="UBND tỉnh Hà Nam", code="T", kind="province")
    unit_a = org_services.create_unit(root, name="Sở Tài chính", code="STC", kind="department", parent=province)
    unit_a_child = org_services.create_unit(root, name="Phòng Ngân sách", code="STC-NS", kind="division", parent=unit_a)
    unit_b = org_services.create_unit(root, name="Sở Y tế", code="SYT", kind="department", parent=province)
    unit_b_child = org_services.create_unit(root, name="Bệnh viện Đa khoa tỉnh", code="SYT-BV", kind="hospital",
                                            parent=unit_b)
    commune = org_services.create_unit(root, name="UBND xã Thanh Liêm", code="X-TL", kind="commune", parent=province)
    admin = make_user("admin", Role.ADMIN, full_name="Quản trị viên")
    officer = make_user("canbo.tinh", Role.OFFICER, full_name="Trần Thị Thu Hà")
    clerk_a = make_user("vanthu.stc", Role.CLERK, unit_a, full_name="Lê Văn Bình")
    clerk_b = make_user("vanthu.syt", Role.CLERK, unit_b, full_name="Phạm Thị Lan")
    council = make_user("hoidong", Role.COUNCIL, full_name="Đỗ Minh Tuấn")
    leader = make_user("lanhdao", Role.LEADER, full_name="Trương Quốc Huy")
    viewer = make_user("nguoixem", Role.VIEWER, full_name="Vũ Thị Mai")
    person_a = org_services.create_person(root, unit_a_child, full_name="Nguyễn Văn Đức", gender="male",
                                          birth_date=datetime.date(1980, 5, 17), position="Trưởng phòng",
                                          is_leader=True, hired_on=datetime.date(2005, 9, 1))
    person_b = org_services.create_person(root, unit_b_child, full_name="Nguyễn Thị Ánh", gender="female",
                                          birth_date=datetime.date(1988, 2, 3), position="Bác sĩ",
                                          is_direct_worker=True, hired_on=datetime.date(2012, 3, 1))
    ldtt = AwardType.objects.get(code="LDTT")
    for year in (2023, 2024):
        award_services.set_rating(root, person=person_a, year=year, level="excellent")
        award_services.create_award_record(root, award_type=ldtt, subject_kind="individual", person=person_a,
                                           year=year)
    return World(province, unit_a, unit_a_child, unit_b, unit_b_child, commune, admin, officer, clerk_a, clerk_b,
                 council, leader, viewer, person_a, person_b)


# --- Helpers the HTTP and API tests share --------------------------------------------------------

def login(user):
    """A test client logged in as one persona."""
    from django.test import Client

    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def token_client(user):
    """A test client that calls the API with a fresh bearer token of the user."""
    from django.test import Client

    from tdkt.core.models import ApiToken

    _, raw = ApiToken.issue(user, "Hệ thống thử nghiệm")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def post(client, path, payload):
    """POST JSON (a str is sent as is, to test malformed bodies)."""
    import json

    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(path, body, content_type="application/json")


def patch(client, path, payload):
    import json

    return client.patch(path, json.dumps(payload), content_type="application/json")


def fields_of(response) -> dict:
    """{field: message} of an API error answer."""
    detail = response.json()["detail"]
    assert isinstance(detail, list), detail
    return {item["field"]: item["message"] for item in detail}


def is_vietnamese(message: str) -> bool:
    return bool(message) and any(ord(ch) > 127 for ch in message)
