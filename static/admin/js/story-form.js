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

  // After the admin's autocomplete.js has set select2 up. It does so in a jQuery ready
  // handler, which jQuery 3 runs from a timer after DOMContentLoaded: window's `load` may come
  // first (it did when the page's module scripts held DOMContentLoaded back until everything
  // else had loaded), and the choosers then kept select2's unlabelled box. A timer started
  // from a ready handler of our own runs after every ready handler queued before it.
  document.addEventListener("DOMContentLoaded", function () {
    window.django.jQuery(function () { window.setTimeout(init, 0); });
  });
  document.addEventListener("formset:added", function () { window.setTimeout(init, 0); });
})();
