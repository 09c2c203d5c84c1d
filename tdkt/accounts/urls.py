from django.contrib.auth import views as auth_views
from django.urls import path

from tdkt.core.limits import limit_anonymous_writes

from . import views

app_name = "accounts"
urlpatterns = [
    path("tai-khoan/", views.users, name="users"),
    path("tai-khoan/them/", views.user_create, name="user_create"),
    path("tai-khoan/<int:pk>/", views.user_detail, name="user"),
    path("tai-khoan/<int:pk>/mat-khau-tam/", views.user_password, name="user_password"),
    path("tai-khoan/<int:pk>/mo-khoa/", views.user_unlock, name="user_unlock"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("khoa-api/", views.tokens, name="tokens"),
    path("khoa-api/them/", views.token_create, name="token_create"),
    path("khoa-api/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
    path("quen-mat-khau/", limit_anonymous_writes("password_reset")(views.PasswordResetView.as_view()),
         name="password_reset"),  # each request sends an e-mail: counted like other anonymous writes
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("dat-lai-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password_reset_complete"),
]
