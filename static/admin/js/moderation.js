// The moderation desk's keyboard and focus (templates/admin/comments/moderation.html).
// SHORTCUTS is the one list of keys: the key handler and the "?" help both read it.
// The desk works without this file (every decision is a plain form); htmx sends the forms
// when it is there, and this module moves the focus and opens the reason picker.

const SHORTCUTS = [
  { key: "j", does: "Next comment", run: () => move(1) },
  { key: "k", does: "Previous comment", run: () => move(-1) },
  { key: "a", does: "Approve the comment", run: () => press("approve") },
  { key: "r", does: "Remove the comment: choose a reason (arrow keys), Enter confirms, Escape cancels", run: openRemove },
  { key: "u", does: "Undo your last decision", run: undoLast },
  { key: "?", does: "Show these shortcuts", run: showHelp },
];

const desk = document.querySelector("[data-desk]");

function cards() {
  return [...desk.querySelectorAll("[data-card]:not([data-decided])")];
}

function current() {
  const focused = document.activeElement?.closest("[data-card]");
  return focused && !focused.hasAttribute("data-decided") ? focused : null;
}

function focusCard(card) {
  if (!card) return;
  card.focus();
  card.scrollIntoView({ block: "nearest" });
}

function move(step) {
  const all = cards();
  if (!all.length) return;
  const here = current();
  const index = here ? all.indexOf(here) + step : step > 0 ? 0 : all.length - 1;
  focusCard(all[Math.max(0, Math.min(all.length - 1, index))]);
}

function target() {
  // The focused card, or the first one when the focus is elsewhere on the desk.
  return current() || cards()[0] || null;
}

function announce(message) {
  document.getElementById("desk-announce").textContent = message;
}

function press(action) {
  const button = target()?.querySelector(`button[data-action="${action}"]`);
  if (button) button.closest("form").requestSubmit(button);
  else announce(`No comment here to ${action}.`);
}

function openRemove() {
  const card = target();
  const button = card?.querySelector('button[data-action="remove"]');
  if (!button) {
    announce("No comment here to remove.");
    return;
  }
  setPanel(button, true);
}

function setPanel(button, open) {
  const panel = document.getElementById(button.getAttribute("aria-controls"));
  panel.classList.toggle("desk-remove--open", open);
  button.setAttribute("aria-expanded", String(open));
  if (open) {
    (panel.querySelector('input[name="reason"]:checked') || panel.querySelector('input[name="reason"]')).focus();
  } else {
    button.focus();
  }
}

function undoLast() {
  const button = document.querySelector("[data-undo-last]");
  if (button) button.closest("form").requestSubmit(button);
  else announce("Nothing to undo.");
}

function showHelp() {
  document.getElementById("desk-help").showModal();
}

function fillHelp() {
  const body = document.querySelector("[data-shortcuts]");
  for (const shortcut of SHORTCUTS) {
    const row = body.insertRow();
    const key = document.createElement("kbd");
    key.textContent = shortcut.key;
    row.insertCell().append(key);
    row.insertCell().textContent = shortcut.does;
  }
  const helpButton = desk.querySelector("[data-help]");
  helpButton.hidden = false;
  helpButton.addEventListener("click", showHelp);
}

function isTyping(element) {
  return element?.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])");
}

function onKey(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (document.querySelector("dialog[open]")) return;
  const picker = event.target.closest?.("[data-remove-panel]");
  if (picker && event.key === "Escape") {
    event.preventDefault();
    setPanel(picker.closest("[data-card]").querySelector('button[data-action="remove"]'), false);
    return;
  }
  if (picker && event.key === "Enter" && event.target.name === "reason") {
    // A radio button does not send its form on Enter by itself.
    event.preventDefault();
    picker.requestSubmit();
    return;
  }
  if (isTyping(event.target)) return;
  const shortcut = SHORTCUTS.find((s) => s.key === event.key);
  if (!shortcut) return;
  event.preventDefault();
  shortcut.run();
}

function onClick(event) {
  // The reason pickers are folded behind their "Remove…" buttons (moderation.css, once the
  // desk has the desk--js class): delegated here, so cards swapped in later work the same.
  const toggle = event.target.closest('button[data-action="remove"]');
  if (toggle) {
    setPanel(toggle, toggle.getAttribute("aria-expanded") !== "true");
    return;
  }
  const cancel = event.target.closest("[data-cancel]");
  if (cancel) {
    setPanel(cancel.closest("[data-card]").querySelector('button[data-action="remove"]'), false);
  }
}

// After a decision: the focus goes to the next card still to decide (or the one undone).
let decidedAt = null;

let undoing = false;

document.addEventListener("htmx:beforeRequest", (event) => {
  const card = event.detail.elt.closest?.("[data-card]");
  const all = [...desk.querySelectorAll("[data-card]")];
  decidedAt = card ? all.indexOf(card) : null;
  // An undo from the "last decision" box (or u) brings its card back: the focus goes there.
  undoing = Boolean(event.detail.elt.querySelector?.("[data-undo-last]"));
});

function focusLost() {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}

document.addEventListener("htmx:afterSettle", (event) => {
  // Only when the swap took the focus away (the button pressed was in what was replaced),
  // or after an undo: a moderator already typing elsewhere keeps their place.
  const swapped = event.detail.elt;
  if (!(swapped instanceof Element) || !swapped.matches("[data-card]")) return;
  if (!focusLost() && !undoing) return;
  undoing = false;
  if (!swapped.hasAttribute("data-decided")) {
    focusCard(swapped);  // a card back from an undo, or updated in place
    return;
  }
  const all = [...desk.querySelectorAll("[data-card]")];
  const from = decidedAt ?? all.indexOf(swapped);
  const next = all.slice(from + 1).find((c) => !c.hasAttribute("data-decided"))
    || all.slice(0, from).reverse().find((c) => !c.hasAttribute("data-decided"));
  focusCard(next || swapped);
});

document.addEventListener("htmx:responseError", (event) => {
  // 400 and 409 come with the card saying why (htmx-config swaps them); anything else does not.
  const status = event.detail.xhr.status;
  if (status === 400 || status === 409) return;
  announce(status === 403 ? "Not done: you may not moderate comments (signed out?). Reload the desk." :
    `Not done (error ${status}). Reload the desk and try again.`);
});

if (desk) {
  desk.classList.add("desk--js");
  desk.addEventListener("click", onClick);
  fillHelp();
  document.addEventListener("keydown", onKey);
  if (!location.hash) focusCard(cards()[0]);
}
