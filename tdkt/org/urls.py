from django.urls import path

from . import search, views

app_name = "org"
urlpatterns = [
    path("don-vi/", views.unit_tree, name="units"),
    path("don-vi/them/", views.unit_create, name="unit_create"),
    path("don-vi/sap-nhap/", views.unit_merge, name="unit_merge"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit"),
    path("don-vi/<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("ca-nhan/", views.person_list, name="people"),
    path("ca-nhan/them/", views.person_create, name="person_create"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person"),
    path("ca-nhan/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("ca-nhan/<int:pk>/chuyen-cong-tac/", views.person_transfer, name="person_transfer"),
    path("to-chuc/tim/", search.lookup, name="lookup"),
]
