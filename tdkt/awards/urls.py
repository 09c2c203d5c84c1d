from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("khen-thuong/", views.award_list, name="records"),
    path("khen-thuong/xuat-excel/", views.award_export, name="records_export"),
    path("khen-thuong/<int:pk>/", views.award_detail, name="record"),
    path("quyet-dinh/", views.decision_list, name="decisions"),
    path("quyet-dinh/them/", views.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/sua/", views.decision_edit, name="decision_edit"),
    path("quyet-dinh/<int:pk>/tep/", views.decision_file, name="decision_file"),
    path("danh-muc/", views.catalogue, name="catalogue"),
    path("ca-nhan/<int:pk>/xep-loai/", views.person_rating, name="person_rating"),
    path("ca-nhan/<int:pk>/khen-thuong/", views.person_award, name="person_award"),
    path("ca-nhan/<int:pk>/ky-luat/", views.person_discipline, name="person_discipline"),
    path("ca-nhan/<int:pk>/sang-kien/", views.person_initiative, name="person_initiative"),
]
