// The image chooser: a story form's picture field ([data-image-chooser]) opens a <dialog>
// that lists the library, searches it and uploads (admin views in images/chooser.py, which
// answer HTML fragments to requests with the X-Image-Chooser header). Choosing puts the
// image's id in the field's number box and shows its preview.
(function () {
  "use strict";

  var HEADERS = { "X-Image-Chooser": "1" };

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function setUp(chooser) {
    var number = chooser.querySelector("[data-chooser-number] input");
    var current = chooser.querySelector("[data-chooser-current]");
    var open = chooser.querySelector("[data-chooser-open]");
    var clear = chooser.querySelector("[data-chooser-clear]");
    var url = chooser.dataset.chooserUrl;
    var label = chooser.closest(".form-row") && chooser.closest(".form-row").querySelector("label");

    // Outside the story's <form>: the dialog holds forms of its own.
    var dialog = document.createElement("dialog");
    dialog.className = "image-chooser-dialog";
    dialog.setAttribute("aria-labelledby", "image-chooser-title");
    dialog.innerHTML = '<div class="image-chooser-bar"><button type="button" class="button" data-chooser-close>Close</button></div>' +
      '<div class="image-chooser-body" data-chooser-body></div>';
    document.body.appendChild(dialog);
    var body = dialog.querySelector("[data-chooser-body]");

    chooser.querySelector("[data-chooser-number]").hidden = true;
    open.hidden = false;
    clear.hidden = !number.value;

    function show(html) {
      body.innerHTML = html;
      window.newsroomFocalPoint && window.newsroomFocalPoint.placeAll(body);
      var chosen = body.querySelector("[data-chosen-image]");
      if (chosen) {
        number.value = chosen.dataset.chosenImage;
        current.innerHTML = chosen.innerHTML;
        clear.hidden = false;
        open.textContent = "Choose another picture…";
        dialog.close();
        open.focus();
        return;
      }
      var focus = body.querySelector("[aria-invalid=true], h2, input");
      if (focus) {
        if (focus.tagName === "H2") focus.tabIndex = -1;
        focus.focus();
      }
    }

    function load(address, options) {
      body.setAttribute("aria-busy", "true");
      return fetch(address, Object.assign({ headers: HEADERS, credentials: "same-origin" }, options || {}))
        .then(function (response) { return response.text(); })
        .then(show)
        .catch(function () { body.innerHTML = '<p class="errornote" role="alert">The library did not answer. Try again.</p>'; })
        .finally(function () { body.removeAttribute("aria-busy"); });
    }

    open.addEventListener("click", function () {
      dialog.showModal();
      load(url);
    });
    clear.addEventListener("click", function () {
      number.value = "";
      current.innerHTML = '<p class="chooser-none">No picture chosen.</p>';
      clear.hidden = true;
      open.textContent = "Choose or upload a picture…";
      open.focus();
    });
    dialog.addEventListener("click", function (event) {
      if (event.target.closest("[data-chooser-close]")) { dialog.close(); open.focus(); return; }
      var pick = event.target.closest("[data-chooser-pick]");
      if (pick) { load(pick.dataset.chooserPick); return; }
      var page = event.target.closest("[data-chooser-page]");
      if (page) { event.preventDefault(); load(page.href); }
    });
    dialog.addEventListener("submit", function (event) {
      var form = event.target;
      event.preventDefault();
      if (form.method.toLowerCase() === "get") {
        load(form.action + "?" + new URLSearchParams(new FormData(form)).toString());
        return;
      }
      var headers = Object.assign({ "X-CSRFToken": csrfToken() }, HEADERS);
      load(form.action, { method: "POST", body: new FormData(form), headers: headers });
    });
    if (label) label.removeAttribute("for");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-image-chooser]").forEach(setUp);
  });
})();
