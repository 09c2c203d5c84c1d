"""The pages under load (issue 11): `python -m bench web [--database postgres]`.

The application is served by `tdkt serve` (gunicorn, static files collected and served by
WhiteNoise, as a province runs it; `server_command`, the one place that names the server) on loopback at province scale (the database `python -m bench foundation` builds: 100,000 people, ~1M
award records), with the demo dossiers (tdkt.demo.dossiers: a decided dossier with its certificates)
added when the database has none. wrk (Debian package `wrk`, installed here when missing) sends GET
requests for `--duration` seconds at each concurrency over seven pages, logged in as the province's
officer: the home page, person search, a person page, the filtered award list, a dossier page, the
public verification page (no login needed; the cookie is sent anyway) and the API's award list (with
a bearer token). Each page cycles through a list of URLs (different queries, people, filters) so
that no single answer is measured. The reference is a minimal Django view (bench/weburls.py) served
by the same server, through the same middleware, in the same run: 30 s first, and 10 s right after
each page (`--adjacent-reference`), the one each page's ratio is taken against, since the machine's
other load changes during a run.

wrk rather than locust: it is a small C program that needs two cores' worth of nothing (this machine
has two cores, shared with the server: a Python load generator would take much of the CPU it
measures), it keeps exact latency histograms (HdrHistogram) and its Lua hook sets headers and
cycles URLs. The cost of wrk itself is still not zero: the figures are for client and server on the
same two cores.

Prints one JSON object: the setup (workers, database, row counts, cores) and per page and
concurrency: requests/s, p50/p95/p99 (ms), errors and the ratio to the reference's requests/s.
"""
import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from bench.common import setup

POSTGRES_URL = "postgres://tdkt:tdkt@127.0.0.1:54329/tdkt_bench"
LUA = os.path.join(os.path.dirname(__file__), "web.lua")
PAGES = ["reference", "home", "search", "person", "award_list", "dossier", "verification", "api_list"]
TARGET_P95_MS = 300
TARGET_RATIO = 0.03


