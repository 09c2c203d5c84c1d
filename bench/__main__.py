"""Benchmarks: `python -m bench NAME [options]`; each prints one JSON object.

Not part of the test suite. The database is SQLite (var/bench.sqlite3) unless DATABASE_URL is set.
"""
import importlib
import sys

BENCHMARKS = {"foundation": "bench.foundation", "eligibility": "bench.eligibility", "dossiers": "bench.dossiers",
              "documents": "bench.documents",
              "emulation": "bench.emulation", "web": "bench.web"}


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in BENCHMARKS:
        print(f"Cách dùng: python -m bench {{{','.join(BENCHMARKS)}}} [tùy chọn]", file=sys.stderr)
        sys.exit(2)
    module = importlib.import_module(BENCHMARKS[argv[0]])
    module.main(argv[1:])


if __name__ == "__main__":
    main()
