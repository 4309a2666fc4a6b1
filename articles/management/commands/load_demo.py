"""Load the demo newsroom: sections, authors, stories, the image library and accounts.

Idempotent: only what is missing is created, so a second run changes nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles import services
from articles.demo_content import (
    AUTHORS,
    LIBRARY_PICTURES,
    SECTIONS,
    SHARED_HEROES,
    STORIES,
    STORY_FIGURES,
    WORKFLOW_STORIES,
)
from articles.demo_images import hero_jpeg
from articles.models import Article, Author, Byline, Section
from articles.services import record_creation
from images.embed import library_figure_html
from images.models import Image

DEMO_PASSWORD = "newsroom-demo"
DEMO_ACCOUNTS = [
    # username, group, superuser
    ("admin", "Administrator", True),
    ("editor", "Editor", False),
    ("writer", "Writer", False),
    ("moderator", "Moderator", False),
]
# Reader comments on the newest NATO stories: (index of the parent in the thread or None, name, text).
DEMO_COMMENTS = [
    [
        (None, "Harriet Olsen", "Faster deliveries matter more than new pledges. I would like to see the tracking board published in full, not just a summary."),
        (0, "Piotr Zielinski", "Agreed. The last round of promises took most of a year to arrive.\nA monthly report at least makes the delays visible."),
        (1, "Harriet Olsen", "Visible delays are still delays, but yes, it is a start."),
        (None, "Samuel Achterberg", "Does anyone know whether the training places mentioned here are new, or the ones announced in the spring?"),
        (3, "Ines Duarte", "The story says the crews train at sites in three member states; the spring plan only named two, so at least some are new."),
        (None, "Marguerite Lefevre", "Interceptors being the bottleneck has been obvious for months. Good to see it written down plainly."),
    ],
    [
        (None, "Tomas Brandt", "Substations are the quiet front line every winter. Thanks for reporting on the engineers rather than only the politicians."),
        (0, "Oksana Melnyk", "My cousin works on one of these repair crews. The spare transformer stock is what keeps the lights on."),
    ],
    [
        (None, "Ruth Kimani", "A shared radar picture sounds sensible. How do they handle the different national systems talking to each other?"),
    ],
]

# The moderation desk's queues (held by the real rules, so their reasons are the real ones), on
# the newest NATO story: (key, name, email, text); DEMO_HELD_REPLY_TO names the public comment a key replies to.
DEMO_HELD_COMMENTS = [
    ("watched", "Harriet Olsen", "harriet@readers.invalid",
     "Be careful with the 'volunteer fund' link going round on social media: it looks like a scam, "
     "and nothing in this story mentions a public collection."),
    ("links", "Piotr Zielinski", "piotr@readers.invalid",
     "The tracking board itself is at https://tracker.example.org/deliveries and the spring plan at "
     "https://plans.example.org/spring if anyone wants to compare the two."),
    ("first", "Dagny Halvorsen", "dagny@readers.invalid",
     "First time commenting here. I live near one of the training sites and the extra convoys have "
     "been noticeable since October."),
    ("reply", "Callum Reyes", "callum@readers.invalid",
     "Two sites or three, the real question is how many instructors they have. That number never "
     "seems to make it into the announcements."),
]
DEMO_HELD_REPLY_TO = {"reply": "Ines Duarte"}
# Callum's address is pre-moderated by the demo moderator (a commenter decision, logged).
DEMO_PREMODERATED = ("callum@readers.invalid", "Earlier comments were removed for insults; reading everything for now.")
# A public comment two readers reported (fewer than the three that take it down): the Reported queue.
DEMO_REPORTED = ("Marguerite Lefevre", [("198.51.100.23", "off_topic", ""), ("2001:db8:40:7::2", "other",
                                        "Reads like an advert for a defence company further down the thread.")])
DEMO_WATCHED_WORD = "scam"

STATUS = {
    "published": Article.Status.PUBLISHED,
    "scheduled": Article.Status.PUBLISHED,  # Published with a future publish time
    "draft": Article.Status.DRAFT,
}


def later_today(now=None):
    """A few hours from now, on the whole quarter hour, still today in the newsroom's time zone
    (late in the evening: ten minutes from now, which may be tomorrow)."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    last = local.replace(hour=23, minute=45, second=0, microsecond=0)
    moment = min(local + timedelta(hours=3), last)
    moment = moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)
    return max(moment, now + timedelta(minutes=10))


