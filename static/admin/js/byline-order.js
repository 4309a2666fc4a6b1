/* Bylines in the order readers see them: Up and Down buttons on each byline row (and
 * dragging a row by its handle). When the form is sent, each row's hidden position is its
 * place on the page (articles.admin.BylineFormSet saves that order); without this
 * script the rows are saved in the order they appear. */
(function () {
  "use strict";

  const PREFIX = "bylines";

  function init() {
    const group = document.getElementById(PREFIX + "-group");
    if (!group) {
      return;
    }
    const tbody = group.querySelector("tbody");
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    group.append(status);
    let dragged = null;

    const head = group.querySelector("thead tr");
    if (head) {
      const th = document.createElement("th");
      th.textContent = "Order";
      th.className = "byline-order-heading";
      head.insertBefore(th, head.lastElementChild);
    }

    function rows() {
      return Array.from(tbody.querySelectorAll(":scope > tr.form-row:not(.empty-form)"));
    }

    function authorName(row) {
      const select = row.querySelector("select[name$='-author']");
      const option = select && select.selectedOptions[0];
      if (option && option.value) {
        return option.textContent.trim();
      }
      return "byline " + (rows().indexOf(row) + 1);
    }

    function label() {
      rows().forEach(function (row) {
        const name = authorName(row);
        row.querySelectorAll(".byline-move").forEach(function (button) {
          button.setAttribute("aria-label", "Move " + name + " " + button.dataset.direction);
        });
        const handle = row.querySelector(".byline-drag");
        if (handle) {
          handle.title = "Drag to move " + name;
        }
      });
    }

    function addControls(row) {
      if (row.querySelector(".byline-order")) {
        return;
      }
      const cell = document.createElement("td");
      cell.className = "byline-order";
      const handle = document.createElement("span");
      handle.className = "byline-drag";
      handle.setAttribute("aria-hidden", "true");
      handle.textContent = "⠿";
      cell.append(handle);
      [["up", "↑ Up"], ["down", "↓ Down"]].forEach(function (pair) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "byline-move";
        button.dataset.direction = pair[0];
        button.textContent = pair[1];
        cell.append(button);
      });
      row.insertBefore(cell, row.lastElementChild);
    }

    // A row with its errors row (the admin puts a form's own errors in the row above it).
    function unit(row) {
      const previous = row.previousElementSibling;
      return previous && previous.classList.contains("row-form-errors") ? [previous, row] : [row];
    }

    function placeBefore(row, reference) {
      unit(row).forEach(function (element) { tbody.insertBefore(element, reference); });
    }

    function move(row, direction, button) {
      const all = rows();
      const index = all.indexOf(row);
      const name = authorName(row);
      const target = all[direction === "up" ? index - 1 : index + 1];
      if (!target) {
        say(name + " is already " + (direction === "up" ? "first." : "last."));
        return;
      }
      if (direction === "up") {
        placeBefore(row, unit(target)[0]);
      } else {
        placeBefore(target, unit(row)[0]);
      }
      label();
      if (button) {
        button.focus(); // moving the row took the focus away
      }
      say(name + " moved " + direction + ": now " + (rows().indexOf(row) + 1) + " of " + rows().length + ".");
    }

    function say(message) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 30);
    }

    // Positions and form numbers from the page's order: saved rows keep the first numbers
    // (the formset matches them by id), new rows follow.
    function number() {
      const all = rows();
      const saved = all.filter(function (row) {
        const id = row.querySelector("input[name$='-id']");
        return id && id.value;
      });
      const fresh = all.filter(function (row) { return saved.indexOf(row) === -1; });
      saved.concat(fresh).forEach(function (row, index) {
        renumber(row, index);
      });
      all.forEach(function (row, index) {
        const position = row.querySelector("input[name$='-position']");
        if (position) {
          position.value = index;
        }
      });
    }

    function renumber(row, index) {
      const pattern = new RegExp("(" + PREFIX + "-(\\d+|__prefix__))");
      const replacement = PREFIX + "-" + index;
      [row].concat(Array.from(row.querySelectorAll("*"))).forEach(function (element) {
        ["id", "name", "for"].forEach(function (attribute) {
          const value = element.getAttribute(attribute);
          if (value && pattern.test(value)) {
            element.setAttribute(attribute, value.replace(pattern, replacement));
          }
        });
      });
    }

    tbody.querySelectorAll(":scope > tr.form-row").forEach(addControls);
    label();

    group.addEventListener("click", function (event) {
      const button = event.target.closest(".byline-move");
      if (button) {
        move(button.closest("tr"), button.dataset.direction, button);
      }
    });
    group.addEventListener("focusin", label);
    group.addEventListener("change", label);
    if (window.django && window.django.jQuery) {
      // select2 announces a choice with a jQuery event only.
      window.django.jQuery(group).on("change", "select", label);
    }
    document.addEventListener("formset:added", function (event) {
      if (event.detail && event.detail.formsetName === PREFIX) {
        addControls(event.target);
        label();
      }
    });
    document.addEventListener("formset:removed", function (event) {
      if (event.detail && event.detail.formsetName === PREFIX) {
        window.setTimeout(label, 0);
      }
    });

    // Dragging: by the handle, with a mouse; the buttons are the keyboard's way.
    group.addEventListener("mousedown", function (event) {
      const handle = event.target.closest(".byline-drag");
      rows().forEach(function (row) { row.draggable = false; });
      if (handle) {
        handle.closest("tr").draggable = true;
      }
    });
    tbody.addEventListener("dragstart", function (event) {
      dragged = event.target.closest("tr.form-row");
      if (dragged) {
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", authorName(dragged));
        dragged.classList.add("byline-dragging");
      }
    });
    tbody.addEventListener("dragover", function (event) {
      const over = event.target.closest("tr.form-row:not(.empty-form)");
      if (!dragged || !over || over === dragged) {
        return;
      }
      event.preventDefault();
      const all = rows();
      if (all.indexOf(over) < all.indexOf(dragged)) {
        placeBefore(dragged, unit(over)[0]);
      } else {
        placeBefore(over, unit(dragged)[0]);
      }
    });
    tbody.addEventListener("dragend", function () {
      if (dragged) {
        dragged.classList.remove("byline-dragging");
        dragged.draggable = false;
        label();
        say(authorName(dragged) + " moved: now " + (rows().indexOf(dragged) + 1) + " of " + rows().length + ".");
        dragged = null;
      }
    });

    const form = group.closest("form");
    if (form) {
      form.addEventListener("submit", number);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
