"""Pages of the emulation app: movements, blocks and clusters, registrations, covenants, scoring."""
from django.urls import path

from . import views

app_name = "emulation"
urlpatterns = [
    path("thi-dua/khoi/", views.block_list, name="blocks"),
    path("thi-dua/khoi/moi/", views.block_create, name="block_create"),
    path("thi-dua/khoi/<int:pk>/", views.block_detail, name="block"),
    path("thi-dua/khoi/<int:pk>/thanh-vien/", views.block_members, name="members"),
    path("thi-dua/khoi/<int:pk>/doan-kiem-tra/", views.inspection_team, name="inspection_team"),
    path("thi-dua/khoi/<int:pk>/bang-diem/", views.block_template, name="template"),
    path("thi-dua/khoi/<int:pk>/cham-diem/<int:unit_id>/<slug:mode>/", views.score_sheet, name="sheet"),
    path("thi-dua/khoi/<int:pk>/ket-qua/<int:unit_id>/", views.result_detail, name="result"),
    path("thi-dua/khoi/<int:pk>/xep-hang.xlsx", views.ranking_xlsx, name="ranking_xlsx"),
    path("thi-dua/khoi/<int:pk>/bo-phieu/", views.block_vote, name="vote"),
    path("thi-dua/khoi/<int:pk>/<slug:action>/", views.block_action, name="block_action"),
    path("thi-dua/minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
    path("thi-dua/tai-lieu/<int:pk>/", views.document_download, name="document"),
    path("thi-dua/giao-uoc/", views.covenant_list, name="covenants"),
    path("thi-dua/giao-uoc/moi/", views.covenant_create, name="covenant_create"),
    path("thi-dua/giao-uoc/<int:pk>/", views.covenant_detail, name="covenant"),
    path("thi-dua/giao-uoc/<int:pk>/giao-uoc.xlsx", views.covenant_xlsx, name="covenant_xlsx"),
    path("thi-dua/giao-uoc/minh-chung/<int:pk>/", views.covenant_evidence, name="covenant_evidence"),
    path("thi-dua/dang-ky/", views.registration_overview, name="registrations"),
    path("thi-dua/dang-ky.xlsx", views.registrations_xlsx, name="registrations_xlsx"),
    path("thi-dua/dang-ky/<int:unit_id>/<int:year>/", views.registration_edit, name="registration"),
    path("thi-dua/phong-trao/", views.movement_list, name="movements"),
    path("thi-dua/phong-trao/moi/", views.movement_create, name="movement_create"),
    path("thi-dua/phong-trao/<int:pk>/", views.movement_detail, name="movement"),
    path("thi-dua/phong-trao/van-ban/<int:pk>/", views.movement_document, name="movement_document"),
    path("thi-dua/nhiem-vu/<int:unit_id>/<int:year>/", views.key_tasks, name="key_tasks"),
]
