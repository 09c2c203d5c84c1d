"""Excel import pages (people, award history)."""
from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("da-nhap/", views.batch_list, name="batches"),
    path("mau-<slug:slug>.xlsx", views.template_download, name="template"),
    path("<int:pk>/", views.batch_detail, name="batch"),
    path("<int:pk>/kiem-tra/", views.batch_step, name="step"),
    path("<int:pk>/ghi/", views.batch_commit, name="commit"),
]
