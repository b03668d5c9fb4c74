"""The contests pool's addresses: the participants' autosave and submit, declared once in
khoi.contests.api.urls and mounted here under the same prefix as in config.urls."""

from django.urls import include, path

from khoi.contests.api.urls import entry_urlpatterns

urlpatterns = [path("api/v1/contests/", include((entry_urlpatterns, "contests_api")))]

# A failure answers JSON, as the rest of the API does (Django still logs it and sends
# got_request_exception, so error tracking sees it).
handler500 = "rest_framework.exceptions.server_error"
