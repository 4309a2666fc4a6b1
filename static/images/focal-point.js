// Focal point on a picture (.focal-picker[data-focal-x][data-focal-y] name the ids of the two
// number inputs): a click on the picture sets both, and the mark follows the numbers as they
// are typed. Delegated from the document, so pictures loaded into the chooser dialog work too.
(function () {
  "use strict";

  function inputs(picker) {
    return [document.getElementById(picker.dataset.focalX), document.getElementById(picker.dataset.focalY)];
  }

  function place(picker) {
    var [x, y] = inputs(picker);
    var mark = picker.querySelector(".focal-mark");
    if (!x || !y || !mark) return;
    mark.style.left = Math.min(100, Math.max(0, Number(x.value) || 0)) + "%";
    mark.style.top = Math.min(100, Math.max(0, Number(y.value) || 0)) + "%";
    mark.hidden = false;
  }

  function placeAll(root) {
    (root || document).querySelectorAll(".focal-picker").forEach(place);
  }

  document.addEventListener("click", function (event) {
    var img = event.target.closest(".focal-picker img");
    if (!img) return;
    var picker = img.closest(".focal-picker");
    var [x, y] = inputs(picker);
    if (!x || !y) return;
    var box = img.getBoundingClientRect();
    x.value = Math.round(((event.clientX - box.left) / box.width) * 100);
    y.value = Math.round(((event.clientY - box.top) / box.height) * 100);
    place(picker);
  });

  document.addEventListener("input", function (event) {
    document.querySelectorAll(".focal-picker").forEach(function (picker) {
      if (inputs(picker).includes(event.target)) place(picker);
    });
  });

  document.addEventListener("DOMContentLoaded", function () { placeAll(); });
  window.newsroomFocalPoint = { placeAll: placeAll };
})();
