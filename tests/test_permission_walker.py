"""The permission walker: every page and every API operation, as every persona, on unit A's records.

It enumerates the URL patterns (django.urls.get_resolver, recursively, the ninja API's included)
and the operations of the OpenAPI document, and requests each one (GET and POST for pages; the
operation's own method, with an empty JSON body, for the API) as the provincial officer, the clerk
of unit A, the clerk of unit B, a council member, the leader, a viewer and an anonymous visitor.
One record of each kind is built in unit A (or with unit A as its party), so:

- every answer is in the expected set: pages 200/302/403/404, and 405 only when the response's
  Allow header says the method is not the view's; the API also 400/401/409/422 (its documented
  error contract, `tdkt.core.api.ERRORS`: 400 a bad query, 401 no credentials, 409 a constraint,
  422 a bad body — validation runs before any lookup, the same for every id) and 201 for a create;
- the clerk of unit B gets 404 on unit A's records, the same as on a record that does not exist,
  and nothing they send writes an audit row;
- an anonymous visitor is sent to the login page (302), and gets 401 from the API, except on the
  pages and operations that say they are public;
- a positive control: the officer or unit A's clerk gets something else than 404 on a record page (else the fixture, not the
  scope, would answer), except where the record's state makes 404 the answer, listed with why.

The tables below say how to build each URL's parameters. A new URL pattern or API operation with a
parameter and no entry here fails the walker, so nobody adds an unwalked URL.
"""
from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tdkt.core import clock
from tdkt.core.models import ApiToken, AuditEvent
from tdkt.testing import PASSWORD, make_world

# --- The tables --------------------------------------------------------------------------------
# A value "@name" is the primary key of the fixture object `name`; "@name.attr" one of its
# attributes; anything else is used as it is.

