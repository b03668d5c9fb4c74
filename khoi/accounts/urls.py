from django.contrib.auth import views as auth_views
from django.urls import path

from . import people_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", people_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/<str:token_key>/revoke/", views.token_revoke, name="token_revoke"),
    path("locks/", views.locks, name="locks"),
    path("locks/unlock/", views.unlock, name="unlock"),
    path("people/", people_views.people_page, name="people"),
    path("people/template/", people_views.people_template, name="people_template"),
    path("people/confirm/", people_views.people_confirm, name="people_confirm"),
    path("people/jobs/<uuid:job_id>/", people_views.people_job, name="people_job"),
    path("people/jobs/<uuid:job_id>/credentials/", people_views.people_credentials, name="people_credentials"),
    path(
        "people/jobs/<uuid:job_id>/credentials/forget/",
        people_views.people_credentials_forget,
        name="people_credentials_forget",
    ),
    path(
        "people/jobs/<uuid:job_id>/credentials/<str:kind>/",
        people_views.people_credentials_file,
        name="people_credentials_file",
    ),
    path("invitation/<uidb64>/<token>/", people_views.InvitationView.as_view(), name="invitation"),
]
