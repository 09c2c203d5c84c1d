/* The pages' small behaviours, in a static file so that the Content Security Policy needs no inline
   script: submit on change, "select all", the import step's error note, select styling, and submit
   buttons disabled once a form is sent (a double click sends it once), a question before an
   irreversible act (data-confirm), a one-time secret selected on a click. */
(function () {
  "use strict";

  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches && el.matches("[data-submit-on-change]") && el.form) {
      el.form.requestSubmit();
    }
    if (el.id === "pick-all") {
      document.querySelectorAll("#due-people input.pick").forEach(function (box) { box.checked = el.checked; });
    }
  });

  function showStepError(e) {
    var elt = e.detail && e.detail.elt;
    var holder = elt && elt.closest ? elt.closest("[data-shows-step-error]") : null;
    var note = holder ? holder.querySelector(".step-error") : null;
    if (note) { note.classList.remove("d-none"); }
  }
  document.addEventListener("htmx:responseError", showStepError);
  document.addEventListener("htmx:sendError", showStepError);

  function styleSelects(root) {
    (root || document).querySelectorAll("form[data-style-selects] select").forEach(function (s) {
      s.classList.add("form-select");
    });
  }

  // A form sent by the browser (not by htmx) disables its submit buttons once sent, after the
  // browser has read the button's own name and value; a page restored from the back/forward cache
  // gets them back.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    // An irreversible act asks first, in the words of the form's data-confirm.
    if (form.dataset.confirm && form.dataset.sent !== "1" && !window.confirm(form.dataset.confirm)) {
      e.preventDefault();
      return;
    }
    if (e.defaultPrevented || (form.method || "").toLowerCase() !== "post" || form.hasAttribute("hx-post")) {
      return;
    }
    if (form.dataset.sent === "1") { e.preventDefault(); return; }
    form.dataset.sent = "1";
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (b) {
        b.disabled = true;
      });
      form.querySelectorAll(".spinner-border").forEach(function (s) { s.classList.remove("d-none"); });
    }, 0);
    // A response that leaves the page in place (a file download) gives the buttons back.
    window.setTimeout(function () { release(form); }, 15000);
  });
  function release(form) {
    delete form.dataset.sent;
    form.querySelectorAll("button, input[type=submit]").forEach(function (b) { b.disabled = false; });
  }
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sent]").forEach(release);
  });

  // A secret shown once (an API token) is selected whole on a click, ready to copy.
  document.addEventListener("click", function (e) {
    if (e.target.matches && e.target.matches("input[data-select-on-click]")) { e.target.select(); }
  });

  document.addEventListener("DOMContentLoaded", function () { styleSelects(document); });
  document.addEventListener("htmx:afterSwap", function (e) { styleSelects(e.target); });
})();