class Command(BaseCommand):
    help = "Load demo sections, authors, stories and the local-only demo accounts (idempotent)."

    def handle(self, *args, **options):
        if settings.NEWSROOM_ENVIRONMENT == "prod":
            raise CommandError("load_demo refuses to run with production settings (demo accounts have a public password).")
        with transaction.atomic():
            users = self.load_accounts()
            sections = self.load_sections()
            authors = self.load_authors(users)
            created = self.load_stories(sections, authors, users["editor"])
            created += self.load_workflow_stories(sections, authors, users)
            self.load_comments()
            self.load_moderation(users["moderator"])
        self.stdout.write(
            f"Demo ready: {Section.objects.count()} sections, {Author.objects.count()} authors, "
            f"{Article.objects.count()} stories ({created} new)."
        )

    def load_accounts(self):
        users = {}
        User = get_user_model()
        for username, group_name, superuser in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@newsroom.invalid",
                    "is_staff": True,
                    "is_superuser": superuser,
                    "first_name": username.capitalize(),
                    "last_name": "Demo",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                user.groups.add(Group.objects.get(name=group_name))
            users[username] = user
        return users

    def load_sections(self):
        sections = {}
        for position, data in enumerate(SECTIONS):
            sections[data["slug"]], _ = Section.objects.get_or_create(
                slug=data["slug"],
                defaults={"name": data["name"], "description": data["description"], "position": position},
            )
        return sections

    def load_authors(self, users):
        authors = {}
        for index, data in enumerate(AUTHORS):
            authors[data["slug"]], _ = Author.objects.get_or_create(
                slug=data["slug"],
                # The first reporter is the demo writer's own byline.
                defaults={"name": data["name"], "bio": data["bio"], "user": users["writer"] if index == 0 else None},
            )
        return authors

    def load_library(self, editor):
        """The demo's pictures as library images, by key: each story's own (its slug) and
        LIBRARY_PICTURES. The alt text finds a picture loaded before."""
        pictures = [
            {"key": data["slug"], "alt": data["alt"], "caption": data["caption"], "credit": data["credit"]}
            for data in STORIES if data["slug"] not in SHARED_HEROES
        ] + LIBRARY_PICTURES
        library = {}
        for picture in pictures:
            image = Image.objects.filter(alt_text=picture["alt"]).first()
            if image is None:
                focal_x, focal_y = picture.get("focal", (50, 50))
                image = Image(alt_text=picture["alt"], caption=picture["caption"], credit=picture["credit"],
                              focal_x=focal_x, focal_y=focal_y, uploaded_by=editor)
                image.file.save(f"demo-{picture['key']}.jpg", ContentFile(hero_jpeg(picture["key"])))
            library[picture["key"]] = image
        return library

    def load_stories(self, sections, authors, editor):
        now = timezone.now().replace(second=0, microsecond=0)
        existing = set(Article.objects.values_list("slug", flat=True))
        library = self.library = self.load_library(editor)
        created = 0
        for data in STORIES:
            if data["slug"] in existing:
                continue
            body = data["body"]
            if data["slug"] in STORY_FIGURES:
                # The library picture after the first paragraph, as the story editor inserts it.
                first, rest = body.split("</p>", 1)
                body = f"{first}</p>{library_figure_html(library[STORY_FIGURES[data['slug']]])}{rest}"
            if data["status"] == "published":
                publish_at = now - timedelta(hours=data["hours"])
            elif data["status"] == "scheduled":
                publish_at = now + timedelta(hours=data["hours"])
            else:
                publish_at = None
            article = Article(
                headline=data["headline"],
                slug=data["slug"],
                standfirst=data["standfirst"],
                body=body,
                section=sections[data["section"]],
                status=STATUS[data["status"]],
                publish_at=publish_at,
                hero=library[SHARED_HEROES.get(data["slug"], data["slug"])],
                created_by=editor,
            )
            article.save()
            Byline.objects.bulk_create(
                Byline(article=article, author=authors[slug], position=position)
                for position, slug in enumerate(data["bylines"])
            )
            article.tags.add(*data["tags"])
            # A demo story was last saved when it went out, not when the demo was loaded.
            Article.objects.filter(pk=article.pk).update(
                created_at=min(publish_at or now, now), updated_at=min(publish_at or now, now)
            )
            record_creation(
                article=article, by=editor, note="Loaded with the demo newsroom.", at=min(publish_at or now, now)
            )
            created += 1
        return created

    def load_workflow_stories(self, sections, authors, users):
        """The demo writer's stories part-way through the workflow (WORKFLOW_STORIES), each
        taken through articles.services as the admin's buttons would: one waiting for review,
        one sent back with the editor's note, one scheduled for later today under embargo."""
        writer, editor = users["writer"], users["editor"]
        existing = set(Article.objects.values_list("slug", flat=True))
        created = 0
        for data in WORKFLOW_STORIES:
            if data["slug"] in existing:
                continue
            article = Article.objects.create(
                headline=data["headline"], slug=data["slug"], standfirst=data["standfirst"], body=data["body"],
                section=sections[data["section"]], status=Article.Status.DRAFT, hero=self.library[data["hero"]],
                created_by=writer, updated_by=writer,
            )
            Byline.objects.create(article=article, author=authors["maya-lindqvist"], position=0)
            article.tags.add(*data["tags"])
            record_creation(article=article, by=writer, note="Loaded with the demo newsroom.")
            services.article_submit(article=article, by=writer)
            if data["step"] == "changes_requested":
                services.article_request_changes(article=article, by=editor, note=data["note"])
            elif data["step"] == "scheduled_today":
                goes_live = later_today()
                article.embargo_until = goes_live  # set on the form before scheduling, as an editor would
                article.save(update_fields=["embargo_until"])
                services.article_schedule(article=article, by=editor, at=goes_live)
            created += 1
        return created

    def load_comments(self):
        """A few approved reader comments, some in threads, on the newest NATO stories."""
        from django.contrib.sites.models import Site

        from comments.models import ReaderComment

        stories = Article.objects.published().filter(tags__name="NATO").order_by("-publish_at")[:3]
        site = Site.objects.get_current()
        for story, thread in zip(stories, DEMO_COMMENTS, strict=False):  # at most 3 stories
            if ReaderComment.objects.for_article(story).exists():
                continue
            made = []
            for minutes, (parent, name, text) in enumerate(thread, start=1):
                made.append(ReaderComment.objects.create(
                    content_object=story,
                    site=site,
                    user_name=name,
                    user_email=f"{name.split()[0].lower()}@readers.invalid",
                    comment=text,
                    # Spread between the story going out and now: never in the future.
                    submit_date=story.publish_at + (timezone.now() - story.publish_at) * minutes / (len(thread) + 1),
                    parent_id=made[parent].pk if parent is not None else 0,
                    is_public=True,
                ))

    def load_moderation(self, moderator):
        """The moderation desk's queues: four comments held by the real rules (a watched word,
        links, a first comment, a reply from a pre-moderated commenter) and a public comment
        with two reader reports. Each is made once (found again by its text)."""
        from django.contrib.sites.models import Site
        from django_comments_xtd.moderation import moderator as comment_moderator

        from comments.models import Commenter, CommentReport, ReaderComment, WatchedWord
        from comments.services import address_digest, commenter_premoderate

        story = Article.objects.published().filter(tags__name="NATO").order_by("-publish_at").first()
        if story is None:
            return
        if not WatchedWord.objects.filter(word__iexact=DEMO_WATCHED_WORD).exists():
            WatchedWord.objects.create(word=DEMO_WATCHED_WORD, action=WatchedWord.Action.HOLD, created_by=moderator)
        email, note = DEMO_PREMODERATED
        if not Commenter.objects.filter(email=email).exists():
            commenter_premoderate(email=email, by=moderator, note=note)

        thread = ReaderComment.objects.for_article(story)
        rules = comment_moderator._registry[Article]
        site = Site.objects.get_current()
        now = timezone.now()
        for minutes, (key, name, address, text) in enumerate(reversed(DEMO_HELD_COMMENTS), start=1):
            if thread.filter(comment=text).exists():
                continue
            parent = thread.visible().filter(user_name=DEMO_HELD_REPLY_TO[key]).first() if key in DEMO_HELD_REPLY_TO else None
            comment = ReaderComment(
                content_object=story, site=site, user_name=name, user_email=address, comment=text,
                submit_date=now - timedelta(minutes=7 * minutes), parent_id=parent.pk if parent else 0,
                ip_address=f"192.0.2.{40 + minutes}",
            )
            held = rules.moderate(comment, story, None)  # stores the reasons with the comment
            comment.is_public = not held
            comment.save()

        name, reports = DEMO_REPORTED
        reported = thread.visible().filter(user_name=name).first()
        for hours, (ip, reason, note) in enumerate(reports, start=1):
            if reported is not None:
                CommentReport.objects.get_or_create(
                    comment=reported, user=None, address_digest=address_digest(ip),
                    defaults={"reason": reason, "note": note, "created_at": now - timedelta(hours=hours)},
                )
