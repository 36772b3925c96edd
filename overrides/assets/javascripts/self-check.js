/* Self-checks (docs/self-checks.md) and the check-in sheet (docs/check-in.md).
   Progressive enhancement: without this file check-in.css adds up each self-check and shows
   crisis help when PHQ-9 item 9 is above 0. Here each [data-wtiw-self-check] also gets its
   total and published range said through its polite live region, which is in the HTML from
   the start; the help shows the same way. The ranges are read from the page's own table.
   Nothing is kept or sent: no storage, cookies, history or requests. Where CSS field-sizing
   is missing, the check-in's boxes grow with their text, so all of it prints. The words
   this script writes come from the page, in its language: data-wtiw-self-check-texts.
   Idempotent: safe to run twice on the same page. */
(function () {
  "use strict";

  var MOUNTED = "data-wtiw-self-check-mounted";

  /* `text` with each `{name}` filled in from `values`. */
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  function mountCheck(check) {
    if (check.hasAttribute(MOUNTED)) return;
    check.setAttribute(MOUNTED, "");
    var items = Number(check.getAttribute("data-wtiw-items"));
    var texts = JSON.parse(check.getAttribute("data-wtiw-self-check-texts"));
    var result = check.querySelector("[data-wtiw-self-check-result]");
    var rows = check.querySelectorAll("[data-wtiw-band]");
    var most = rows.length ? rows[rows.length - 1].getAttribute("data-wtiw-band").split(" ")[1] : "";

    function update() {
      var checked = check.querySelectorAll("input:checked");
      var total = 0;
      var range = "";
      Array.prototype.forEach.call(checked, function (input) {
        total += Number(input.value);
      });
      var urgent = check.querySelector("[data-wtiw-urgent]:checked") !== null;
      check.classList.toggle("wtiw-self-check--urgent", urgent);
      Array.prototype.forEach.call(rows, function (row) {
        var band = row.getAttribute("data-wtiw-band").split(" ").map(Number);
        var here = checked.length === items && total >= band[0] && total <= band[1];
        if (here) {
          row.setAttribute("aria-current", "true");
          range = row.cells[1].textContent.toLowerCase();
        } else {
          row.removeAttribute("aria-current");
        }
      });
      var text = "";
      if (range) {
        text = fill(texts.total, { total: total, most: most, range: range });
      } else if (checked.length) {
        text = fill(texts.soFar, { total: total, scored: checked.length, items: items });
      }
      if (urgent) text = texts.crisis + " " + text;
      if (result.textContent !== text) result.textContent = text;
    }

    check.classList.add("wtiw-self-check--js");
    check.addEventListener("change", update);
    window.addEventListener("pageshow", update);
    update();
  }

  function mountBox(box) {
    function grow() {
      box.style.height = "auto";
      box.style.height = box.scrollHeight + "px";
    }
    box.addEventListener("input", grow);
    window.addEventListener("beforeprint", grow);
  }

  function mount() {
    document.querySelectorAll("[data-wtiw-self-check]").forEach(mountCheck);
    if (!(window.CSS && CSS.supports("field-sizing", "content"))) {
      document.querySelectorAll("[data-wtiw-checkin] textarea").forEach(mountBox);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