PAGE_KWARGS: dict[str, dict] = {
    "history": {"model": "org.person", "object_id": "@person"},
    "job": {"pk": "@job"},
    "job_download": {"pk": "@job"},
    # imports
    "imports:template": {"slug": "ca-nhan"},
    "imports:batch": {"pk": "@batch"},
    "imports:step": {"pk": "@batch"},
    "imports:commit": {"pk": "@batch"},
    # org
    "org:unit": {"pk": "@unit"},
    "org:unit_edit": {"pk": "@unit"},
    "org:person": {"pk": "@person"},
    "org:person_edit": {"pk": "@person"},
    "org:person_transfer": {"pk": "@person"},
    # awards
    "awards:record": {"pk": "@record"},
    "awards:decision": {"pk": "@decision"},
    "awards:decision_edit": {"pk": "@decision"},
    "awards:decision_file": {"pk": "@decision"},
    "awards:person_rating": {"pk": "@person"},
    "awards:person_award": {"pk": "@person"},
    "awards:person_discipline": {"pk": "@person"},
    "awards:person_initiative": {"pk": "@person"},
    # eligibility
    "eligibility:person": {"pk": "@person"},
    "eligibility:unit": {"pk": "@unit"},
    "eligibility:run_status": {"pk": "@run"},
    # dossiers
    "dossiers:detail": {"pk": "@dossier"},
    "dossiers:nominee_add": {"pk": "@dossier"},
    "dossiers:nominee_pick": {"pk": "@dossier"},
    "dossiers:nominee_import": {"pk": "@dossier"},
    "dossiers:nominee_import_confirm": {"pk": "@dossier"},
    "dossiers:nominee_import_template": {"pk": "@dossier"},
    "dossiers:attachment_add": {"pk": "@dossier"},
    "dossiers:issue": {"pk": "@dossier"},
    "dossiers:number": {"pk": "@dossier"},
    "dossiers:upper_decision": {"pk": "@dossier"},
    "dossiers:issued_file": {"pk": "@dossier", "kind": "decision_pdf"},
    "dossiers:certificate": {"pk": "@dossier", "cert_id": "@certificate"},
    "dossiers:certificates_zip": {"pk": "@dossier"},
    "dossiers:print_on_blank": {"pk": "@dossier", "layout": "bang_khen"},
    "dossiers:regenerate": {"pk": "@dossier"},
    "dossiers:documents_status": {"pk": "@dossier"},
    "dossiers:package": {"pk": "@dossier"},
    "dossiers:action": {"pk": "@dossier", "action": "nop"},
    "dossiers:notification": {"pk": "@notification"},
    "dossiers:nominee_remove": {"pk": "@nominee"},
    "dossiers:nominee_edit": {"pk": "@nominee"},
    "dossiers:appraise": {"pk": "@nominee"},
    "dossiers:attachment": {"pk": "@attachment"},
    "dossiers:attachment_remove": {"pk": "@attachment"},
    "dossiers:session": {"pk": "@session"},
    "dossiers:ballot": {"pk": "@session"},
    "dossiers:minutes": {"pk": "@session", "fmt": "pdf"},
    "dossiers:session_action": {"pk": "@session", "action": "mo"},
    "dossiers:conflict": {"pk": "@agenda_item"},
    "dossiers:disclosure": {"pk": "@disclosed"},
    "dossiers:layout": {"name": "bang_khen"},
    "dossiers:layout_preview": {"name": "bang_khen"},
    "dossiers:verify": {"code": "@certificate.code"},
    # emulation
    "emulation:block": {"pk": "@block"},
    "emulation:members": {"pk": "@block"},
    "emulation:inspection_team": {"pk": "@block"},
    "emulation:template": {"pk": "@block"},
    "emulation:sheet": {"pk": "@block", "unit_id": "@unit", "mode": "tu-cham"},
    "emulation:result": {"pk": "@block", "unit_id": "@unit"},
    "emulation:ranking_xlsx": {"pk": "@block"},
    "emulation:vote": {"pk": "@block"},
    "emulation:block_action": {"pk": "@block", "action": "khoa-diem"},
    "emulation:evidence": {"pk": "@evidence"},
    "emulation:document": {"pk": "@block_document"},
    "emulation:covenant": {"pk": "@covenant"},
    "emulation:covenant_xlsx": {"pk": "@covenant"},
    "emulation:covenant_evidence": {"pk": "@covenant_evidence"},
    "emulation:registration": {"unit_id": "@unit", "year": 2025},
    "emulation:movement": {"pk": "@movement"},
    "emulation:movement_document": {"pk": "@movement_document"},
    "emulation:key_tasks": {"unit_id": "@unit", "year": 2025},
    # accounts (the user pages are the administrator's: every walker persona gets 403)
    "accounts:user": {"pk": "@account"},
    "accounts:user_password": {"pk": "@account"},
    "accounts:user_unlock": {"pk": "@account"},
    "accounts:token_revoke": {"pk": "@token"},
    "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
}

# Query strings some pages need to do their work (rather than refuse the request).
PAGE_QUERY = {"eligibility:timely_export": "?award=CSTD_CS&year=2024", "eligibility:timely": "?award=CSTD_CS&year=2024"}

# Pages anyone may open, signed in or not (each says so in its view).
PUBLIC_PAGES = {"login", "favicon", "logout", "dossiers:disclosures", "dossiers:disclosure", "dossiers:verify_upload",
                "dossiers:verify", "accounts:password_reset", "accounts:password_reset_done",
                "accounts:password_reset_confirm", "accounts:password_reset_complete"}

# Record pages where the officer and unit A's clerk too get 404 on the walker's records, and why (the positive control).
STATE_404 = {
    "dossiers:package": "only a dossier going upward, from disclosure on, has a package",
    "dossiers:minutes": "the minutes exist once the session is closed",
    "emulation:result": "results are published when the block closes",
    "emulation:ranking_xlsx": "the ranking is published when the block closes",
    "emulation:vote": "the block votes after it closes",
    "dossiers:nominee_import_confirm": "POST only, and the officer's session holds no previewed file",
    "dossiers:documents_status": "the issued-documents card exists once the dossier is decided",
}

