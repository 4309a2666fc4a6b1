// The story body editor's own additions to django-prose-editor (started by
// story-body-editor.js, which imports this module by its static URL, data-editor-extras):
//
// - TOOLBAR: every toolbar button's name and shortcut, in sentence case (the library names them
//   "bold", "unordered list", ...). The one list of the editor's shortcuts: the buttons' names,
//   their aria-keyshortcuts and tooltips read it.
// - storyExtensions(library): Ctrl/Cmd+K opens the library's link dialog on the selected text,
//   "1. " starts a numbered list (the library turns Tiptap's rule off), and a paste from Google
//   Docs, Word or a web page keeps its structure only (cleanPastedHTML).
// - enhanceToolbar(editor, wrapper): the names above, and the text-style drop-down usable by
//   keyboard.
//
// What a body may finally contain is still articles/sanitize.py's rule, on the server: the paste
// clean-up only spares the writer markup that would be dropped at the save anyway.

// "Mod" is Ctrl, or Cmd on a Mac.
export const TOOLBAR = {
  heading2: { label: "Heading 2", keys: "Mod+Alt+2" },
  heading3: { label: "Heading 3", keys: "Mod+Alt+3" },
  paragraph: { label: "Paragraph", keys: "Mod+Alt+0" },
  bulletList: { label: "Bulleted list", keys: "Mod+Shift+8" },
  orderedList: { label: "Numbered list", keys: "Mod+Shift+7" },
  blockquote: { label: "Quote", keys: "Mod+Shift+B" },
  figure: { label: "Figure" },
  libraryImage: { label: "Insert image from the library" }, // story-body-images.js
  bold: { label: "Bold", keys: "Mod+B" },
  italic: { label: "Italic", keys: "Mod+I" },
  link: { label: "Link", keys: "Mod+K" },
  unlink: { label: "Remove link" },
  "history:undo": { label: "Undo", keys: "Mod+Z" },
  "history:redo": { label: "Redo", keys: "Mod+Shift+Z" },
};

const MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

function keyNames(keys) {
  return {
    aria: keys.replace("Mod", MAC ? "Meta" : "Control"),
    shown: keys.replace("Mod", MAC ? "Cmd" : "Ctrl"),
  };
}

function nameButton(button, { label, keys }) {
  button.setAttribute("aria-label", label);
  button.title = label;
  if (keys) {
    const { aria, shown } = keyNames(keys);
    button.setAttribute("aria-keyshortcuts", aria);
    button.title = `${label} (${shown})`;
  }
}

