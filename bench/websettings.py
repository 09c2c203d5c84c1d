"""Settings for `python -m bench web` only: the product's settings with one extra URL, the minimal
Django view the pages are compared with. The product does not ship this URL."""
from tdkt.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.weburls"
