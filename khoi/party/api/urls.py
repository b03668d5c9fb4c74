from django.urls import path

from . import views

app_name = "party_api"

urlpatterns = [
    path("people/", views.PersonListView.as_view(), name="people"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person"),
    path("due/", views.DueListView.as_view(), name="due"),
    path("figures/", views.FiguresView.as_view(), name="figures"),
]