def server_command(workers: int, port: int) -> list[str]:
    """The production server's command line: `tdkt serve`, without its job worker (the pages measured
    queue no job, and the worker would only take CPU from the server)."""
    return [sys.executable, "-m", "tdkt.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(workers), "--no-worker"]


def ensure_wrk() -> str:
    """The path of wrk, installing the Debian package when it is missing (needs root)."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("Thiếu chương trình wrk: cài bằng `apt-get install -y wrk`.")
    subprocess.run(["apt-get", "install", "-y", "wrk"], check=False, stdout=subprocess.DEVNULL)
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "update"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)
    return shutil.which("wrk")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session_cookie(user) -> str:
    """A logged-in session made directly in the session store (as Client.force_login does): no login
    form, so no login throttling or lock-out is involved."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    backends = settings.AUTHENTICATION_BACKENDS
    backend = next((b for b in backends if b == "django.contrib.auth.backends.ModelBackend"), backends[-1])
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = backend
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def url_lists(rng, n=50) -> dict[str, list[str]]:
    """The URLs each page cycles through."""
    from urllib.parse import urlencode

    from bench.foundation import search_queries
    from tdkt.awards.models import AwardType
    from tdkt.dossiers.models import Certificate, Dossier
    from tdkt.org.models import Person, Unit

    person_ids = list(Person.objects.values_list("id", flat=True))
    codes = list(AwardType.objects.filter(records__isnull=False).distinct().values_list("code", flat=True))
    units = list(Unit.objects.values_list("id", flat=True))
    lists, api = [], []
    for i in range(n):
        params = {"year": rng.choice(range(2016, 2026))}
        if i % 2 == 0:
            params["award"] = rng.choice(codes)
        if i % 3 == 0:
            params["unit"] = rng.choice(units)
        if i % 5 == 0:
            params["subject_kind"] = rng.choice(["individual", "collective"])
        if i % 4 == 1:
            params["sort"] = rng.choice(["recipient_name", "-year", "award_type", "unit"])
        if i % 10 == 9:
            params["page"] = 3
        lists.append("/khen-thuong/?" + urlencode(params))
        api_params = {k: v for k, v in params.items() if k in ("year", "award", "unit", "subject_kind")}
        api.append("/api/awards?" + urlencode(api_params))
    dossiers = list(Dossier.objects.order_by("id").values_list("id", flat=True))
    certificates = list(Certificate.objects.order_by("id").values_list("code", flat=True)[:n])
    if not dossiers or not certificates:
        raise SystemExit("Cơ sở dữ liệu thử không có hồ sơ hoặc bằng nào để đo.")
    return {
        "reference": ["/bench/tham-chieu/"],
        "home": ["/"],
        "search": ["/ca-nhan/?" + urlencode({"q": q}) for q in search_queries(rng, n)],
        "person": [f"/ca-nhan/{pk}/" for pk in rng.sample(person_ids, n)],
        "award_list": lists,
        "dossier": [f"/ho-so/{pk}/" for pk in dossiers],
        "verification": [f"/xac-minh/{code}/" for code in certificates],
        "api_list": api,
    }


def decided_dossier(size=300):
    """A decided dossier of `size` individuals with their certificates, made from the records of the
    decision with the most individuals (bulk rows, as the generator makes them; the certificates'
    files are not rendered: the pages measured do not open them)."""
    import secrets

    from django.db import transaction
    from django.db.models import Count

    from tdkt.awards.models import AwardRecord, Decision
    from tdkt.dossiers.models import Certificate, Dossier, Nominee

    decision = (Decision.objects.filter(records__person__isnull=False).annotate(n=Count("records"))
                .order_by("-n", "id").first())
    records = list(AwardRecord.objects.filter(decision=decision, person__isnull=False)
                   .select_related("person", "unit").order_by("id")[:size])
    with transaction.atomic():
        dossier = Dossier.objects.create(title=f"Hồ sơ thử tải: {decision.number}", proposing_unit=records[0].unit,
                                         authority="province_chair", kind=records[0].kind, year=decision.year,
                                         status="decided", decision=decision)
        Nominee.objects.bulk_create([
            Nominee(dossier=dossier, order=i, subject_kind="individual", person=r.person, unit=r.unit,
                    award_type_id=r.award_type_id, year=r.year, achievement=r.achievement or "Thành tích",
                    recipient_name=r.recipient_name, appraisal="passed", award_record=r, is_open=False)
            for i, r in enumerate(records, start=1)])
        Certificate.objects.bulk_create([
            Certificate(award_record=r, decision=decision, dossier=dossier, order=i, serial=f"TT-{dossier.pk}-{i}",
                        code=secrets.token_urlsafe(12), layout_name="bang_khen")
            for i, r in enumerate(records, start=1)])


def prepare(args) -> dict:
    """Migrate, add the demo dossiers if there are none, and make the officer's session and token."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from tdkt.awards.models import AwardRecord
    from tdkt.core.models import ApiToken
    from tdkt.dossiers.models import Certificate, Dossier
    from tdkt.org.models import Person, Unit

    call_command("migrate", verbosity=0, interactive=False)
    if Person.objects.count() < 1000:
        raise SystemExit("Cơ sở dữ liệu thử chưa có tỉnh: chạy `python -m bench foundation` trước.")
    if not Certificate.objects.exists():
        decided_dossier()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the fixture's rows counted too, as a maintained database would have them
    officer = User.objects.get(username=args.user)
    ApiToken.objects.filter(user=officer, name="bench web").delete()
    _, token = ApiToken.issue(officer, "bench web")
    rows = {"people": Person.objects.count(), "units": Unit.objects.count(),
            "award_records": AwardRecord.objects.count(), "dossiers": Dossier.objects.count(),
            "certificates": Certificate.objects.count()}
    return {"cookie": session_cookie(officer), "token": token, "rows": rows, "vendor": connection.vendor}


def server_environment(args) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.websettings", TDKT_DEBUG="0",
               TDKT_ALLOWED_HOSTS="127.0.0.1,localhost", TDKT_PUBLIC_URL="http://127.0.0.1")
    if not env.get("DATABASE_URL"):
        env["TDKT_SQLITE_PATH"] = os.path.abspath(args.sqlite)
    return env


def wait_ready(base: str, proc, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"Máy chủ đã dừng (mã {proc.returncode}).")
        try:
            with urllib.request.urlopen(base + "/bench/tham-chieu/", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise SystemExit("Máy chủ không trả lời sau 60 giây.")


def check(base: str, path: str, header: tuple[str, str]):
    """Each URL must answer 200 with the page, not a redirect to the login form, before it is measured."""
    req = urllib.request.Request(base + path, headers={header[0]: header[1]})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(req, timeout=120) as r:
            status = r.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    if status != 200:
        raise SystemExit(f"{path} trả lời {status}, không phải 200.")


def first_home_after_change(base: str, cookie: str) -> float:
    """One home page right after a change to the award catalogue (a no-op update: the triggers replace
    the token all the same), when the worker recounts the year's figures."""
    from django.db.models import F

    from tdkt.awards.models import AwardType

    AwardType.objects.filter(pk=AwardType.objects.order_by("pk").values("pk")[:1]).update(rank=F("rank"))
    start = time.perf_counter()
    check(base, "/", ("Cookie", cookie))
    return round((time.perf_counter() - start) * 1000, 1)


def run_wrk(wrk, base, paths, header, concurrency, duration) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(paths) + "\n")
        paths_file = f.name
    try:
        threads = max(1, min(2, concurrency))
        out = subprocess.run([wrk, "-t", str(threads), "-c", str(concurrency), "-d", f"{duration}s", "--timeout", "10s",
                              "-s", LUA, base, "--", header[0], header[1], paths_file],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.remove(paths_file)
    line = next(ln for ln in out.splitlines() if ln.startswith("WRKJSON "))
    raw = json.loads(line[len("WRKJSON "):])
    seconds = raw["duration_us"] / 1e6
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"]
    return {"requests": raw["requests"], "rps": round(raw["requests"] / seconds, 1),
            "p50_ms": round(raw["p50_us"] / 1000, 1), "p95_ms": round(raw["p95_us"] / 1000, 1),
            "p99_ms": round(raw["p99_us"] / 1000, 1), "max_ms": round(raw["max_us"] / 1000, 1), "errors": errors}


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m bench web")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default=None,
                        help=f"postgres: DATABASE_URL, else {POSTGRES_URL}")
    parser.add_argument("--sqlite", default=os.path.join("var", "bench.sqlite3"))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--duration", type=int, default=30, help="seconds per page and concurrency")
    parser.add_argument("--concurrency", default="8,32")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--adjacent-reference", type=int, default=10,
                        help="seconds of the reference measured right after each page (0: only the first one)")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of load before each page is measured")
    parser.add_argument("--user", default="canbo.tinh", help="the logged-in account (the province's officer)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if args.database == "postgres":
        os.environ.setdefault("DATABASE_URL", POSTGRES_URL)
    elif args.database == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    # The sessions made here are signed with the key the server uses.
    os.environ.setdefault("TDKT_SECRET_KEY", "bench-web-only-" + "k" * 50)
    setup(args)
    wrk = ensure_wrk()
    fixtures = prepare(args)
    urls = url_lists(random.Random(args.seed))
    pages = [p for p in args.pages.split(",") if p]
    if "reference" not in pages:
        pages.insert(0, "reference")
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = server_command(args.workers, port)
    result = {"benchmark": "web",
              "setup": {"server": " ".join(command[1:]), "workers": args.workers, "database": fixtures["vendor"],
                        "rows": fixtures["rows"], "cores": os.cpu_count(), "duration_s": args.duration,
                        "load_generator": "wrk (same machine)", "user": args.user},
              "targets": {"p95_ms_at_c8": TARGET_P95_MS, "ratio_to_reference": TARGET_RATIO, "errors": 0},
              "pages": {}}
    proc = subprocess.Popen(command, env=server_environment(args), start_new_session=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the server is stopped on the way out
    try:
        wait_ready(base, proc)
        for page in pages:
            header = ("Authorization", f"Bearer {fixtures['token']}") if page == "api_list" else ("Cookie", fixtures["cookie"])
            for path in urls[page]:
                check(base, path, header)
            # Every worker warmed (templates, connections, the home page's cached figures): the
            # figures are steady-state; a worker's first home page after a change is reported apart.
            run_wrk(wrk, base, urls[page], header, 2 * args.workers, args.warmup)
            result["pages"][page] = {}
            for c in concurrencies:
                figures = run_wrk(wrk, base, urls[page], header, c, args.duration)
                if page != "reference" and args.adjacent_reference:
                    # The machine's other load changes during a run: the reference measured right
                    # after each page is the fair one to compare it with.
                    figures["reference_rps"] = run_wrk(wrk, base, urls["reference"], ("Cookie", fixtures["cookie"]),
                                                       c, args.adjacent_reference)["rps"]
                print(f"{page} c={c}: {figures}", file=sys.stderr)
                result["pages"][page][f"c{c}"] = figures
        if "home" in pages:
            result["home_first_after_a_change_ms"] = first_home_after_change(base, fixtures["cookie"])
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
    ok = True
    for page, by_c in result["pages"].items():
        for key, figures in by_c.items():
            ref = figures.get("reference_rps") or result["pages"]["reference"][key]["rps"]
            figures["ratio"] = round(figures["rps"] / ref, 4) if ref else None
            if page != "reference":
                passed = (figures["errors"] == 0 and figures["ratio"] >= TARGET_RATIO
                          and (key != "c8" or figures["p95_ms"] <= TARGET_P95_MS))
                figures["meets_targets"] = passed
                ok = ok and passed
    result["all_targets_met"] = ok
    json.dump(result, sys.stdout, ensure_ascii=False)
    print()
