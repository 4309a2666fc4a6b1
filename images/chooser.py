"""The image chooser: admin views that a story form's image field opens in a <dialog>
(static/images/image-chooser.js), to pick a library image or upload one.

- `chooser/` lists images (search by caption, credit, alt text) with an upload form;
- `chooser/upload/` stores the upload at once (images.services.image_create), so a story
  form refused later keeps it, then asks for its focal point on the picture;
- `chooser/<id>/focal/` saves the focal point, `chooser/<id>/` answers the chosen image
  (its preview for a hero field, and the library figure a story body stores).

They answer HTML fragments to the dialog's `fetch` (header `X-Image-Chooser`); a plain POST
(no JavaScript) redirects to the image's page in the library instead.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .embed import library_figure_html
from .models import Image
from .services import image_create

PAGE_SIZE = 24


def _from_dialog(request):
    return request.headers.get("X-Image-Chooser") == "1"


class ChooserViews:
    """Mixed into ImageAdmin: its chooser URLs, behind the admin's own permission hooks."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("chooser/", view(self.chooser_view), name="images_image_chooser"),
            path("chooser/upload/", view(self.chooser_upload_view), name="images_image_chooser_upload"),
            path("chooser/<path:object_id>/focal/", view(self.chooser_focal_view), name="images_image_chooser_focal"),
            path("chooser/<path:object_id>/", view(self.chooser_chosen_view), name="images_image_chooser_chosen"),
            *super().get_urls(),
        ]

    def _render(self, request, template, status=200, **context):
        return TemplateResponse(request, f"admin/images/image/chooser/{template}", context, status=status)

    def chooser_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = Image.objects.all()
        query = request.GET.get("q", "").strip()[:100]
        if query:
            images = images.filter(Q(caption__icontains=query) | Q(credit__icontains=query)
                                   | Q(alt_text__icontains=query))
        page = Paginator(images, PAGE_SIZE).get_page(request.GET.get("page"))
        return self._render(request, "list.html", page=page, query=query,
                            can_upload=self.has_add_permission(request), upload_errors={}, upload_data={})

    @staticmethod
    def _upload_fields(request):
        data = request.POST
        return {
            "alt_text": data.get("alt_text", "").strip(),
            "decorative": data.get("decorative") == "on",
            "caption": data.get("caption", "").strip(),
            "credit": data.get("credit", "").strip(),
        }

    def chooser_upload_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        fields = self._upload_fields(request)
        try:
            image = image_create(file=request.FILES.get("file"), by=request.user, **fields)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"file": error.messages}
            if "file" in errors and not request.FILES.get("file"):
                errors["file"] = ["Choose a picture to upload."]
            if not _from_dialog(request):
                messages.error(request, " ".join(m for ms in errors.values() for m in ms))
                return HttpResponseRedirect(reverse("admin:images_image_add"))
            return self._render(request, "upload_form.html", status=400, upload_errors=errors, upload_data=fields,
                                can_upload=True)
        if not _from_dialog(request):
            messages.success(request, f"“{image}” is in the library.")
            return HttpResponseRedirect(reverse("admin:images_image_change", args=[image.pk]))
        return self._render(request, "focal.html", image=image)

    def chooser_focal_view(self, request, object_id):
        image = self._image(object_id)
        if not self.has_change_permission(request, image):
            raise PermissionDenied
        if request.method != "POST":
            return self._render(request, "focal.html", image=image)
        errors = {}
        values = {}
        for name in ("focal_x", "focal_y"):
            try:
                values[name] = int(request.POST.get(name, ""))
            except ValueError:
                errors[name] = "A whole number from 0 to 100."
                continue
            if not 0 <= values[name] <= 100:
                errors[name] = "A whole number from 0 to 100."
        if errors:
            return self._render(request, "focal.html", status=400, image=image, errors=errors)
        if (image.focal_x, image.focal_y) != (values["focal_x"], values["focal_y"]):
            image.focal_x, image.focal_y = values["focal_x"], values["focal_y"]
            image.save()
        if not _from_dialog(request):
            return HttpResponseRedirect(reverse("admin:images_image_change", args=[image.pk]))
        return self._chosen(request, image)

    def chooser_chosen_view(self, request, object_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self._chosen(request, self._image(object_id))

    def _chosen(self, request, image):
        # The figure a story body stores, for the body's "Insert image from the library".
        return self._render(request, "chosen.html", image=image, figure_html=library_figure_html(image))

    @staticmethod
    def _image(object_id):
        if not str(object_id).isdigit():
            raise Http404("No such image.")
        return get_object_or_404(Image, pk=int(object_id))
