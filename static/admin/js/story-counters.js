// Counts under the story form's fields, their rules read from the attributes that
// articles/editor.py renders (one definition):
// - the body: words and reading time (data-words-per-minute on the body's textarea), updated on
//   the textarea's `input`, which the editor fires at every change;
// - the standfirst: characters against the recommended length (data-recommended-min/-max) and
//   the model's cap (maxlength).
// The counts are each field's description (aria-describedby), so a screen reader reads them
// with the field; the standfirst's live region speaks only when the length moves into or out
// of the recommended range, after a pause in typing, not at every key.
"use strict";

(function () {
  const ANNOUNCE_AFTER_MS = 1200;

  function describe(field, id) {
    const ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (!ids.includes(id)) field.setAttribute("aria-describedby", [id, ...ids].join(" "));
  }

  function plural(count, one, many) {
    return `${count.toLocaleString()} ${count === 1 ? one : many}`;
  }

  function wordsIn(html) {
    // An inert document: nothing in it runs or loads.
    const body = new DOMParser().parseFromString(html, "text/html").body;
    body.querySelectorAll("br").forEach((br) => br.replaceWith(" "));
    body.querySelectorAll("p, h2, h3, li, blockquote, figcaption").forEach((block) => block.append(" "));
    const text = body.textContent.trim();
    return text ? text.split(/\s+/).length : 0;
  }

  function countBody(textarea, output) {
    const perMinute = Number(textarea.dataset.wordsPerMinute);
    const update = () => {
      const words = wordsIn(textarea.value);
      output.textContent = words
        ? `${plural(words, "word", "words")} · about ${plural(Math.max(1, Math.ceil(words / perMinute)), "minute", "minutes")} to read`
        : "No words yet";
    };
    textarea.addEventListener("input", update);
    update();
  }

  function standfirstState(length, low, high) {
    if (length === 0) return "empty";
    if (length < low) return "under";
    return length > high ? "over" : "within";
  }

  function countStandfirst(textarea, output, announcement) {
    const low = Number(textarea.dataset.recommendedMin);
    const high = Number(textarea.dataset.recommendedMax);
    const cap = Number(textarea.getAttribute("maxlength")) || null;
    const advice = {
      empty: `Recommended: ${low}–${high} characters.`,
      under: `Shorter than the recommended ${low}–${high}.`,
      within: `Within the recommended ${low}–${high}.`,
      over: `Longer than the recommended ${low}–${high}.`,
    };
    let state = null;
    let timer = null;
    const update = () => {
      // Characters as the server counts them (code points, not UTF-16 units).
      const length = Array.from(textarea.value).length;
      const next = standfirstState(length, low, high);
      output.textContent = `${plural(length, "character", "characters")}${cap ? ` of ${cap}` : ""}. ${advice[next]}`;
      output.dataset.state = next;
      if (state !== null && next !== state) {
        clearTimeout(timer);
        timer = setTimeout(() => {
          announcement.textContent = advice[next];
        }, ANNOUNCE_AFTER_MS);
      }
      state = next;
    };
    textarea.addEventListener("input", update);
    update();
  }

  // The count goes under the field, above its help text, aligned as the admin aligns help.
  function addCount(field) {
    const output = document.createElement("div");
    output.className = "help story-count";
    output.id = `${field.id}_count`;
    (field.closest(".flex-container") || field.closest(".prose-editor") || field).after(output);
    return output;
  }

  for (const textarea of document.querySelectorAll("textarea[data-words-per-minute]")) {
    // The editor is what people reach: story-body-editor.js points it at this count.
    countBody(textarea, addCount(textarea));
  }
  for (const textarea of document.querySelectorAll("textarea[data-recommended-min]")) {
    const output = addCount(textarea);
    const announcement = document.createElement("p");
    announcement.className = "story-count-announcement";
    announcement.setAttribute("aria-live", "polite");
    output.after(announcement);
    describe(textarea, output.id);
    countStandfirst(textarea, output, announcement);
  }
})();
