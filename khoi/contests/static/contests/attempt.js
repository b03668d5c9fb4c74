/* The contest's test page: the countdown, the "answered" counter and the submit at time-out.
   Answers are saved by htmx (one small request per change); the counter follows what the
   autosave confirmed. The countdown is visible every second but spoken (through a polite live
   region) only once a minute, and at 60, 30 and 10 seconds in the last minute. */
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  var clock = document.getElementById("remaining");
  var counter = document.getElementById("answered-count");
  var voice = document.getElementById("time-announce");
  if (!form || !clock) return;

  var end = Date.now() + parseInt(clock.dataset.seconds, 10) * 1000;
  var sent = false;
  var lastMinute = null;
  var spoken = {};

  function say(template, n) {
    if (voice && template) voice.textContent = template.replace("%(n)s", n);
  }

  function tick() {
    var s = Math.max(0, Math.round((end - Date.now()) / 1000));
    clock.textContent = Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
    if (s > 60) {
      var minutes = Math.ceil(s / 60);
      if (minutes !== lastMinute) {
        lastMinute = minutes;
        say(voice && voice.dataset.minutes, minutes);
      }
    } else {
      [60, 30, 10].forEach(function (mark) {
        if (s <= mark && s > 0 && !spoken[mark]) {
          spoken[mark] = true;
          say(voice && voice.dataset.seconds, mark);
        }
      });
    }
    if (s <= 0 && !sent) {
      sent = true;
      form.submit();
      return;
    }
    setTimeout(tick, 1000);
  }
  tick();

  var answered = {};
  function hasAnswer(fieldset) {
    return fieldset.querySelector("input[type=radio]:checked, input[type=checkbox]:checked") !== null;
  }
  function show() {
    if (counter) counter.textContent = Object.keys(answered).length;
  }
  form.querySelectorAll("fieldset[data-question]").forEach(function (fieldset) {
    if (hasAnswer(fieldset)) answered[fieldset.dataset.question] = true;
  });
  show();

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var fieldset = event.detail.elt;
    if (!event.detail.successful || !fieldset || !fieldset.dataset || !fieldset.dataset.question) return;
    if (hasAnswer(fieldset)) answered[fieldset.dataset.question] = true;
    else delete answered[fieldset.dataset.question];
    show();
  });
  document.body.addEventListener("htmx:responseError", function (event) {
    if (event.detail.target) event.detail.target.textContent = event.detail.xhr.responseText;
  });
})();
