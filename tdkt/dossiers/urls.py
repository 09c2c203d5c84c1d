from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("ho-so/", views.dossier_list, name="list"),
    path("ho-so/moi/", views.dossier_create, name="create"),
    path("ho-so/<int:pk>/", views.dossier_detail, name="detail"),
    path("ho-so/<int:pk>/doi-tuong/them/", views.nominee_add, name="nominee_add"),
    path("ho-so/<int:pk>/tai-lieu/", views.attachment_add, name="attachment_add"),
    path("ho-so/<int:pk>/ban-hanh/", views.decision_issue, name="issue"),
    path("ho-so/<int:pk>/quyet-dinh-cap-tren/", views.upper_decision, name="upper_decision"),
    path("ho-so/<int:pk>/van-ban/<slug:kind>/", views.issued_file, name="issued_file"),
    path("ho-so/<int:pk>/bang/<int:cert_id>/", views.certificate_file, name="certificate"),
    path("ho-so/<int:pk>/bang.zip", views.certificates_zip, name="certificates_zip"),
    path("ho-so/<int:pk>/in-phoi/<slug:layout>/", views.print_on_blank, name="print_on_blank"),
    path("ho-so/<int:pk>/tao-lai-van-ban/", views.regenerate_documents, name="regenerate"),
    path("ho-so/<int:pk>/ho-so-trinh.zip", views.forwarding_package, name="package"),
    path("ho-so/<int:pk>/<slug:action>/", views.dossier_action, name="action"),
    path("ho-so/doi-tuong/<int:pk>/bo/", views.nominee_remove, name="nominee_remove"),
    path("ho-so/doi-tuong/<int:pk>/tham-dinh/", views.nominee_appraise, name="appraise"),
    path("ho-so/tai-lieu/<int:pk>/", views.attachment_download, name="attachment"),
    path("ho-so/tai-lieu/<int:pk>/xoa/", views.attachment_remove, name="attachment_remove"),
    path("thong-bao/", views.notification_list, name="notifications"),
    path("hoi-dong/", views.session_list, name="sessions"),
    path("hoi-dong/moi/", views.session_create, name="session_create"),
    path("hoi-dong/<int:pk>/", views.session_detail, name="session"),
    path("hoi-dong/<int:pk>/bo-phieu/", views.session_ballot, name="ballot"),
    path("hoi-dong/<int:pk>/bien-ban.<str:fmt>", views.session_minutes, name="minutes"),
    path("hoi-dong/<int:pk>/<slug:action>/", views.session_action, name="session_action"),
    path("hoi-dong/muc/<int:pk>/xung-dot/", views.item_conflict, name="conflict"),
    path("cong-khai/", views.disclosure_list, name="disclosures"),
    path("cong-khai/<int:pk>/", views.disclosure_detail, name="disclosure"),
    path("mau-phoi/<slug:name>/", views.layout_settings, name="layout"),
    path("mau-phoi/<slug:name>/xem-thu.pdf", views.layout_preview, name="layout_preview"),
    path("xac-minh/", views.verify, name="verify_upload"),
    path("xac-minh/<str:code>/", views.verify, name="verify"),
]
