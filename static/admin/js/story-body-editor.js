// The story body's editor (articles/editor.py): django-prose-editor's Tiptap build with the
// extensions of articles/sanitize.py's BODY_EXTENSIONS, rendered into the textarea's
// data-django-prose-editor-story attribute.
//
// Started here rather than by the library's presets (configurable.js), which import the
// editor through an inline <script type="importmap"> and let Tiptap inject a <style>: the CSP
// allows neither. The editor module is imported by its static URL (data-editor-module), and
// Tiptap's base rules are in admin/css/story-editor.css. The desk's own additions (button names,
// Ctrl/Cmd+K, "1. ", paste clean-up) are in story-body-extras.js (data-editor-extras).
//
// The body stays in <textarea name="body">: every change writes the HTML into it and fires
// `input` on it (bubbling); leaving the editor after a change fires `change`, as a textarea does.
//
// For other scripts (e.g. an "insert image from the library" button):
// - `prose-editor:ready` bubbles from the textarea once the editor runs, detail {editor, textarea}
//   (the name django-prose-editor's own presets use).
// - Dispatch `story-editor:insert-figure` on the textarea to insert a figure at the cursor:
//     textarea.dispatchEvent(new CustomEvent("story-editor:insert-figure",
//       {detail: {src: "/media/…", alt: "…", caption: "…"}}));
//   The stored figure is <figure><img src alt><figcaption>…</figcaption></figure>. An extra
//   attribute on the image (e.g. data-image) needs an image node that has it and its name in
//   articles/sanitize.py's BODY_EXTRA_ATTRIBUTES.
// - `story-editor:configure` bubbles from the textarea just before the editor starts, detail
//   {library, extensions}: a listener may replace or add extensions in that array (e.g.
//   story-body-images.js, which must then be loaded before this module).

const SELECTOR = "textarea[data-django-prose-editor-story]";
const EMPTY_DOCUMENT = /^<(\w+)(\s[^>]*)?><\/\1>$/i;

function figureContent({ src, alt = "", caption = "" }) {
  const content = [{ type: "image", attrs: { src, alt } }];
  if (caption) {
    content.push({ type: "caption", content: [{ type: "text", text: caption }] });
  }
  return { type: "figure", content };
}

function describedBy(textarea) {
  const ids = [`${textarea.id}_count`];
  const helpText = document.getElementById(`${textarea.id}_helptext`);
  if (helpText) ids.push(helpText.id);
  return ids.join(" ");
}

async function startEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.dataset.djangoProseEditorStory);
  const [library, extras] = await Promise.all([
    import(textarea.dataset.editorModule),
    import(textarea.dataset.editorExtras),
  ]);
  const extensions = extras.storyExtensions(library);
  for (const [name, options] of Object.entries(config.extensions)) {
    const extension = library[name];
    if (!extension) {
      console.error(`Story editor: django-prose-editor has no extension ${name}.`);
      continue;
    }
    extensions.push(typeof options === "object" ? extension.configure(options) : extension);
  }

  textarea.dispatchEvent(
    new CustomEvent("story-editor:configure", { detail: { library, extensions }, bubbles: true }),
  );

  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const wrapper = document.createElement("div");
  wrapper.className = "prose-editor story-body-editor";
  textarea.before(wrapper);
  wrapper.append(textarea);

  let changedSinceFocus = false;
  const editor = new library.Editor({
    element: wrapper,
    extensions,
    content: textarea.value,
    editable: !textarea.disabled,
    injectCSS: false,
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label ? label.textContent.replace(/:\s*$/, "").trim() : "Body",
        "aria-describedby": describedBy(textarea),
      },
    },
    onCreate() {
      // The menu extension has built its bar by now.
      for (const menubar of wrapper.querySelectorAll(".prose-menubar:not(.prose-menubar--floating)")) {
        menubar.setAttribute("role", "toolbar");
        menubar.setAttribute("aria-label", "Formatting");
      }
      extras.enhanceToolbar(editor, wrapper);
    },
    onUpdate({ editor }) {
      const html = editor.getHTML();
      textarea.value = EMPTY_DOCUMENT.test(html) ? "" : html;
      changedSinceFocus = true;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onBlur() {
      if (changedSinceFocus) {
        changedSinceFocus = false;
        textarea.dispatchEvent(new Event("change", { bubbles: true }));
      }
    },
  });

  textarea.addEventListener("story-editor:insert-figure", (event) => {
    editor.chain().focus().insertContent(figureContent(event.detail)).run();
  });
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }),
  );
  return editor;
}

for (const textarea of document.querySelectorAll(SELECTOR)) {
  startEditor(textarea).catch((error) => console.error("Story editor failed to start:", error));
}
