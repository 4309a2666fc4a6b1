"""The image library in the admin: the list (thumbnails, uses), the change form (focal point
on the preview) and the chooser that story forms open (images/chooser.py)."""

from django.contrib import admin
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .chooser import ChooserViews
from .models import Image
from .renditions import srcsets


def _stories_visible_to(user):
    from articles.admin import stories_visible_to  # articles builds on images: import when used

    return stories_visible_to(user)


@admin.register(Image)
class ImageAdmin(ChooserViews, admin.ModelAdmin):
    list_display = ["thumbnail", "description", "number", "credit", "uploaded_by", "uploaded_at", "used_in"]
    list_display_links = ["thumbnail", "description"]
    list_filter = [("uploaded_by", admin.RelatedOnlyFieldListFilter), "uploaded_at", "decorative"]
    list_select_related = ["uploaded_by"]
    search_fields = ["caption", "credit", "alt_text"]
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["file", "preview", "alt_text", "decorative", "caption", "credit"]}),
        ("Focal point", {
            "fields": ["focal_x", "focal_y"],
            "description": "Click the subject on the picture above, or type the numbers: crops for "
            "story cards and social cards keep this point in view.",
        }),
        ("Library", {"fields": ["uploaded_by", "uploaded_at", "size", "used_in"]}),
    ]
    readonly_fields = ["preview", "uploaded_by", "uploaded_at", "size", "used_in"]

    class Media:
        css = {"all": ["images/images-admin.css"]}
        js = ["images/focal-point.js"]

    def get_queryset(self, request):
        """Each image with the number of stories using it and, as `visible_uses`, its uses
        in the stories this user may see (a hidden story's headline stays hidden)."""
        from articles.models import ImageUse

        uses = (
            ImageUse.objects.filter(article__in=_stories_visible_to(request.user).values("pk"))
            # section_id too: articles/signals.py's post_init reads it (deferred, one query per story).
            .select_related("article").only("image_id", "article__headline", "article__id", "article__section_id")
            .order_by("article__headline")
        )
        return (
            super().get_queryset(request)
            .annotate(story_count=Count("uses__article", distinct=True))
            .prefetch_related(Prefetch("uses", queryset=uses, to_attr="visible_uses"))
        )

    def get_chooser_queryset(self, request):
        """The story form's hero field accepts any library image (the library is shared)."""
        return Image.objects.all()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    # The list and the form.

    @admin.display(description="picture")
    def thumbnail(self, image):
        if not image.width:
            return "—"
        sets, src, width, height = srcsets(image, "card")
        return format_html(
            '<img class="library-thumb" src="{}" srcset="{}" sizes="8rem" width="{}" height="{}" alt="" '
            'loading="lazy">', src, sets["jpeg"], width, height,
        )

    @admin.display(description="no.", ordering="pk")
    def number(self, image):
        """What a story form's image box takes without JavaScript."""
        return image.pk

    @admin.display(description="caption / alt text")
    def description(self, image):
        return image.caption or image.alt_text or ("(decorative)" if image.decorative else f"Image {image.pk}")

    @admin.display(description="size")
    def size(self, image):
        return f"{image.width} × {image.height}" if image.width else "—"

    @admin.display(description="used in", ordering="story_count")
    def used_in(self, image):
        count = getattr(image, "story_count", 0)
        if not count:
            return "no story"
        stories = list({use.article_id: use.article for use in getattr(image, "visible_uses", [])}.values())
        links = format_html_join(
            ", ", '<a href="{}">{}</a>',
            ((reverse("admin:articles_article_change", args=[story.pk]), story.headline) for story in stories),
        )
        hidden = count - len(stories)
        return format_html(
            "{} {}{}{}", count, "story" if count == 1 else "stories",
            format_html(": {}", links) if stories else "",
            f" ({hidden} you may not open)" if hidden and stories else "",
        )

    @admin.display(description="preview")
    def preview(self, image):
        if not image.pk or not image.width:
            return "Saved images show here, with their focal point."
        sets, src, width, height = srcsets(image, "original")
        return format_html(
            '<div class="focal-picker" data-focal-x="id_focal_x" data-focal-y="id_focal_y">'
            '<img src="{}" srcset="{}" sizes="(min-width: 60rem) 40rem, 90vw" width="{}" height="{}" alt="{}">'
            '<span class="focal-mark" aria-hidden="true"></span></div>',
            src, sets["jpeg"], width, height, image.alt,
        )

    # Deleting: refused while a story uses the image, naming the stories.

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            protected = self._uses_described(request, objs)
        return deleted, model_count, perms_needed, protected

    def _uses_described(self, request, images):
        from articles.models import Article

        lines = []
        for image in images:
            stories = list(Article.objects.filter(image_uses__image=image).distinct().only("pk", "headline"))
            visible = set(_stories_visible_to(request.user).filter(pk__in=[s.pk for s in stories])
                          .values_list("pk", flat=True))
            names = [
                format_html('<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[s.pk]), s.headline)
                if s.pk in visible else "a story you may not open"
                for s in stories
            ]
            lines.append(format_html(
                "“{}” is used in {}: {}. Choose another picture in {} first.",
                image, f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}",
                format_html_join(", ", "{}", ((name,) for name in names)),
                "it" if len(stories) == 1 else "them",
            ))
        return lines
