"""What `tdkt demo` runs: the generated province, the demo accounts, a batch eligibility run, and
dossiers and emulation data made through the services, so that every page has something to show."""
from __future__ import annotations

import sys
import time

from tdkt.core.services import system_actor
from tdkt.eligibility.batch import run_batch, start_run
from tdkt.org.models import Unit

from . import dossiers, emulation, names
from .accounts import DEMO_URL, create_demo_accounts, demo_accounts, print_accounts
from .generator import PHASES, generate, reset_demo_data, thousands
from .plan import HISTORY_LAST_YEAR


def load_demo(people: int = 5000, seed: int = 2026, reset: bool = False, out=sys.stdout) -> dict | None:
    """What `tdkt demo` runs: load the province once (or again with reset) and print the accounts."""
    if Unit.objects.exists() and not reset:
        print("Dữ liệu mẫu đã được nạp từ trước (dùng --reset để xóa và nạp lại).", file=out)
        print_accounts(demo_accounts(), out)
        print(f"Địa chỉ: {DEMO_URL}", file=out)
        return None
    if reset:
        started = time.perf_counter()
        deleted = reset_demo_data()
        print(f"Đã xóa dữ liệu cũ: {thousands(sum(deleted.values()))} bản ghi "
              f"({time.perf_counter() - started:.1f} giây).", file=out)
    print(f"Nạp dữ liệu mẫu tỉnh {names.PROVINCE}: {thousands(people)} cá nhân, seed {seed}.", file=out)

    def progress(phase: str, count: int, elapsed: float) -> None:
        print(f"  [{elapsed:7.1f} s] {PHASES[phase]}: {thousands(count)}", file=out, flush=True)

    result = generate(people=people, seed=seed, progress=progress)
    accounts = create_demo_accounts()
    # The timely-awards page reads the results of a batch run: evaluate the last year of the data.
    run = run_batch(start_run(system_actor(), HISTORY_LAST_YEAR), workers=1)
    print(f"  Xét điều kiện khen thưởng năm {HISTORY_LAST_YEAR}: {thousands(run.eligible)} kết quả đủ điều kiện "
          f"({run.seconds:.1f} giây).", file=out)
    dossiers.seed(HISTORY_LAST_YEAR, out=out)
    emulation.seed(HISTORY_LAST_YEAR, seed=seed, out=out)
    print(f"Hoàn tất trong {result['seconds']:.1f} giây.", file=out)
    print(file=out)
    print_accounts(accounts, out)
    print(f"\nChạy `tdkt serve` rồi mở {DEMO_URL}", file=out)
    return result
