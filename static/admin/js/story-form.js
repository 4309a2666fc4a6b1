/* The story form's choosers (the admin's select2 autocompletes) named by their label and
 * announced as required when their field is: select2 names its box by the chosen text only. */
(function () {
  "use strict";

  function name(select) {
    const box = select.parentNode.querySelector(".select2-selection[role=combobox]");
    const label = select.id && document.querySelector("label[for='" + select.id + "']");
    if (!box) {
      return;
    }
    if (label) {
      label.id = label.id || select.id + "-label";
      const shown = box.getAttribute("aria-labelledby") || "";
      if (shown.indexOf(label.id) === -1) {
        box.setAttribute("aria-labelledby", (label.id + " " + shown).trim());
      }
    }
    if (select.required) {
      box.setAttribute("aria-required", "true");
    }
  }

  function init() {
    document.querySelectorAll("select.admin-autocomplete").forEach(name);
  }

  // After the admin's own scripts have set select2 up (they run on DOMContentLoaded).
  window.addEventListener("load", init);
  document.addEventListener("formset:added", function () { window.setTimeout(init, 0); });
})();