# The API's path parameters, by the OpenAPI path.
API_PARAMS: dict[str, dict] = {
    "/api/units/{id}": {"id": "@unit"},
    "/api/people/{id}": {"id": "@person"},
    "/api/awards/{id}": {"id": "@record"},
    "/api/awards/{id}/revoke": {"id": "@record"},
    "/api/decisions/{id}": {"id": "@decision"},
    "/api/ratings/{id}": {"id": "@rating"},
    "/api/initiatives/{id}": {"id": "@initiative"},
    "/api/people/{person_id}/eligibility": {"person_id": "@person"},
    "/api/units/{unit_id}/eligibility": {"unit_id": "@unit"},
    "/api/dossiers/{id}": {"id": "@dossier"},
    "/api/dossiers/{id}/nominees": {"id": "@dossier"},
    "/api/dossiers/{id}/transitions": {"id": "@dossier"},
    "/api/dossiers/{id}/documents": {"id": "@dossier"},
    "/api/dossiers/{id}/decision-number": {"id": "@dossier"},
    "/api/nominees/{id}/appraisal": {"id": "@nominee"},
    "/api/sessions/{id}/ballots": {"id": "@session"},
    "/api/sessions/{id}/results": {"id": "@session"},
    "/api/certificates/{code}": {"code": "@certificate.code"},
    "/api/emulation/blocks/{id}": {"id": "@block"},
    "/api/emulation/blocks/{id}/members": {"id": "@block"},
    "/api/emulation/blocks/{id}/rotation": {"id": "@block"},
    "/api/emulation/blocks/{id}/inspection-team": {"id": "@block"},
    "/api/emulation/blocks/{id}/copy": {"id": "@block"},
    "/api/emulation/blocks/{id}/template": {"id": "@block"},
    "/api/emulation/blocks/{id}/open-scoring": {"id": "@block"},
    "/api/emulation/blocks/{id}/close-scoring": {"id": "@block"},
    "/api/emulation/blocks/{id}/reopen-scoring": {"id": "@block"},
    "/api/emulation/blocks/{id}/adjust": {"id": "@block"},
    "/api/emulation/blocks/{id}/scores": {"id": "@block"},
    "/api/emulation/blocks/{id}/ranking": {"id": "@block"},
    "/api/emulation/blocks/{id}/vote": {"id": "@block"},
    "/api/emulation/covenants/{id}": {"id": "@covenant"},
    "/api/emulation/covenants/{id}/sign": {"id": "@covenant"},
    "/api/emulation/covenants/{id}/results": {"id": "@covenant"},
    "/api/emulation/covenants/{id}/fulfilment": {"id": "@covenant"},
    "/api/emulation/registrations/{unit_id}/{year}": {"unit_id": "@unit", "year": 2025},
    "/api/emulation/registrations/{unit_id}/{year}/submit": {"unit_id": "@unit", "year": 2025},
    "/api/emulation/movements/{id}": {"id": "@movement"},
    "/api/emulation/movements/{id}/launch": {"id": "@movement"},
    "/api/emulation/movements/{id}/reviews": {"id": "@movement"},
    "/api/emulation/key-tasks/{unit_id}/{year}": {"unit_id": "@unit", "year": 2025},
}
# Query strings an operation requires.
API_QUERY = {"/api/emulation/registrations/rollup": "?year=2025"}
# Operations open to anyone (auth=None in their router).
PUBLIC_API = {"/api/certificates/{code}"}
# The ninja patterns that are not operations: the schema, the docs page, the API's root.
API_DOCS = {"api:openapi-json", "api:openapi-view", "api:api-root"}
API_DOC_PUBLIC = {"api:openapi-json", "api:openapi-view"}

# Fixture objects that are not unit A's (open to every persona with a role, or to anyone).
# The account is unit A's clerk, but account pages are the administrator's alone (403 to everyone else,
# not a scope question).
SHARED_OBJECTS = {"run", "disclosed", "account"}

PERSONAS = ["officer", "clerk_a", "clerk_b", "council", "leader", "viewer", "anonymous"]
OUTSIDER = "clerk_b"
INSIDERS = {"officer", "clerk_a"}
MISSING_ID = 987654321

PAGE_STATUSES = {200, 302, 403, 404}
API_STATUSES = {200, 201, 400, 401, 403, 404, 409, 422}


# --- Enumeration -------------------------------------------------------------------------------

