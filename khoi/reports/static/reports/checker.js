// The article checker's form (reports/checker.html), kept out of the page for the
// Content-Security-Policy: a text over the limit is stopped before sending; the server's 400
// answer (a Vietnamese message) is shown in the results; any other failure says so on the page.
(function () {
  "use strict";

  function showError(form, message) {
    var box = document.getElementById("check-results");
    if (!box) return;
    box.innerHTML = "";
    var list = document.createElement("ul");
    list.className = "errorlist";
    list.setAttribute("role", "alert");
    var item = document.createElement("li");
    item.textContent = message;
    list.appendChild(item);
    box.appendChild(list);
  }

  function checkerForm(event) {
    // beforeSwap fires on the target; the other events on the form that made the request.
    var detail = event.detail || {};
    var form = detail.requestConfig ? detail.requestConfig.elt : detail.elt;
    return form instanceof HTMLFormElement && form.id === "checker-form" ? form : null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = checkerForm(event);
    if (!form) return;
    var text = form.querySelector("textarea[name=text]").value;
    if (text.length > Number(form.dataset.maxLength)) {
      event.preventDefault();
      showError(form, form.dataset.tooLong);
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    if (checkerForm(event) && event.detail.xhr.status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var form = checkerForm(event);
    if (form && event.detail.xhr.status !== 400) {
      showError(form, form.dataset.serverError + " (" + event.detail.xhr.status + ")");
    }
  });

  document.addEventListener("htmx:sendError", function (event) {
    var form = checkerForm(event);
    if (form) showError(form, form.dataset.serverError);
  });
})();
