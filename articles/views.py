from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from newsroom.pagecache import add_cache_keys

from .models import Article, Author, Byline, Correction, Section, Tag
from .related import related_articles

HOME_STORIES_PER_SECTION = 4


def home(request):
    """The lead story, then the latest stories of each section (constant queries)."""
    published = Article.objects.published()
    lead = published.for_listing().first()
    recent = published.order_by("-publish_at", "-pk")
    oldest_recent = next(iter(recent.values_list("publish_at", flat=True)[settings.NEWSROOM_HOME_WINDOW - 1 : settings.NEWSROOM_HOME_WINDOW]), None)
    if oldest_recent is not None:
        recent = recent.filter(publish_at__gte=oldest_recent)
    ranked = (
        recent.exclude(pk=lead.pk if lead else None)
        .annotate(
            section_rank=Window(
                RowNumber(), partition_by=F("section_id"), order_by=[F("publish_at").desc(), F("pk").desc()]
            )
        )
        .filter(section_rank__lte=HOME_STORIES_PER_SECTION)
        .for_listing()
        .order_by("section__position", "section__name", "section_rank")
    )
    sections = {}
    for story in ranked:
        sections.setdefault(story.section, []).append(story)
    return render(request, "articles/home.html", {"lead": lead, "sections": list(sections.items())})


class ArticleDetailView(DetailView):
    """A story. Unpublished stories are a 404, except as a preview for the newsroom
    staff who may open them in the admin (Article.can_be_seen_by: editors, and the
    writer for their own stories)."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        queryset = (
            Article.objects.select_related("section")
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")), "tags")
            # Most stories have no correction: only query them when there is one.
            .annotate(has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk"))))
        )
        article = get_object_or_404(queryset, slug=self.kwargs["slug"])
        self.is_preview = not article.is_published()
        if self.is_preview and not article.can_be_seen_by(self.request.user):
            raise Http404("No public story here.")
        return article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = self.is_preview
        context["related"] = related_articles(self.object)
        # The page shows this story, its tags' related reading and the related stories themselves.
        add_cache_keys(
            self.request,
            f"article:{self.object.pk}",
            *(f"tag:{tag.pk}" for tag in self.object.tags.all()),
            *(f"article:{story.pk}" for story in context["related"]),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.is_preview:
            response["X-Robots-Tag"] = "noindex, nofollow"
            add_never_cache_headers(response)
        return response


class StoryListView(ListView):
    """A paginated list of public stories filtered by one owner (section, tag, author)."""

    paginate_by = settings.NEWSROOM_PAGE_SIZE
    template_name = "articles/article_list.html"
    context_object_name = "stories"
    owner_model = None
    owner_kind = ""

    def get_owner(self):
        owner = get_object_or_404(self.owner_model, slug=self.kwargs["slug"])
        add_cache_keys(self.request, f"{self.owner_kind}:{owner.pk}")
        return owner

    def filter_stories(self, queryset):
        raise NotImplementedError

    def get_queryset(self):
        self.owner = self.get_owner()
        return self.filter_stories(Article.objects.published()).for_listing().order_by("-publish_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(owner=self.owner, owner_kind=self.owner_kind)
        return context


class SectionView(StoryListView):
    owner_model = Section
    owner_kind = "section"

    def filter_stories(self, queryset):
        return queryset.filter(section=self.owner)


class TagView(StoryListView):
    owner_model = Tag
    owner_kind = "tag"

    def filter_stories(self, queryset):
        return queryset.filter(tagged_items__tag=self.owner)


class AuthorView(StoryListView):
    owner_model = Author
    owner_kind = "author"

    def filter_stories(self, queryset):
        return queryset.filter(bylines__author=self.owner)


class CorrectionListView(ListView):
    """The public corrections log, newest first. A correction stays listed when its
    story is later withdrawn; the headline is then shown without a link."""

    paginate_by = settings.NEWSROOM_CORRECTIONS_PAGE_SIZE
    template_name = "articles/correction_list.html"
    context_object_name = "corrections"

    def get_queryset(self):
        return Correction.objects.select_related("article", "article__section").order_by("-created_at", "-pk")