def url_patterns(patterns=None, prefix="", namespace=""):
    """(name, route, pattern) of every URL pattern, recursively through includes."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x)
            yield from url_patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace else (p.name or "")
            yield name, prefix + str(p.pattern), p


def page_patterns():
    return [(n, r, p) for n, r, p in url_patterns() if not n.startswith("api:")]


def api_patterns():
    return [(n, r, p) for n, r, p in url_patterns() if n.startswith("api:")]


def api_operations():
    from tdkt.api import api

    schema = api.get_openapi_schema()
    return [(method.upper(), path) for path, item in schema["paths"].items() for method in item
            if method in ("get", "post", "put", "patch", "delete")]


def route_kwargs(pattern) -> set[str]:
    return set(pattern.pattern.converters) | set(re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern)))


# --- The world ---------------------------------------------------------------------------------

class Objects(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def build_objects(w) -> Objects:
    """One record of each kind, in unit A or with unit A as its party (direct rows where the
    workflow to reach them would only slow the walker down)."""
    from tdkt.awards import services as award_services
    from tdkt.awards.models import AwardRecord, Decision, Initiative, Rating
    from tdkt.core.models import Job
    from tdkt.dossiers import services as dossier_services
    from tdkt.dossiers.models import (
        AgendaItem,
        Certificate,
        CouncilSession,
        Dossier,
        IssuedFile,
        Notification,
        SessionMember,
    )
    from tdkt.dossiers.tests.factories import award, docx, pdf
    from tdkt.eligibility.models import EligibilityRun, RunStatus
    from tdkt.emulation import services as emulation_services
    from tdkt.emulation.models import BlockDocument, CovenantEvidence, CovenantResult, Evidence, MovementDocument
    from tdkt.emulation.services import covenants, movements, scoring
    from tdkt.emulation.tests.factories import template_spec
    from tdkt.imports.models import ImportBatch

    o = Objects(unit=w.unit_a, person=w.person_a, account=w.clerk_a)
    # Unit A's clerk's own API token: its revocation page is theirs (and the administrator's) alone.
    o["token"] = ApiToken.issue(w.clerk_a, "Hệ thống thử nghiệm")[0]
    o["record"] = AwardRecord.objects.filter(person=w.person_a).first()
    o["rating"] = Rating.objects.filter(person=w.person_a).first()
    o["decision"] = award_services.create_decision(
        w.clerk_a, number="12/QĐ-STC", signed_on=datetime.date(2025, 1, 10), authority="unit_head",
        issuer_name="Sở Tài chính", issuer_unit=w.unit_a, summary="Khen thưởng năm 2024")
    Decision.objects.filter(pk=o["decision"].pk).update(file=o["decision"].file.field.generate_filename(
        o["decision"], "qd.pdf"))
    o["decision"].refresh_from_db()
    o["decision"].file.storage.save(o["decision"].file.name, ContentFile(b"%PDF-1.4"))
    o["initiative"] = Initiative.objects.create(title="Sáng kiến số hóa hồ sơ", unit=w.unit_a, scope="unit", year=2024)
    o["initiative"].authors.add(w.person_a)
    o["batch"] = ImportBatch.objects.create(kind="people", file=ContentFile(b"x", "b.xlsx"), original_name="b.xlsx",
                                            created_by=w.clerk_a, unit=w.unit_a)
    o["job"] = Job.objects.create(owner=w.clerk_a, kind="awards.export", title="Xuất Excel danh sách khen thưởng",
                                  status="done", file=ContentFile(b"x", "k.xlsx"), download_name="k.xlsx")
    o["run"] = EligibilityRun.objects.create(year=2024, status=RunStatus.DONE, awards="CSTD_CS",
                                             finished_at=clock.now())

    dossier = dossier_services.create_dossier(w.clerk_a, proposing_unit=w.unit_a, title="Đề nghị khen năm 2025",
                                              authority="province_chair", year=2025)
    o["dossier"] = dossier
    o["attachment"] = dossier_services.add_attachment(w.clerk_a, dossier, upload=pdf(), kind="proposal")
    o["nominee"] = dossier_services.add_nominee(w.clerk_a, dossier, award_type=award("BK_TINH"),
                                                subject_kind="individual", person=w.person_a,
                                                achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025")
    dossier_services.add_attachment(w.clerk_a, dossier, upload=docx(), kind="report", nominee=o["nominee"])
    IssuedFile.objects.create(dossier=dossier, kind="decision_pdf", file=ContentFile(b"%PDF-1.4", "qd.pdf"),
                              download_name="qd.pdf", size=8, sha256="0" * 64)
    certified = award_services.create_award_record(w.clerk_a, award_type=award("BK_TINH"), subject_kind="individual",
                                                   person=w.person_a, year=2025, decision=o["decision"])
    o["certificate"] = Certificate.objects.create(
        award_record=certified, decision=o["decision"], dossier=dossier, order=1, serial="BK-2025-0001",
        code="walkerCode0001", layout_name="bang_khen", file=ContentFile(b"%PDF-1.4", "bang.pdf"))
    disclosed = dossier_services.create_dossier(w.clerk_a, proposing_unit=w.unit_a, title="Công khai", year=2025,
                                                authority="province_chair")
    # The agenda's nominee is the disclosed dossier's (a dossier goes to the council after appraisal).
    voted = dossier_services.add_nominee(w.clerk_a, disclosed, award_type=award("BK_TINH"), subject_kind="collective",
                                         recipient_unit=w.unit_a_child, achievement="Hoàn thành xuất sắc nhiệm vụ")
    Dossier.objects.filter(pk=disclosed.pk).update(status="disclosure", disclosure_start=clock.today(),
                                                   disclosure_end=clock.today() + datetime.timedelta(days=5))
    o["disclosed"] = disclosed

    session = CouncilSession.objects.create(title="Phiên họp xét khen thưởng", held_on=clock.today(),
                                            quorum=Decimal("0.5"), created_by=w.officer)
    SessionMember.objects.create(session=session, user=w.council)
    o["session"] = session
    o["agenda_item"] = AgendaItem.objects.create(session=session, nominee=voted, threshold=Decimal("0.5"))

    block = emulation_services.create_block(w.officer, name="Khối thử", year=2025, units=[w.unit_a, w.commune],
                                            head=w.unit_a, deputy=w.commune)
    scoring.set_template(w.officer, block, **template_spec())
    scoring.open_scoring(w.officer, block, self_score_deadline=clock.today() + datetime.timedelta(days=10),
                         block_score_deadline=clock.today() + datetime.timedelta(days=20))
    o["block"] = block
    # Opening the scoring told the member units (unit A among them): a notice to unit A.
    o["notification"] = Notification.objects.get(unit=w.unit_a, link=block.get_absolute_url())
    criterion = block.template.criteria.first()
    o["evidence"] = Evidence.objects.create(block=block, unit=w.unit_a, criterion=criterion, original_name="mc.pdf",
                                            file=ContentFile(b"%PDF-1.4", "mc.pdf"), content_kind="pdf", size=8,
                                            sha256="0" * 64)
    o["block_document"] = BlockDocument.objects.create(block=block, kind="programme", original_name="ct.pdf",
                                                       file=ContentFile(b"%PDF-1.4", "ct.pdf"), content_kind="pdf",
                                                       size=8, sha256="0" * 64)
    covenant = covenants.create_covenant(w.officer, kind="block", year=2025, title="Giao ước khối", block=block,
                                         indicators=[{"name": "Giải ngân vốn đầu tư", "unit_of_measure": "%",
                                                      "target": Decimal("95")}])
    o["covenant"] = covenant
    result = CovenantResult.objects.create(indicator=covenant.indicators.first(),
                                           party=covenant.parties.get(unit=w.unit_a), period="year_end",
                                           actual=Decimal("96"))
    o["covenant_evidence"] = CovenantEvidence.objects.create(result=result, original_name="gu.pdf",
                                                             file=ContentFile(b"%PDF-1.4", "gu.pdf"),
                                                             content_kind="pdf", size=8, sha256="0" * 64)
    movement = movements.create_movement(w.clerk_a, launching_unit=w.unit_a, title="Thi đua chuyển đổi số",
                                         kind="thematic", period_kind="calendar_year", start_year=2025, end_year=2025,
                                         contents=["Số hóa hồ sơ"], covered_units=[w.unit_a_child])
    o["movement"] = movement
    o["movement_document"] = MovementDocument.objects.create(movement=movement, title="Kế hoạch",
                                                             original_name="kh.pdf",
                                                             file=ContentFile(b"%PDF-1.4", "kh.pdf"),
                                                             content_kind="pdf", size=8, sha256="0" * 64)
    return o


def resolve(value, objects: Objects, *, missing: bool = False):
    """A table value: "@name" → the object's pk (or an id that exists nowhere), "@name.attr" → an attribute."""
    if not (isinstance(value, str) and value.startswith("@")):
        return value
    name, _, attr = value[1:].partition(".")
    obj = objects[name]
    if missing:
        return "nowhere0000000" if attr else MISSING_ID
    return getattr(obj, attr) if attr else obj.pk


