"""Issue 11 §3: huge or malformed ids answer 404 (or a Vietnamese 4xx), never a 500.

Every URL pattern with parameters and every API operation with path parameters is requested by the
provincial officer (who sees everything, so no scope check answers first) with each parameter in turn
replaced by a malformed value: `abc`, `99999999999999999999` (beyond a 64-bit integer) and `-1`.
The enumeration is the permission walker's (tests/test_permission_walker.py).
"""
from __future__ import annotations

from tests.test_permission_walker import (
    API_PARAMS,
    API_QUERY,
    PAGE_KWARGS,
    PAGE_QUERY,
    Walker,
    api_operations,
    fill,
    page_patterns,
    resolve,
    route_kwargs,
)

MALFORMED = ["abc", "99999999999999999999", "-1"]


def variants(params: dict, objects):
    """The parameters with one of them malformed at a time (the others real)."""
    real = {k: resolve(v, objects) for k, v in params.items()}
    for key in params:
        for bad in MALFORMED:
            yield key, bad, {**real, key: bad}


class MalformedIds(Walker):
    def test_malformed_ids_answer_404_not_500_on_pages(self):
        client = self.client_for("officer")
        failures = []
        for name, route, pattern in page_patterns():
            if not route_kwargs(pattern) or name not in PAGE_KWARGS:
                continue
            for key, bad, kwargs in variants(PAGE_KWARGS[name], self.objects):
                path = fill(route, kwargs) + PAGE_QUERY.get(name, "")
                for method in ("GET", "POST"):
                    response, _ = self.request(client, method, path, api=False)
                    if response.status_code >= 500:
                        failures.append(f"{method} {path} ({name}, {key}={bad}) → {response.status_code}")
        assert failures == [], "\n".join(failures)

    def test_malformed_ids_answer_404_not_500_on_the_api(self):
        client = self.client_for("officer")
        failures = []
        for method, template in api_operations():
            if template not in API_PARAMS:
                continue
            for key, bad, kwargs in variants(API_PARAMS[template], self.objects):
                path = fill(template, kwargs) + API_QUERY.get(template, "")
                response, _ = self.request(client, method, path, api=True)
                if response.status_code >= 500:
                    failures.append(f"{method} {path} ({key}={bad}) → {response.status_code}")
        assert failures == [], "\n".join(failures)

    def test_history_of_a_malformed_id_is_404_for_every_model(self):
        from tdkt.core.views import HISTORY_MODELS

        client = self.client_for("officer")
        for model in sorted(HISTORY_MODELS):
            for bad in MALFORMED + ["1.5", "0x10"]:
                response, _ = self.request(client, "GET", f"/nhat-ky/{model}/{bad}/", api=False)
                assert response.status_code == 404, (model, bad, response.status_code)
