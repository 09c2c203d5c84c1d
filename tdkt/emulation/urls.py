"""Pages of the emulation app: movements, blocks and clusters, registrations, covenants, scoring."""
from django.urls import path

from .views import blocks, covenants, movements, registrations

app_name = "emulation"
urlpatterns = [
    path("thi-dua/khoi/", blocks.block_list, name="blocks"),
    path("thi-dua/khoi/moi/", blocks.block_create, name="block_create"),
    path("thi-dua/khoi/<int:pk>/", blocks.block_detail, name="block"),
    path("thi-dua/khoi/<int:pk>/thanh-vien/", blocks.block_members, name="members"),
    path("thi-dua/khoi/<int:pk>/doan-kiem-tra/", blocks.inspection_team, name="inspection_team"),
    path("thi-dua/khoi/<int:pk>/bang-diem/", blocks.block_template, name="template"),
    path("thi-dua/khoi/<int:pk>/cham-diem/<int:unit_id>/<slug:mode>/", blocks.score_sheet, name="sheet"),
    path("thi-dua/khoi/<int:pk>/ket-qua/<int:unit_id>/", blocks.result_detail, name="result"),
    path("thi-dua/khoi/<int:pk>/xep-hang.xlsx", blocks.ranking_xlsx, name="ranking_xlsx"),
    path("thi-dua/khoi/<int:pk>/bo-phieu/", blocks.block_vote, name="vote"),
    path("thi-dua/khoi/<int:pk>/<slug:action>/", blocks.block_action, name="block_action"),
    path("thi-dua/minh-chung/<int:pk>/", blocks.evidence_download, name="evidence"),
    path("thi-dua/tai-lieu/<int:pk>/", blocks.document_download, name="document"),
    path("thi-dua/giao-uoc/", covenants.covenant_list, name="covenants"),
    path("thi-dua/giao-uoc/moi/", covenants.covenant_create, name="covenant_create"),
    path("thi-dua/giao-uoc/<int:pk>/", covenants.covenant_detail, name="covenant"),
    path("thi-dua/giao-uoc/<int:pk>/giao-uoc.xlsx", covenants.covenant_xlsx, name="covenant_xlsx"),
    path("thi-dua/giao-uoc/minh-chung/<int:pk>/", covenants.covenant_evidence, name="covenant_evidence"),
    path("thi-dua/dang-ky/", registrations.registration_overview, name="registrations"),
    path("thi-dua/dang-ky.xlsx", registrations.registrations_xlsx, name="registrations_xlsx"),
    path("thi-dua/dang-ky/<int:unit_id>/<int:year>/", registrations.registration_edit, name="registration"),
    path("thi-dua/phong-trao/", movements.movement_list, name="movements"),
    path("thi-dua/phong-trao/moi/", movements.movement_create, name="movement_create"),
    path("thi-dua/phong-trao/<int:pk>/", movements.movement_detail, name="movement"),
    path("thi-dua/phong-trao/van-ban/<int:pk>/", movements.movement_document, name="movement_document"),
    path("thi-dua/nhiem-vu/<int:unit_id>/<int:year>/", movements.key_tasks, name="key_tasks"),
]
