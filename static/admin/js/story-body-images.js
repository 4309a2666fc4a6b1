// Library pictures inside a story's body: a toolbar button "Insert image from the library"
// opens the image library's chooser (static/images/image-chooser.js, the hero field's same
// dialog); the picture chosen or uploaded goes in at the cursor as the library figure the
// server hands back (images.embed.library_figure_html), and focus returns to the editor.
//
// It also teaches the editor's figure and image nodes the library's `data-image`, so a body
// with library figures opens and saves unchanged. Loaded before story-body-editor.js, whose
// `story-editor:configure` event lets it change the extensions before the editor starts.

const LIBRARY_IMAGE = {
  "data-image": {
    default: null,
    parseHTML: (element) => element.getAttribute("data-image"),
    renderHTML: (attributes) => (attributes["data-image"] ? { "data-image": attributes["data-image"] } : {}),
  },
};

function withLibraryImage(extension) {
  return extension.extend({
    addAttributes() {
      return { ...this.parent?.(), ...LIBRARY_IMAGE };
    },
  });
}

// insertContent leaves the cursor in the new figure's caption: put it in the paragraph after
// the figure (a new, empty one when none follows), where the writer goes on typing.
function cursorAfterFigure(editor) {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type.name !== "figure") continue;
    const after = $from.after(depth);
    const next = editor.state.doc.resolve(after).nodeAfter;
    const chain = editor.chain().focus();
    if (!next || !next.isTextblock) chain.insertContentAt(after, { type: "paragraph" });
    chain.setTextSelection(after + 1).run();
    return;
  }
}

function insertButton(library, chooserUrl) {
  return library.Extension.create({
    name: "libraryImages",
    addMenuItems({ menu, buttons }) {
      menu.defineItem({
        name: "libraryImage",
        groups: "nodes",
        // Its name, with the other buttons', in story-body-extras.js's TOOLBAR.
        button: buttons.material("add_photo_alternate"),
        command(editor) {
          window.newsroomImageChooser.open({
            url: chooserUrl,
            opener: { focus: () => editor.commands.focus() },
            onChosen({ figureHtml }) {
              editor.chain().focus().insertContent(figureHtml).run();
              cursorAfterFigure(editor);
            },
          });
        },
      });
    },
  });
}

document.addEventListener("story-editor:configure", (event) => {
  const { library, extensions } = event.detail;
  extensions.forEach((extension, index) => {
    if (extension.name === "figure" || extension.name === "image") {
      extensions[index] = withLibraryImage(extension);
    }
  });
  const chooserUrl = event.target.dataset.imageChooserUrl;
  if (chooserUrl && window.newsroomImageChooser) {
    extensions.push(insertButton(library, chooserUrl));
  }
});
