from django.urls import path

from . import views, write

app_name = "party_api"

urlpatterns = [
    path("people/", views.PersonListView.as_view(), name="people"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person"),
    path("people/<int:pk>/steps/", write.StepCreateView.as_view(), name="person_steps"),
    path("people/<int:pk>/steps/undo/", write.StepUndoView.as_view(), name="person_step_undo"),
    path("gradings/organisations/", write.OrganisationGradingView.as_view(), name="grading_organisations"),
    path("gradings/members/", write.MemberGradingView.as_view(), name="grading_members"),
    path("committees/", write.CommitteeCreateView.as_view(), name="committees"),
    path("courses/", write.CourseBatchCreateView.as_view(), name="courses"),
    path("reviews/", write.ReviewCreateView.as_view(), name="reviews"),
    path("reviews/<int:pk>/done/", write.ReviewDoneView.as_view(), name="review_done"),
    path("discipline/", write.DisciplineCreateView.as_view(), name="discipline"),
    path("due/", views.DueListView.as_view(), name="due"),
    path("figures/", views.FiguresView.as_view(), name="figures"),
]
