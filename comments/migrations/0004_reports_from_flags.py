"""Reader reports were django-contrib-comments' SUGGEST_REMOVAL flags (signed-in readers
only, no reason): copy each into a CommentReport with the reason "other", at the time it
was made, so open report counts stay the same. The flags themselves are left as they were."""

from django.db import migrations

SUGGEST_REMOVAL = "removal suggestion"  # django_comments.models.CommentFlag.SUGGEST_REMOVAL
NOTE = "Reported before readers were asked for a reason."


def copy_flags(apps, schema_editor):
    CommentFlag = apps.get_model("django_comments", "CommentFlag")
    CommentReport = apps.get_model("comments", "CommentReport")
    XtdComment = apps.get_model("django_comments_xtd", "XtdComment")
    flags = CommentFlag.objects.filter(
        flag=SUGGEST_REMOVAL, comment_id__in=XtdComment.objects.values("pk")
    ).values_list("comment_id", "user_id", "flag_date")
    CommentReport.objects.bulk_create(
        [
            CommentReport(comment_id=comment_id, user_id=user_id, reason="other", note=NOTE, created_at=flag_date)
            for comment_id, user_id, flag_date in flags.iterator()
        ],
        batch_size=500,
        ignore_conflicts=True,
    )


def remove_copies(apps, schema_editor):
    apps.get_model("comments", "CommentReport").objects.filter(note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_commenters_and_reports"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
    ]

    operations = [migrations.RunPython(copy_flags, remove_copies)]
