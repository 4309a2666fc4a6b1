import copy

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from newsroom.pagecache import add_cache_keys, build_clock, bump, cached_fragment, reads_query, store_fragment
from newsroom.ratelimits import limit_per_ip

from . import cachekeys, structured_data
from .models import Article, Author, Byline, Correction, Section, Tag
from .pagination import NumberedPagesMixin, page_or_404, requested_page
from .related import prefetch_tags_with_rarity, related_articles
from .search import SearchForm, snippet_html
from .search import search as find_stories
from .signals import comment_shown_keys
from .site import absolute_url
from .sitemaps import SITEMAPS, NewsSitemap

HOME_STORIES_PER_SECTION = 4


def home(request):
    """The lead story, then the latest stories of each section (constant queries)."""
    add_cache_keys(request, *cachekeys.listing(cachekeys.ANY_ARTICLE))
    published = Article.objects.published()
    lead = published.for_listing().first()
    recent = published.order_by("-publish_at", "-pk")
    window = settings.NEWSROOM_HOME_WINDOW
    oldest_recent = next(iter(recent.values_list("publish_at", flat=True)[window - 1 : window]), None)
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
    return render(
        request,
        "articles/home.html",
        {"lead": lead, "sections": list(sections.items()), "structured_data": [structured_data.website()]},
    )


@reads_query("q", "section", "page")
@limit_per_ip("search")
def search(request):
    """Search public stories (see articles.search); an empty query shows the box and a hint."""
    form = SearchForm(request.GET or None)
    page_obj = None
    query = ""
    capped = False
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        results, found = find_stories(query, section=form.cleaned_data["section"])
        paginator = Paginator(results.for_listing(), settings.NEWSROOM_PAGE_SIZE)
        paginator.count = found  # known from the search: no COUNT query
        page_obj = page_or_404(paginator, request)
        for story in page_obj:
            story.snippet = snippet_html(story.raw_snippet)
        capped = page_obj.paginator.count >= settings.NEWSROOM_SEARCH_MAX_RESULTS
    return render(
        request,
        "articles/article_search.html",
        {"form": form, "query": query, "page_obj": page_obj, "capped": capped},
    )


# Where the comment thread goes in a story page's markup (templates/articles/article_detail.html).
THREAD_MARK = "\x00comment-thread\x00"


