/* "Thêm dòng" on the scoring-table editor: a new row from the formset's empty row, numbered by the
   formset's TOTAL_FORMS counter (Django formsets). Rows are removed with their "Xóa dòng" box. */
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("[data-formset-add]") : null;
    if (!button) { return; }
    var prefix = button.getAttribute("data-formset-add");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.querySelector("template[data-formset-empty='" + prefix + "']");
    var body = document.querySelector("[data-formset-body='" + prefix + "']");
    if (!total || !template || !body) { return; }
    var index = parseInt(total.value, 10) || 0;
    var holder = document.createElement("tbody");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.querySelector("tr");
    body.appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input:not([type=checkbox]), select");
    if (first) { first.focus(); }
  });
})();
