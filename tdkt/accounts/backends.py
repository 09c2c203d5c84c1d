"""django-axes' lock-out check in front of ModelBackend.

Axes refuses an authenticate() call without a request. The web login always passes its request,
so every attempt over the network is counted and checked; a call without one (Django's test
client `login`, the shell, a management command) cannot come from an attacker's address and goes
straight on to ModelBackend. The API authenticates by token (tdkt.core.api.TokenAuth), not here.
"""
from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            request.tdkt_locked_out = True  # the audit of the failure says the lock refused it
            raise