def refers_to_unit_a(params: dict) -> bool:
    return any(isinstance(v, str) and v.startswith("@") and v[1:].partition(".")[0] not in SHARED_OBJECTS
               for v in params.values())


def fill(route: str, kwargs: dict) -> str:
    """The path of a route with its kwargs ("ho-so/<int:pk>/" → "/ho-so/7/"; "{id}" too)."""
    def sub(m):
        return str(kwargs[m.group(1)])
    path = re.sub(r"<(?:\w+:)?(\w+)>", sub, route)
    path = re.sub(r"\{(\w+)\}", sub, path)
    return path if path.startswith("/") else "/" + path


class Walker(TestCase):
    """Build the persona world and unit A's records once; every request runs in a savepoint that is
    rolled back, so one persona's POST never changes what the next one sees."""

    @classmethod
    def setUpTestData(cls):
        cls.world = make_world()
        cls.objects = build_objects(cls.world)

    def client_for(self, persona: str) -> Client:
        client = Client(raise_request_exception=False)   # a 500 is a finding of the walk, not its end
        client.persona = persona
        if persona != "anonymous":
            assert client.login(username=getattr(self.world, persona).username, password=PASSWORD)
        return client

    def request(self, client, method: str, path: str, *, api: bool):
        sid = transaction.savepoint()
        audit_before = AuditEvent.objects.count()
        try:
            if api and method != "GET":
                response = client.generic(method, path, json.dumps({}), content_type="application/json")
            elif method == "GET":
                response = client.get(path)
            else:
                response = client.post(path, {})
            wrote = AuditEvent.objects.count() != audit_before
        finally:
            transaction.savepoint_rollback(sid)
            clock.reset()
        persona = getattr(client, "persona", "anonymous")
        if persona != "anonymous" and "_auth_user_id" not in client.session:
            # The walk reached the logout page: sign the persona in again for the next request.
            assert client.login(username=getattr(self.world, persona).username, password=PASSWORD)
        return response, wrote


