"""Where a form may send the user back to: only a page of this site (no open redirect).

Every `next` (or other return-to) parameter a view follows goes through `safe_next`, which accepts a
path on this host only (`url_has_allowed_host_and_scheme`, HTTPS required when the request is HTTPS);
anything else (`https://evil.example/`, `//evil.example`, `javascript:…`) gives the default. Django's
login and logout views do the same check for their own `next`.
"""
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default: str, param: str = "next") -> str:
    """The request's `param` (POST, else GET) when it points into this site, else `default`."""
    target = request.POST.get(param) or request.GET.get(param) or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return target
    return default