// The word around an empty selection, so that Ctrl/Cmd+K in a word links that word.
function wordAround(selection) {
  const { $from } = selection;
  if (!$from.parent.isTextblock) return null;
  const text = $from.parent.textBetween(0, $from.parent.content.size, undefined, "\ufffc");
  const offset = $from.parentOffset;
  let start = offset;
  let end = offset;
  while (start > 0 && /[\p{L}\p{N}'’-]/u.test(text[start - 1])) start -= 1;
  while (end < text.length && /[\p{L}\p{N}'’-]/u.test(text[end])) end += 1;
  if (start === end) return null;
  return { from: $from.start() + start, to: $from.start() + end };
}

// --- Paste ---------------------------------------------------------------------------------

// Removed with their content: never part of a story's text.
const JUNK = "style, script, template, noscript, meta, link, title, xml, img, picture, svg, iframe, object, embed, video, audio, canvas, form, button, input, select, textarea";
const HEADING_LEVEL = { H1: "h2", H4: "h3", H5: "h3", H6: "h3" };
const KEPT_ATTRIBUTES = { A: ["href"], OL: ["start"] };

// Even parsed into an inert document, a pasted style attribute, <style> element or on*
// handler is refused by the CSP (and reported as a violation in the console): <style> and
// <script> go before parsing, styles are read under another name, handlers are renamed away.
const STYLE_OR_SCRIPT = /<(style|script)\b[\s\S]*?<\/\1\s*>/gi;
const STYLE_OR_HANDLER = /(<[a-z][^>]*?\s)(style|on[a-z]+)\s*=/gi;

function defused(html) {
  let before;
  let after = html.replace(STYLE_OR_SCRIPT, "");
  do {
    before = after;
    after = before.replace(STYLE_OR_HANDLER, "$1data-paste-$2=");
  } while (after !== before);
  return after;
}

function styleOf(element) {
  return (element.getAttribute("data-paste-style") || "").toLowerCase().replace(/\s+/g, "");
}

function isBold(style) {
  const match = /(?:^|;)font-weight:([a-z0-9]+)/.exec(style);
  return !!match && /^(bold|bolder|[6-9]00)$/.test(match[1]);
}

function isItalic(style) {
  return /(?:^|;)font-style:(italic|oblique)/.test(style);
}

function rename(element, tagName) {
  const replacement = element.ownerDocument.createElement(tagName);
  for (const { name, value } of element.attributes) replacement.setAttribute(name, value);
  replacement.append(...element.childNodes);
  element.replaceWith(replacement);
  return replacement;
}

function unwrap(element) {
  element.replaceWith(...element.childNodes);
}

function wrapContent(element, tagName) {
  const wrapper = element.ownerDocument.createElement(tagName);
  wrapper.append(...element.childNodes);
  element.append(wrapper);
}

// Word writes list items as paragraphs (class MsoListParagraph..., style "mso-list:l0 level1
// lfo1") whose bullet or number is a span marked mso-list:Ignore: make them real lists.
function wordLists(body) {
  for (const paragraph of body.querySelectorAll("p")) {
    if (!/mso-list:l\d/.test(styleOf(paragraph))) continue;
    const marker = [...paragraph.querySelectorAll("span")].find((span) => /mso-list:ignore/.test(styleOf(span)));
    const numbered = !!marker && /^\s*\(?[0-9a-z]{1,4}[.)]/i.test(marker.textContent);
    if (marker) marker.remove();
    const item = paragraph.ownerDocument.createElement("li");
    item.append(...paragraph.childNodes);
    const previous = paragraph.previousElementSibling;
    const tag = numbered ? "OL" : "UL";
    if (previous && previous.tagName === tag && previous.dataset.wordList) {
      previous.append(item);
      paragraph.remove();
    } else {
      const list = paragraph.ownerDocument.createElement(tag);
      list.dataset.wordList = "1";
      list.append(item);
      paragraph.replaceWith(list);
    }
  }
}

/**
 * A pasted document's structure only: paragraphs, headings (h2, h3), lists, quotes, bold,
 * italic and links. Google Docs' bold/italic spans become <strong>/<em>, its outer
 * <b id="docs-internal-guid-…"> wrapper goes; Word's <o:p>, mso classes and list paragraphs are
 * handled; every style, class, span and other attribute goes. A copy from this editor itself
 * (ProseMirror marks it data-pm-slice) is kept as it is.
 */
export function cleanPastedHTML(html) {
  if (/data-pm-slice/.test(html)) return html;
  // An inert document: nothing in it runs or loads.
  const doc = new DOMParser().parseFromString(defused(html), "text/html");
  const body = doc.body;
  const comments = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const dropped = [];
  while (comments.nextNode()) dropped.push(comments.currentNode);
  for (const node of body.querySelectorAll(JUNK)) dropped.push(node);
  for (const element of body.getElementsByTagName("*")) {
    // Word's <o:p> (an empty paragraph marker) and other namespaced tags.
    if (element.tagName.includes(":")) dropped.push(element);
  }
  for (const node of dropped) node.remove();
  wordLists(body);

  for (const element of [...body.querySelectorAll("*")]) {
    const style = styleOf(element);
    const tag = element.tagName;
    if ((tag === "B" || tag === "STRONG") && /font-weight:(normal|[1-4]00)/.test(style)) {
      unwrap(element); // Google Docs' document wrapper, or a bold turned off
      continue;
    }
    if ((tag === "I" || tag === "EM") && /font-style:normal/.test(style)) {
      unwrap(element);
      continue;
    }
    if (isBold(style) && !["B", "STRONG"].includes(tag)) wrapContent(element, "strong");
    if (isItalic(style) && !["I", "EM"].includes(tag)) wrapContent(element, "em");
  }
  for (const element of [...body.querySelectorAll("*")]) {
    const tag = element.tagName;
    if (tag === "SPAN" || tag === "FONT" || tag === "U" || tag === "SMALL" || tag === "BIG") {
      unwrap(element);
      continue;
    }
    let current = element;
    if (HEADING_LEVEL[tag]) current = rename(element, HEADING_LEVEL[tag]);
    else if (tag === "B") current = rename(element, "strong");
    else if (tag === "I") current = rename(element, "em");
    const kept = KEPT_ATTRIBUTES[current.tagName] || [];
    for (const { name } of [...current.attributes]) {
      if (!kept.includes(name)) current.removeAttribute(name);
    }
  }
  // Bold inside a heading is the heading's own weight (Google Docs marks it).
  for (const strong of [...body.querySelectorAll("h2 strong, h3 strong")]) unwrap(strong);
  return body.innerHTML;
}

// --- Extensions ----------------------------------------------------------------------------

export function storyExtensions(library) {
  const { Extension, Plugin, wrappingInputRule } = library;
  return [
    Extension.create({
      name: "storyDesk",
      // Before the library's Link extension (priority 1000, as Tiptap's Link), whose own
      // Mod-k reads a selection that may lag and would open a second dialog after ours.
      priority: 1001,

      addKeyboardShortcuts() {
        return {
          "Mod-k": ({ editor }) => {
            // A selection made by keyboard a moment ago (Shift+Home, then at once Ctrl+K) may
            // not have reached ProseMirror's state yet: read the DOM's selection first.
            // (domObserver is prosemirror-view's internal, as bundled in django-prose-editor 0.28.0.)
            editor.view.domObserver?.flush?.();
            if (editor.state.selection.empty && !editor.isActive("link")) {
              const word = wordAround(editor.state.selection);
              if (word) editor.commands.setTextSelection(word);
            }
            if (editor.commands.addLink) editor.commands.addLink();
            return true; // and not the browser's own Ctrl+K (its search box)
          },
        };
      },

      addInputRules() {
        const type = this.editor.schema.nodes.orderedList;
        if (!type) return [];
        // "1. " at the start of a paragraph: the site numbers lists from 1.
        return [wrappingInputRule({ find: /^1\.\s$/, type })];
      },

      addProseMirrorPlugins() {
        return [new Plugin({ props: { transformPastedHTML: cleanPastedHTML } })];
      },
    }),
  ];
}

// --- Toolbar -------------------------------------------------------------------------------

function dropdownByKeyboard(editor, dropdown, items) {
  const selected = dropdown.querySelector(".prose-menubar__selected");
  const picker = dropdown.querySelector(".prose-menubar__picker");
  if (!selected || !picker) return;
  selected.setAttribute("role", "button");
  selected.tabIndex = 0;
  selected.setAttribute("aria-haspopup", "true");
  selected.setAttribute("aria-expanded", "false");
  const options = () => [...picker.querySelectorAll(".prose-menubar__option:not(.hidden)")];

  const refresh = () => {
    const current = options().find((option) => items[option.dataset.name]?.active(editor));
    const name = current && (TOOLBAR[current.dataset.name]?.label || current.textContent);
    selected.setAttribute("aria-label", `Text style: ${name || "mixed"}`);
    // The library shows a copy of the current style's button in the box: a picture of it,
    // not a button inside the button.
    for (const copy of selected.querySelectorAll("button")) {
      const picture = document.createElement("span");
      picture.className = copy.className;
      picture.textContent = copy.textContent;
      if (copy.dataset.level) picture.dataset.level = copy.dataset.level;
      picture.setAttribute("aria-hidden", "true");
      copy.replaceWith(picture);
    }
  };
  editor.on("transaction", refresh);
  refresh();

  selected.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " " || event.key === "ArrowDown") {
      event.preventDefault();
      selected.click();
      options()[0]?.focus();
    }
  });
  picker.addEventListener("keydown", (event) => {
    const all = options();
    const at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      all[(at + step + all.length) % all.length]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      picker.hidePopover();
      selected.focus();
    }
  });
  picker.addEventListener("toggle", (event) => {
    selected.setAttribute("aria-expanded", String(event.newState === "open"));
  });
}

export function enhanceToolbar(editor, wrapper) {
  const items = editor.storage.menu?._definedItems || {};
  for (const [name, naming] of Object.entries(TOOLBAR)) {
    // The library's button objects: the drop-down's box shows copies of them.
    if (items[name]?.button) {
      items[name].button.dataset.name = name;
      nameButton(items[name].button, naming);
    }
  }
  for (const button of wrapper.querySelectorAll(".prose-menubar__button[data-name]")) {
    if (TOOLBAR[button.dataset.name]) nameButton(button, TOOLBAR[button.dataset.name]);
  }
  for (const dropdown of wrapper.querySelectorAll(".prose-menubar__dropdown")) {
    dropdownByKeyboard(editor, dropdown, items);
  }
}
