import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_story_autosave'),
        ('images', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='hero',
            field=models.ForeignKey(blank=True, help_text='A picture from the image library, shown above the story and on its cards.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='hero_of', to='images.image', verbose_name='hero image'),
        ),
        migrations.CreateModel(
            name='ImageUse',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('hero', 'Hero'), ('body', 'In the text')], max_length=10)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='image_uses', to='articles.article')),
                ('image', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='uses', to='images.image')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('article', 'image', 'role'), name='articles_imageuse_unique')],
            },
        ),
    ]
