from django.urls import path

from . import views

app_name = "eligibility"
urlpatterns = [
    path("dieu-kien/ca-nhan/<int:pk>/", views.person_eligibility, name="person"),
    path("dieu-kien/don-vi/<int:pk>/", views.unit_eligibility, name="unit"),
    path("khen-thuong-kip-thoi/", views.timely, name="timely"),
    path("khen-thuong-kip-thoi/excel/", views.timely_export, name="timely_export"),
    path("xet-hang-loat/", views.run_start, name="run_start"),
    path("xet-hang-loat/<int:pk>/", views.run_status, name="run_status"),
]
