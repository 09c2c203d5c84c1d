from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("khen-thuong/", views.award_list, name="records"),
    path("khen-thuong/xuat-excel/", views.award_export, name="records_export"),
    path("khen-thuong/<int:pk>/", views.award_detail, name="record"),
    path("quyet-dinh/", views.decision_list, name="decisions"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/tep/", views.decision_file, name="decision_file"),
    path("danh-muc/", views.catalogue, name="catalogue"),
]