def method_refused(response, method: str) -> bool:
    """A 405 that says the method is not the view's (the Allow header lists the others)."""
    allowed = {m.strip() for m in response.get("Allow", "").split(",") if m.strip()}
    return response.status_code == 405 and bool(allowed) and method not in allowed


class TestTablesCoverEveryUrl(TestCase):
    """Nobody adds an unwalked URL: each pattern with a parameter, and each API path with one, has
    an entry; and the tables name no pattern that no longer exists."""

    def test_every_page_pattern_with_a_parameter_has_a_fixture(self):
        missing, names = [], set()
        for name, route, pattern in page_patterns():
            names.add(name)
            kwargs = route_kwargs(pattern)
            if kwargs and not kwargs <= set(PAGE_KWARGS.get(name, {})):
                missing.append(f"{name} ({route}): {sorted(kwargs - set(PAGE_KWARGS.get(name, {})))}")
            assert name, f"the URL pattern {route} has no name: the walker's tables key on names"
        assert not missing, "URL patterns without parameter fixtures in PAGE_KWARGS:\n" + "\n".join(missing)
        stale = set(PAGE_KWARGS) - names
        assert not stale, f"PAGE_KWARGS names patterns that do not exist: {sorted(stale)}"

    def test_every_api_operation_with_a_parameter_has_a_fixture(self):
        paths = {path for _, path in api_operations()}
        missing = [p for p in paths if re.search(r"\{\w+\}", p) and p not in API_PARAMS]
        assert not missing, f"API paths without parameter fixtures in API_PARAMS: {sorted(missing)}"
        stale = set(API_PARAMS) - paths
        assert not stale, f"API_PARAMS names paths that do not exist: {sorted(stale)}"

    def test_every_ninja_url_pattern_is_an_operation_of_the_schema(self):
        """An operation hidden from the schema (include_in_schema=False) would escape the walk."""
        paths = {path for _, path in api_operations()}
        for name, route, _pattern in api_patterns():
            if name in API_DOCS:
                continue
            path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
            assert path in paths, f"{name} ({route}) is served but not in the OpenAPI schema"


