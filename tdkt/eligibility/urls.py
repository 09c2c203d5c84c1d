from django.urls import path

from . import views

app_name = "eligibility"
urlpatterns = [
    path("dieu-kien/ca-nhan/<int:pk>/", views.person_eligibility, name="person"),
    path("dieu-kien/don-vi/<int:pk>/", views.unit_eligibility, name="unit"),
]
