"""URL map: pages per app, the REST API under /api/."""
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tdkt import home
from tdkt.api import api
from tdkt.core import views as core_views

urlpatterns = [
    path("", home.home, name="home"),
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
