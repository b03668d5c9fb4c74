// Behaviour that would otherwise sit in inline event handlers, which the Content-Security-Policy
// forbids: a <select data-autosubmit> sends its form when changed; a [data-print] button prints;
// a checkbox [data-select-all="name"] ticks or clears every checkbox of that name.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
    if (field instanceof HTMLInputElement && field.hasAttribute("data-select-all")) {
      var selector = 'input[type="checkbox"][name="' + CSS.escape(field.dataset.selectAll) + '"]';
      document.querySelectorAll(selector).forEach(function (item) { item.checked = field.checked; });
    }
  });
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (target) {
      event.preventDefault();
      window.print();
    }
  });
})();
