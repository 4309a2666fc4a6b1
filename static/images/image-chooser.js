// The image chooser: one <dialog> that lists the library, searches it and uploads (admin
// views in images/chooser.py, which answer HTML fragments to requests with the
// X-Image-Chooser header). Used by a story form's picture field ([data-image-chooser], below)
// and by the story body's "Insert image from the library" (admin/js/story-body-images.js):
//
//   window.newsroomImageChooser.open({url, opener, onChosen})
//
// `onChosen({id, preview, figureHtml})` runs when a picture is chosen (or uploaded and its
// focal point set); `figureHtml` is the library figure a story body stores
// (images.embed.library_figure_html). Closing without a choice returns focus to `opener`.
(function () {
  "use strict";

  var HEADERS = { "X-Image-Chooser": "1" };
  var dialog = null;
  var body = null;
  var current = null; // {url, opener, onChosen} of the open chooser

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function show(html) {
    body.innerHTML = html;
    window.newsroomFocalPoint && window.newsroomFocalPoint.placeAll(body);
    var chosen = body.querySelector("[data-chosen-image]");
    if (chosen) {
      var done = current;
      current = null;
      dialog.close();
      done.onChosen({
        id: chosen.dataset.chosenImage,
        preview: chosen.innerHTML,
        figureHtml: chosen.dataset.chosenFigure,
      });
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

  function makeDialog() {
    // Outside the story's <form>: the dialog holds forms of its own.
    dialog = document.createElement("dialog");
    dialog.className = "image-chooser-dialog";
    dialog.setAttribute("aria-labelledby", "image-chooser-title");
    dialog.innerHTML = '<div class="image-chooser-bar"><button type="button" class="button" data-chooser-close>Close</button></div>' +
      '<div class="image-chooser-body" data-chooser-body></div>';
    document.body.appendChild(dialog);
    body = dialog.querySelector("[data-chooser-body]");

    dialog.addEventListener("click", function (event) {
      if (event.target.closest("[data-chooser-close]")) { dialog.close(); return; }
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
    // Close button or Escape: nothing chosen, back to whoever opened it.
    dialog.addEventListener("close", function () {
      if (current) {
        var opener = current.opener;
        current = null;
        if (opener) opener.focus();
      }
    });
  }

  function open(options) {
    if (!dialog) makeDialog();
    current = options;
    body.innerHTML = "";
    dialog.showModal();
    return load(options.url);
  }

  window.newsroomImageChooser = { open: open };

  // A story form's picture field: choosing puts the image's id in the field's number box and
  // shows its preview.
  function setUp(chooser) {
    var number = chooser.querySelector("[data-chooser-number] input");
    var preview = chooser.querySelector("[data-chooser-current]");
    var openButton = chooser.querySelector("[data-chooser-open]");
    var clear = chooser.querySelector("[data-chooser-clear]");
    var label = chooser.closest(".form-row") && chooser.closest(".form-row").querySelector("label");

    chooser.querySelector("[data-chooser-number]").hidden = true;
    openButton.hidden = false;
    clear.hidden = !number.value;

    openButton.addEventListener("click", function () {
      open({
        url: chooser.dataset.chooserUrl,
        opener: openButton,
        onChosen: function (chosen) {
          number.value = chosen.id;
          preview.innerHTML = chosen.preview;
          clear.hidden = false;
          openButton.textContent = "Choose another picture…";
          openButton.focus();
        },
      });
    });
    clear.addEventListener("click", function () {
      number.value = "";
      preview.innerHTML = '<p class="chooser-none">No picture chosen.</p>';
      clear.hidden = true;
      openButton.textContent = "Choose or upload a picture…";
      openButton.focus();
    });
    if (label) label.removeAttribute("for");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-image-chooser]").forEach(setUp);
  });
})();