class ArticleDetailView(DetailView):
    """A story. Unpublished stories are a 404, except as a preview for the newsroom
    staff who may open them in the admin (Article.can_be_seen_by: editors, and the
    writer for their own stories).

    The page is two parts. The comment thread (with the form, or why there is none) is
    built on every request. Everything around it (the story, "Read more", the navigation)
    is the same for every reader of a public story: it is kept as a fragment of the page
    cache under the keys it was built from, so a page rebuilt after a comment appears
    builds only the thread (a comment bumps the thread's key, cachekeys.thread, not the
    story's or its tags')."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        clock = build_clock()
        name = f"story-page:{self.kwargs['slug']}"
        shell = cached_fragment(request, name)
        if shell is not None:
            self.object, parts = shell["article"], shell["parts"]
            response = HttpResponse()
        else:
            self.object = self.get_object()
            context = self.get_context_data(object=self.object)
            context["thread"] = mark_safe(THREAD_MARK)
            response = self.render_to_response(context).render()
            parts = response.content.decode().split(THREAD_MARK)
            if not self.is_preview:
                keys = getattr(request, "page_cache_keys", ())  # those the parts around the thread declared
                store_fragment(name, {"article": self._for_thread(self.object), "parts": parts}, keys, clock)
        add_cache_keys(request, cachekeys.thread(self.object.pk))
        thread = render_to_string("comments/thread.html", {"article": self.object}, request)
        response.content = thread.join(parts)
        return response

    @staticmethod
    def _for_thread(article):
        """The story as the thread reads it (its comment settings, its section's), without
        the tags and bylines the page around it showed."""
        article = copy.copy(article)
        article.__dict__.pop("_prefetched_objects_cache", None)
        return article

    def get_object(self, queryset=None):
        queryset = (
            Article.objects.select_related("section", "hero")
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
            # Most stories have no correction: only query them when there is one.
            .annotate(has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk"))))
        )
        article = get_object_or_404(queryset, slug=self.kwargs["slug"])
        self.is_preview = not article.is_published()
        if self.is_preview and not article.can_be_seen_by(self.request.user):
            raise Http404("No public story here.")
        prefetch_tags_with_rarity(article)  # the tags, with what "Read more" needs to weigh them
        return article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = self.is_preview
        context["related"] = related_articles(self.object)
        # The page shows this story and "Read more", which says what it was chosen from.
        add_cache_keys(self.request, cachekeys.story(self.object.pk), *context["related"].cache_keys)
        article = self.object
        context["share"] = structured_data.share_meta(
            title=article.headline,
            description=article.standfirst,
            image=structured_data.story_share_image_url(article),
            kind="article",
        )
        context["structured_data"] = [
            structured_data.news_article(article),
            structured_data.breadcrumbs(
                ("Home", reverse("articles:home")),
                (article.section.name, article.section.get_absolute_url()),
                (article.headline, article.get_absolute_url()),
            ),
        ]
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.is_preview:
            response["X-Robots-Tag"] = "noindex, nofollow"
            add_never_cache_headers(response)
        return response


@reads_query("page")
class StoryListView(NumberedPagesMixin, ListView):
    """A paginated list of public stories filtered by one owner (section, tag, author)."""

    template_name = "articles/article_list.html"
    context_object_name = "stories"
    owner_model = None
    owner_kind = ""

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE  # read per request: a setting, not a class constant

    def get_owner(self):
        owner = get_object_or_404(self.owner_model, slug=self.kwargs["slug"])
        add_cache_keys(self.request, *cachekeys.listing(cachekeys.owner(self.owner_kind, owner.pk)))
        return owner

    def filter_stories(self, queryset):
        raise NotImplementedError

    def get_queryset(self):
        self.owner = self.get_owner()
        return self.filter_stories(Article.objects.published()).for_listing().order_by("-publish_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(owner=self.owner, owner_kind=self.owner_kind, share=self.get_share())
        return context

    def get_share(self):
        return structured_data.share_meta(
            title=f"{self.owner.name} | {settings.SITE_NAME}", description=self.get_description()
        )

    def get_description(self):
        return f"The latest stories from {self.owner.name}."


class SectionView(StoryListView):
    owner_model = Section
    owner_kind = "section"

    def get_description(self):
        return self.owner.description or self.owner.name

    def filter_stories(self, queryset):
        return queryset.filter(section=self.owner)


class TagView(StoryListView):
    owner_model = Tag
    owner_kind = "tag"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["paginator"].count:  # counted already for the pages: no extra query
            raise Http404("No public story has this tag.")
        return context

    def get_description(self):
        return f"Stories about {self.owner.name}."

    def filter_stories(self, queryset):
        return queryset.filter(tagged_items__tag=self.owner)


class AuthorView(StoryListView):
    owner_model = Author
    owner_kind = "author"

    def get_description(self):
        return f"Stories by {self.owner.name}."

    def filter_stories(self, queryset):
        return queryset.filter(bylines__author=self.owner)


@reads_query("page")
class CorrectionListView(NumberedPagesMixin, ListView):
    """The public corrections log, newest first. A correction stays listed when its
    story is later withdrawn; the headline is then shown without a link."""

    template_name = "articles/correction_list.html"
    context_object_name = "corrections"

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_CORRECTIONS_PAGE_SIZE

    def get_queryset(self):
        return Correction.objects.select_related("article", "article__section").order_by("-created_at", "-pk")


def sitemap_index(request):
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="articles:sitemap")


@reads_query("p")
def sitemap(request, section):
    if requested_page(request, "p") is None:  # Django's sitemap view reads "٣" as 3
        raise Http404("No such page.")
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@reads_query("p")
def news_sitemap(request):
    """Google News sitemap: the publication's name and language go in every entry."""
    response = sitemap_views.sitemap(request, {"news": NewsSitemap}, template_name="sitemaps/news.xml")
    response.context_data.update(
        news_publication_name=settings.SITE_NAME,
        news_language=settings.LANGUAGE_CODE.split("-")[0],
    )
    return response


def robots_txt(request):
    """Crawlers: no admin (staff previews included), no search results, no comment actions.
    Previews share the story's public address and send X-Robots-Tag: noindex themselves."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Disallow: {reverse('articles:search')}",
        "Disallow: /comments/",
        "",
        f"Sitemap: {absolute_url(reverse('articles:sitemap_index'))}",
        f"Sitemap: {absolute_url(reverse('articles:news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@csrf_exempt
@require_POST
def bench_comment_approved(request, pk):
    """The benchmark's "story after a comment" (only with NEWSROOM_BENCH_VIEWS): bump what
    approving a comment on story `pk` bumps of the story's own page (its thread; the counts on
    lists are other pages), so the next request for the story is rebuilt as after an approval
    (bench/after_comment.lua)."""
    bump(*comment_shown_keys(pk, count_changed=False))
    return HttpResponse(status=204)
