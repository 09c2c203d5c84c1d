"""URL map: pages per app, the REST API under /api/, the help pages. The error pages (400, 403, 404,
500 and the CSRF failure) are Django's default views with the templates of tdkt/templates."""
from pathlib import Path

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import FileResponse
from django.urls import include, path
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from tdkt import help as help_pages, home
from tdkt.api import api
from tdkt.core import views as core_views

FAVICON = Path(__file__).resolve().parent / "static" / "tdkt" / "favicon.ico"


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on every site (a PDF opened on its own, too): the static icon,
    cached for a day, instead of a 404 in every log."""
    response = FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=86400)
    return response


urlpatterns = [
    path("", home.home, name="home"),
    path("favicon.ico", favicon, name="favicon"),
    path("huong-dan/", help_pages.help_index, name="help"),
    path("huong-dan/thuat-ngu/", help_pages.glossary, name="help_glossary"),
    path("dang-nhap/", auth_views.LoginView.as_view(
        template_name="core/login.html", redirect_authenticated_user=True,
        extra_context={"idle_minutes": settings.TDKT_SESSION_IDLE_MINUTES}), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("nhat-ky/<str:model>/<str:object_id>/", core_views.history, name="history"),
    path("viec-chay-nen/", core_views.job_list, name="jobs"),
    path("viec-chay-nen/<int:pk>/", core_views.job_detail, name="job"),
    path("viec-chay-nen/<int:pk>/tai-ve/", core_views.job_download, name="job_download"),
    path("api/", api.urls),
    path("nhap-excel/", include("tdkt.imports.urls")),
    path("", include("tdkt.accounts.urls")),
    path("", include("tdkt.org.urls")),
    path("", include("tdkt.awards.urls")),
    path("", include("tdkt.eligibility.urls")),
    path("", include("tdkt.dossiers.urls")),
    path("", include("tdkt.emulation.urls")),
]
