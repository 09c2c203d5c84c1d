"""The product's URLs plus the bench's reference: a minimal Django view served by the same server,
through the same middleware, in the same run."""
from django.http import HttpResponse
from django.urls import include, path


def reference(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/tham-chieu/", reference), path("", include("tdkt.urls"))]
