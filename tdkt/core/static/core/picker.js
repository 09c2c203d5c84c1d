/* The searchable picker (tdkt/core/widgets.py). A <select data-picker> keeps the value and the
   choices the server allowed; this script hides it and puts a combobox in its place (WAI-ARIA 1.2
   combobox with a listbox popup): type to search ignoring diacritics and case, results with their
   context (the parent unit), arrows / Enter / Escape, chips with a remove button for a multiple
   choice. Loaded once however many pickers a page has; pickers swapped in by htmx are set up too. */
(function () {
  "use strict";
  if (window.tdktPicker) { return; }
  window.tdktPicker = true;

  var LIMIT = 50;
  var counter = 0;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function plain(label) { return (label || "").replace(/^(—\s*)+/, "").trim(); }
  function display(option) {
    var context = option.getAttribute("data-context");
    return plain(option.textContent) + (context ? " – " + context : "");
  }

  function setup(select) {
    if (select.dataset.pickerReady) { return; }
    select.dataset.pickerReady = "1";
    var multiple = select.multiple;
    var uid = (select.id || "picker") + "-" + (++counter);
    var options = Array.prototype.filter.call(select.options, function (o) { return o.value !== ""; });
    var names = options.map(function (o) { return fold(plain(o.textContent)); });
    var index = options.map(function (o, i) { return names[i] + " " + fold(o.getAttribute("data-context") || ""); });
    var emptyOption = Array.prototype.find.call(select.options, function (o) { return o.value === ""; });

    var box = document.createElement("div");
    box.className = "picker position-relative";
    var chips = document.createElement("div");
    chips.className = "picker-chips d-flex flex-wrap gap-1 mb-1";
    chips.setAttribute("aria-live", "polite");
    var input = document.createElement("input");
    input.type = "text";
    input.id = uid + "-search";
    input.className = "form-control picker-input" + (select.classList.contains("is-invalid") ? " is-invalid" : "");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", uid + "-list");
    input.setAttribute("autocomplete", "off");
    input.placeholder = select.dataset.placeholder || "Gõ để tìm…";
    var label = select.id ? document.querySelector("label[for='" + select.id + "']") : null;
    if (label) {
      if (!label.id) { label.id = uid + "-label"; }
      input.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function (e) { e.preventDefault(); input.focus(); });
    } else if (select.getAttribute("aria-label")) {
      input.setAttribute("aria-label", select.getAttribute("aria-label"));
    }
    if (select.getAttribute("aria-describedby")) { input.setAttribute("aria-describedby", select.getAttribute("aria-describedby")); }
    var list = document.createElement("ul");
    list.id = uid + "-list";
    list.className = "picker-list list-group position-absolute w-100 shadow-sm d-none";
    list.setAttribute("role", "listbox");
    list.style.maxHeight = "18rem";
    list.style.overflowY = "auto";
    list.style.zIndex = "1050";
    if (multiple) { list.setAttribute("aria-multiselectable", "true"); }
    if (label) { list.setAttribute("aria-labelledby", label.id); }
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    select.classList.add("visually-hidden");
    select.setAttribute("tabindex", "-1");
    select.setAttribute("aria-hidden", "true");
    select.parentNode.insertBefore(box, select);
    if (multiple) { box.appendChild(chips); }
    box.appendChild(input);
    box.appendChild(list);
    box.appendChild(status);
    box.appendChild(select);

    var shown = [];
    var active = -1;

    function changed() { select.dispatchEvent(new Event("change", { bubbles: true })); }

    function showValue() {
      if (multiple) {
        chips.innerHTML = "";
        options.forEach(function (o) {
          if (!o.selected) { return; }
          var chip = document.createElement("span");
          chip.className = "badge text-bg-light border d-inline-flex align-items-center gap-1 picker-chip";
          chip.textContent = display(o);
          var remove = document.createElement("button");
          remove.type = "button";
          remove.className = "btn-close picker-remove";
          remove.setAttribute("aria-label", "Bỏ " + plain(o.textContent));
          remove.addEventListener("click", function () {
            o.selected = false;
            showValue();
            changed();
            input.focus();
          });
          chip.appendChild(remove);
          chips.appendChild(chip);
        });
      } else {
        var chosen = select.selectedOptions[0];
        input.value = chosen && chosen.value !== "" ? display(chosen) : "";
      }
    }

    function close() {
      list.classList.add("d-none");
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(i) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) { return; }
      active = (i + items.length) % items.length;
      items.forEach(function (item, k) { item.classList.toggle("active", k === active); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    var remote = select.dataset.pickerUrl;
    var timer = null;
    var asked = 0;

    function optionFor(row) {
      var value = String(row.id);
      var found = options.find(function (o) { return o.value === value; });
      if (found) { return found; }
      var o = document.createElement("option");
      o.value = value;
      o.textContent = row.label;
      if (row.context) { o.setAttribute("data-context", row.context); }
      select.appendChild(o);
      options.push(o);
      names.push(fold(row.label));
      index.push(fold(row.label + " " + (row.context || "")));
      return o;
    }

    // Server mode (a list too long to send with the page): the server searches within the user's
    // scope; a result becomes an option of the select, which the form checks again when it is sent.
    function ask(words) {
      var mine = ++asked;
      var url = remote + (remote.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(words.join(" "));
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { results: [], more: false }; })
        .then(function (data) {
          if (mine !== asked) { return; }
          var matches = data.results.map(optionFor);
          render(matches, matches.length + (data.more ? 1 : 0), data.more);
        })
        .catch(function () { if (mine === asked) { render([], 0, false); } });
    }

    function open() {
      var words = fold(input.value).split(" ").filter(Boolean);
      var current = !multiple && select.selectedOptions[0];
      if (current && input.value === display(current)) { words = []; }
      if (remote) {
        window.clearTimeout(timer);
        if (!words.length) { render([], 0, false, "Gõ tên để tìm."); return; }
        timer = window.setTimeout(function () { ask(words); }, 200);
        return;
      }
      // Names that match come first (those starting with what is typed before the others), then
      // matches found only in the context (the parent unit): "van phong" lists the Văn phòng units
      // before the divisions of the Văn phòng UBND tỉnh.
      var ranked = [[], [], []];
      var phrase = words.join(" ");
      for (var i = 0; i < options.length; i++) {
        var hay = index[i];
        if (!words.every(function (w) { return hay.indexOf(w) !== -1; })) { continue; }
        var name = names[i];
        var inName = words.every(function (w) { return name.indexOf(w) !== -1; });
        ranked[!inName ? 2 : (name.indexOf(phrase) === 0 ? 0 : 1)].push(options[i]);
      }
      var matches = ranked[0].concat(ranked[1], ranked[2]);
      render(matches.slice(0, LIMIT), matches.length, false);
    }

    function render(matches, total, more, hint) {
      shown = matches;
      list.innerHTML = "";
      shown.forEach(function (o, k) {
        var item = document.createElement("li");
        item.id = uid + "-opt-" + k;
        item.className = "list-group-item list-group-item-action py-1 picker-option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", o.selected ? "true" : "false");
        var name = document.createElement("span");
        name.textContent = plain(o.textContent);
        item.appendChild(name);
        var context = o.getAttribute("data-context");
        if (context) {
          var small = document.createElement("span");
          small.className = "text-muted small picker-context";
          small.textContent = " – " + context;
          item.appendChild(small);
        }
        item.addEventListener("mousedown", function (e) { e.preventDefault(); choose(o); });
        list.appendChild(item);
      });
      var note = null;
      if (!shown.length) {
        note = hint || "Không tìm thấy: hãy gõ tên khác.";
      } else if (more) {
        note = "Còn nữa: gõ thêm để thu hẹp.";
      } else if (total > shown.length) {
        note = "Còn " + (total - shown.length) + " kết quả: gõ thêm để thu hẹp.";
      }
      if (note) {
        var item = document.createElement("li");
        item.className = "list-group-item py-1 text-muted small";
        item.textContent = note;
        list.appendChild(item);
      }
      status.textContent = shown.length ? shown.length + (more || total > shown.length ? "+" : "") + " kết quả" : (hint || "Không tìm thấy");
      list.classList.remove("d-none");
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    function choose(o) {
      if (multiple) {
        o.selected = true;
        input.value = "";
      } else {
        select.value = o.value;
      }
      showValue();
      close();
      changed();
    }

    input.addEventListener("input", open);
    input.addEventListener("focus", function () { if (!multiple) { input.select(); } });
    input.addEventListener("click", open);
    input.addEventListener("keydown", function (e) {
      var expanded = input.getAttribute("aria-expanded") === "true";
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (!expanded) { open(); }
        highlight(active + (e.key === "ArrowDown" ? 1 : (active < 0 ? 0 : -1)));
      } else if (e.key === "Enter") {
        if (expanded) {
          e.preventDefault();
          if (active >= 0 && shown[active]) { choose(shown[active]); } else if (shown.length === 1) { choose(shown[0]); }
        }
      } else if (e.key === "Escape") {
        if (expanded) { e.preventDefault(); close(); showValue(); }
      } else if (e.key === "Backspace" && multiple && input.value === "") {
        var picked = options.filter(function (o) { return o.selected; });
        if (picked.length) { picked[picked.length - 1].selected = false; showValue(); changed(); }
      }
    });
    input.addEventListener("blur", function () {
      close();
      if (!multiple && input.value.trim() === "" && emptyOption && select.value !== "") {
        select.value = "";
        changed();
      }
      showValue();
    });
    // A value set from outside (a test, a reset) shows in the combobox too.
    select.addEventListener("change", showValue);
    showValue();
  }

  function setupAll(root) {
    (root || document).querySelectorAll("select[data-picker]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setupAll(document); });
  } else {
    setupAll(document);
  }
  document.addEventListener("htmx:load", function (e) { setupAll(e.target); });
})();
