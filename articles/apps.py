from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


def apply_site_domain(sender, using="default", **kwargs):
    """Keep the Sites framework's domain equal to settings.SITE_DOMAIN.

    Links in emails and feeds are built from Site.domain; the default
    "example.com" would send readers nowhere.
    """
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME}
    )
    Site.objects.clear_cache()


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self):
        from . import signals  # noqa: F401  (cache invalidation receivers)
        from .search import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="articles.sqlite_search_functions")

        post_migrate.connect(apply_site_domain, sender=self, dispatch_uid="articles.apply_site_domain")
        from .roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="articles.sync_roles")
