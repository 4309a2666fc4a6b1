from django.core.files.storage import default_storage
from django.db import migrations, models


def record_file_sizes(apps, schema_editor):
    """The size of every stored original; 0 where the file is missing (the feeds then ask the
    storage, and leave the enclosure out)."""
    Image = apps.get_model("images", "Image")
    for image in Image.objects.using(schema_editor.connection.alias).exclude(file="").only("pk", "file").iterator():
        try:
            size = default_storage.size(image.file.name)
        except OSError:
            continue
        Image.objects.using(schema_editor.connection.alias).filter(pk=image.pk).update(file_size=size)


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="image",
            name="file_size",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(record_file_sizes, migrations.RunPython.noop),
    ]
