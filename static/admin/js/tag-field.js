/* The Tags field of the story form (articles.widgets.TagsInput): chips, suggestions from
 * the tags the user may see, Enter or a comma to add one. Without this script the field is
 * a text input of names separated by commas; with it, a hidden input named like the field
 * carries the same comma-separated names, plus anything still typed in the box, so
 * nothing typed is lost when the form is sent. */
(function () {
  "use strict";

  const SEPARATOR = ",";
  const DELAY = 120;

  function clean(name) {
    return name.replace(/\s+/g, " ").trim();
  }

  function key(name) {
    return clean(name).toLocaleLowerCase();
  }

  function parse(text) {
    const names = [];
    text.split(SEPARATOR).forEach(function (part) {
      const name = clean(part);
      if (name && !names.some(function (other) { return key(other) === key(name); })) {
        names.push(name);
      }
    });
    return names;
  }

  function enhance(input) {
    const url = input.dataset.suggestUrl;
    const fieldName = input.name;
    const box = document.createElement("div");
    const chips = document.createElement("ul");
    const list = document.createElement("ul");
    const value = document.createElement("input");
    const status = document.createElement("div");
    const listId = input.id + "-suggestions";
    let names = parse(input.value);
    let options = [];
    let active = -1;
    let timer = null;
    let asked = 0;

    box.className = "tag-field-box";
    chips.className = "tag-chips";
    chips.setAttribute("aria-label", "Tags on this story");
    list.className = "tag-suggestions";
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested tags");
    list.hidden = true;
    value.type = "hidden";
    value.name = fieldName;
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");

    input.removeAttribute("name");
    input.value = "";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.parentNode.insertBefore(box, input);
    box.append(chips, input, list, value, status);

    function say(message) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 30);
    }

    function sync() {
      const typed = clean(input.value.replace(/,/g, " "));
      value.value = names.concat(typed ? [typed] : []).join(SEPARATOR + " ");
    }

    function renderChips() {
      chips.replaceChildren();
      names.forEach(function (name) {
        const chip = document.createElement("li");
        const label = document.createElement("span");
        const remove = document.createElement("button");
        chip.className = "tag-chip";
        label.textContent = name;
        remove.type = "button";
        remove.className = "tag-chip-remove";
        remove.textContent = "×";
        remove.setAttribute("aria-label", "Remove tag " + name);
        remove.addEventListener("click", function () {
          names = names.filter(function (other) { return other !== name; });
          renderChips();
          input.focus();
          say("Tag " + name + " removed. " + count());
        });
        chip.append(label, remove);
        chips.append(chip);
      });
      chips.hidden = names.length === 0;
      sync();
    }

    function count() {
      return names.length === 1 ? "1 tag." : names.length + " tags.";
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      options = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function add(typed) {
      let name = clean(typed);
      if (!name) {
        return;
      }
      // The existing tag's spelling: "nato" is NATO (the server resolves it the same way).
      const known = options.find(function (option) { return key(option) === key(name); });
      name = known || name;
      input.value = "";
      close();
      if (names.some(function (other) { return key(other) === key(name); })) {
        say("Tag " + name + " is already on this story.");
        sync();
        return;
      }
      names.push(name);
      renderChips();
      say("Tag " + name + " added. " + count());
    }

    function highlight(index) {
      const items = list.children;
      active = index;
      Array.prototype.forEach.call(items, function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(found) {
      options = found.filter(function (name) {
        return !names.some(function (other) { return key(other) === key(name); });
      });
      list.replaceChildren();
      active = -1;
      if (!options.length) {
        close();
        return;
      }
      options.forEach(function (name, i) {
        const item = document.createElement("li");
        item.id = listId + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = name;
        // mousedown, not click: the box keeps focus (no blur closing the list first).
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          add(name);
        });
        list.append(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      say(options.length === 1 ? "1 suggestion." : options.length + " suggestions, arrow keys to choose.");
    }

    function suggest() {
      const term = clean(input.value);
      window.clearTimeout(timer);
      if (!term || !url) {
        close();
        return;
      }
      timer = window.setTimeout(function () {
        const ask = ++asked;
        fetch(url + "?q=" + encodeURIComponent(term), {credentials: "same-origin", headers: {Accept: "application/json"}})
          .then(function (response) { return response.ok ? response.json() : {results: []}; })
          .then(function (data) {
            if (ask === asked && clean(input.value) === term) {
              show(data.results.map(function (result) { return result.name; }));
            }
          })
          .catch(function () { close(); });
      }, DELAY);
    }

    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // Enter adds a tag; it does not send the form
        add(active >= 0 ? options[active] : input.value);
      } else if (event.key === SEPARATOR) {
        event.preventDefault();
        add(input.value);
      } else if (event.key === "ArrowDown" && options.length) {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("input", function () {
      if (input.value.indexOf(SEPARATOR) !== -1) { // pasted names
        const parts = input.value.split(SEPARATOR);
        input.value = parts.pop();
        parts.forEach(add);
      }
      sync();
      suggest();
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    input.form.addEventListener("submit", sync);
    renderChips();
  }

  function init() {
    document.querySelectorAll("input.tag-field[data-suggest-url]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
