from django.db import migrations


class Migration(migrations.Migration):
    """The hero's fields moved into the image library (0005)."""

    dependencies = [
        ('articles', '0006_hero_images_into_library'),
    ]

    operations = [
        migrations.RemoveField(model_name='article', name='hero_alt'),
        migrations.RemoveField(model_name='article', name='hero_caption'),
        migrations.RemoveField(model_name='article', name='hero_credit'),
        migrations.RemoveField(model_name='article', name='hero_decorative'),
        migrations.RemoveField(model_name='article', name='hero_height'),
        migrations.RemoveField(model_name='article', name='hero_image'),
        migrations.RemoveField(model_name='article', name='hero_width'),
    ]
