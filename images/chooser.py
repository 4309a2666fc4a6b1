"""The image chooser: admin views a story form opens in a <dialog> (images/js/image-chooser.js)."""


class ChooserViews:
    pass
