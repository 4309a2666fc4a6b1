"""The newsroom's roles (groups) and their exact permissions: defined here and nowhere else.

No migration creates them. After every migrate (and every test flush, which empties the
tables) `sync_roles` creates any missing group and sets each one to exactly the permissions
below, so a permission added to a role in the admin is taken away again; the Administrator
group gets every permission, including those of apps added later. README, "Editorial
workflow", says in words what each role may do.
"""

# Stories and what hangs off them, as a writer and an editor both work on them.
_STORY_DESK = [
    "articles.add_article", "articles.change_article", "articles.view_article",
    "articles.add_byline", "articles.change_byline", "articles.delete_byline", "articles.view_byline",
    "articles.add_taggedarticle", "articles.change_taggedarticle", "articles.delete_taggedarticle",
    "articles.view_taggedarticle",
    "articles.add_tag", "articles.view_tag", "articles.view_section", "articles.view_author",
    # The image library: both upload pictures and edit their alt text, caption, credit and focal point.
    "images.add_image", "images.change_image", "images.view_image",
]

ROLES = {
    "Writer": [
        *_STORY_DESK,
        # The editorial workflow: writers submit their own stories for review.
        "articles.submit_article",
        # "Read more": writers see the editors' pins.
        "articles.view_relatedpin",
    ],
    "Editor": [
        *_STORY_DESK,
        "articles.delete_article",
        # Editors also delete tags: merging tags (TagAdmin's action) deletes the merged ones.
        "articles.change_tag", "articles.delete_tag",
        "articles.add_section", "articles.change_section",
        "articles.add_author", "articles.change_author",
        # The editorial workflow (articles.services): any story, every step, corrections, revisions.
        "articles.edit_any_article", "articles.submit_article", "articles.request_changes_article",
        "articles.approve_article", "articles.publish_article", "articles.schedule_article",
        "articles.withdraw_article", "articles.view_history_article", "articles.revert_article",
        "articles.add_correction", "articles.view_correction", "articles.view_articleevent",
        # "Read more": editors pin stories.
        "articles.add_relatedpin", "articles.change_relatedpin", "articles.delete_relatedpin",
        "articles.view_relatedpin",
        # The image library: editors also delete pictures no story uses.
        "images.delete_image",
    ],
    "Moderator": [
        # Comments only: the moderation queue (django-comments-xtd's models and our proxy).
        "django_comments.can_moderate", "django_comments.change_comment", "django_comments.view_comment",
        "django_comments.view_commentflag",
        "django_comments_xtd.change_xtdcomment", "django_comments_xtd.view_xtdcomment",
        "comments.view_readercomment", "comments.change_readercomment",
        "comments.view_moderationreason", "comments.view_moderationdecision",
        # The moderation and block lists.
        "comments.add_watchedword", "comments.change_watchedword", "comments.delete_watchedword",
        "comments.view_watchedword",
    ],
}

# Holds every permission there is.
ADMINISTRATOR = "Administrator"


def sync_roles(using="default"):
    """Create the role groups if missing and give each exactly its permissions.

    A code in ROLES without a permission in the database is a KeyError: a typo or a removed
    model fails the migrate instead of leaving a role short of a permission.
    """
    from django.contrib.auth.models import Group, Permission

    permissions = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for name, codes in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set([permissions[code] for code in codes])
    administrator, _ = Group.objects.using(using).get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(list(permissions.values()))


def sync_roles_after_migrate(sender, using="default", **kwargs):
    """post_migrate is sent once per app that has models, in INSTALLED_APPS order
    (django.core.management.sql.emit_post_migrate_signal); act on the last one, when every
    app's permissions exist."""
    from django.apps import apps

    last = [app_config for app_config in apps.get_app_configs() if app_config.models_module is not None][-1]
    if sender.name == last.name:
        sync_roles(using=using)
