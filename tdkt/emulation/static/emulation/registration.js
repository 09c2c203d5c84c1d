/* The registration form of a unit (and the movement and covenant pages): a column's "tick all on the
   page" box, a question before a button whose act cannot be taken back (data-confirm on the button,
   where tdkt.js reads it on the form), and a warning before leaving a form with unsaved ticks. */
(function () {
  "use strict";

  function columnBoxes(award) {
    return document.querySelectorAll("#people input.tick[data-award='" + award + "']");
  }

  function syncHeader(award) {
    var head = document.querySelector("#people input.tick-column[data-award='" + award + "']");
    if (!head) { return; }
    var boxes = Array.prototype.slice.call(columnBoxes(award));
    var ticked = boxes.filter(function (b) { return b.checked; }).length;
    head.checked = boxes.length > 0 && ticked === boxes.length;
    head.indeterminate = ticked > 0 && ticked < boxes.length;
  }

  var dirty = false;
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (!el.matches) { return; }
    if (el.matches("#people input.tick-column")) {
      columnBoxes(el.dataset.award).forEach(function (b) { b.checked = el.checked; });
    } else if (el.matches("#people input.tick")) {
      syncHeader(el.dataset.award);
    }
    if (el.closest && el.closest("form[data-warn-unsaved]")) { dirty = true; }
  });
  document.addEventListener("input", function (e) {
    if (e.target.closest && e.target.closest("form[data-warn-unsaved]")) { dirty = true; }
  });

  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button[data-confirm]") : null;
    if (button && !window.confirm(button.dataset.confirm)) { e.preventDefault(); }
  });

  document.addEventListener("submit", function (e) {
    if (!e.defaultPrevented) { dirty = false; }
  });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ""; }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#people input.tick-column").forEach(function (h) { syncHeader(h.dataset.award); });
  });
})();
