from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("don-vi/", views.unit_tree, name="units"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit"),
    path("ca-nhan/", views.person_list, name="people"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person"),
]