class TestPermissionWalker(Walker):

    def test_every_page_as_every_persona(self):
        failures, count = [], 0
        clients = {p: self.client_for(p) for p in PERSONAS}
        for name, route, _pattern in page_patterns():
            params = PAGE_KWARGS.get(name, {})
            path = fill(route, {k: resolve(v, self.objects) for k, v in params.items()}) + PAGE_QUERY.get(name, "")
            missing_path = fill(route, {k: resolve(v, self.objects, missing=True) for k, v in params.items()})
            insider_found = False
            for persona in PERSONAS:
                for method in ("GET", "POST"):
                    count += 1
                    response, wrote = self.request(clients[persona], method, path, api=False)
                    status = response.status_code
                    where = f"{method} {path} [{name}] as {persona}: {status}"
                    if status not in PAGE_STATUSES and not method_refused(response, method):
                        failures.append(f"{where} is outside 200/302/403/404")
                        continue
                    if persona in INSIDERS and status != 404:
                        insider_found = True
                    if persona == "anonymous" and name not in PUBLIC_PAGES and not method_refused(response, method):
                        if status != 302 or not response["Location"].startswith(reverse("login")):
                            failures.append(f"{where}: an anonymous visitor must be sent to log in")
                    if persona == OUTSIDER and refers_to_unit_a(params) and name not in PUBLIC_PAGES:
                        if not method_refused(response, method):
                            if status != 404:
                                failures.append(f"{where}: unit B's clerk must get 404 on unit A's record")
                            missing_response, _ = self.request(clients[persona], method, missing_path, api=False)
                            if missing_response.status_code != status:
                                failures.append(f"{where}: differs from a missing record "
                                                f"({missing_response.status_code})")
                        if wrote:
                            failures.append(f"{where}: unit B's clerk wrote an audit row on unit A's record")
            if params and refers_to_unit_a(params) and not insider_found and name not in STATE_404:
                failures.append(f"{name}: the officer and unit A's clerk got 404 on every request: the fixture "
                                "does not reach the view")
        self.__class__.walked_pages = count
        assert not failures, f"{len(failures)} of {count} page requests answered wrongly:\n" + "\n".join(failures)

    def test_every_api_operation_as_every_persona(self):
        failures, count = [], 0
        clients = {p: self.client_for(p) for p in PERSONAS}
        for method, template in api_operations():
            params = API_PARAMS.get(template, {})
            path = fill(template, {k: resolve(v, self.objects) for k, v in params.items()}) + API_QUERY.get(template, "")
            missing_path = fill(template, {k: resolve(v, self.objects, missing=True) for k, v in params.items()})
            for persona in PERSONAS:
                count += 1
                response, wrote = self.request(clients[persona], method, path, api=True)
                status = response.status_code
                where = f"{method} {path} as {persona}: {status}"
                if status not in API_STATUSES:
                    failures.append(f"{where} is outside the API's contract {sorted(API_STATUSES)}")
                    continue
                if persona == "anonymous" and template not in PUBLIC_API and status != 401:
                    failures.append(f"{where}: an anonymous client must get 401")
                if persona == OUTSIDER and refers_to_unit_a(params) and template not in PUBLIC_API:
                    missing_response, _ = self.request(clients[persona], method, missing_path, api=True)
                    if missing_response.status_code != status:
                        failures.append(f"{where}: differs from a missing record ({missing_response.status_code})")
                    if method == "GET" and status != 404:
                        failures.append(f"{where}: unit B's clerk must get 404 on unit A's record")
                    if wrote:
                        failures.append(f"{where}: unit B's clerk wrote an audit row on unit A's record")
        assert not failures, f"{len(failures)} of {count} API requests answered wrongly:\n" + "\n".join(failures)

    def test_the_api_documents_are_public_and_the_root_is_not_a_hole(self):
        anonymous = self.client_for("anonymous")
        for name, route, _pattern in api_patterns():
            if name in API_DOCS:
                status = anonymous.get("/" + route).status_code
                expected = {200} if name in API_DOC_PUBLIC else {200, 401, 404}
                assert status in expected, f"{route} as anonymous: {status}"
