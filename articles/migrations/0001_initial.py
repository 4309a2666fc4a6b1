"""The articles app's schema in one migration (issue 13: it replaces the migrations made while
building the first version, which was never released).

Article's fields are listed in the order of its columns in a database built by those
migrations, so that a database made either way has the same schema, column for column.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
import taggit.managers
from django.conf import settings
from django.db import migrations, models

import images.validators


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Section',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=80, unique=True)),
                ('slug', models.SlugField(max_length=80, unique=True)),
                ('description', models.TextField(blank=True)),
                ('position', models.PositiveSmallIntegerField(default=0, help_text="Order in the site's navigation: lower comes first.")),
                ('comment_mode', models.CharField(choices=[('open', 'Open'), ('premoderated', 'Pre-moderated (every comment held)'), ('closed', 'Closed')], default='open', help_text='Default comment mode for stories in this section.', max_length=20)),
            ],
            options={
                'ordering': ['position', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Article',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('headline', models.CharField(max_length=200)),
                ('slug', models.SlugField(max_length=200, unique=True)),
                ('standfirst', models.TextField(help_text='The one- or two-sentence summary under the headline.', max_length=400)),
                ('body', models.TextField(blank=True, help_text='HTML. Paragraphs, h2/h3, quotes, lists, links, bold, italic and figures are kept; everything else is removed when the story is saved.')),
                ('hero_image', models.ImageField(blank=True, height_field='hero_height', upload_to='heroes/%Y/%m/', validators=[images.validators.validate_image_upload], width_field='hero_width')),
                ('hero_width', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ('hero_height', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ('hero_alt', models.CharField(blank=True, help_text='What the picture shows, for readers who cannot see it.', max_length=250, verbose_name='hero image alt text')),
                ('hero_caption', models.CharField(blank=True, max_length=300)),
                ('hero_credit', models.CharField(blank=True, max_length=120)),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('changes_requested', 'Changes requested'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], default='draft', max_length=20)),
                ('publish_at', models.DateTimeField(blank=True, help_text='An article is public when its status is Published and its publish time has passed.', null=True, verbose_name='publish time')),
                ('embargo_until', models.DateTimeField(blank=True, help_text='Until this time the story stays out of every public page, even when Published.', null=True)),
                ('comment_mode', models.CharField(blank=True, choices=[('open', 'Open'), ('premoderated', 'Pre-moderated (every comment held)'), ('closed', 'Closed')], help_text="Leave blank to use the section's comment mode.", max_length=20)),
                ('comments_close_after_days', models.PositiveSmallIntegerField(blank=True, help_text="Comments close this many days after publishing. Leave blank for the site's default.", null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('section', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='articles', to='articles.section')),
                ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
                ('hero_decorative', models.BooleanField(default=False, help_text='Tick only when the picture adds nothing for a reader who cannot see it; otherwise alt text is required.', verbose_name='hero image is decorative')),
                ('excluded_related', models.ManyToManyField(blank=True, help_text='Stories that must never appear in this story\'s "Read more", whatever their tags.', related_name='+', to='articles.article', verbose_name='never in Read more')),
            ],
            options={
                'ordering': ['-publish_at', '-pk'],
                'permissions': [('edit_any_article', "Can edit any writer's story"), ('submit_article', 'Can submit stories for review'), ('request_changes_article', 'Can send stories back to their writer'), ('approve_article', 'Can approve stories in review'), ('publish_article', 'Can publish stories'), ('schedule_article', 'Can schedule stories'), ('withdraw_article', 'Can withdraw stories'), ('view_history_article', "Can see and compare a story's revisions"), ('revert_article', 'Can revert a story to an earlier revision')],
            },
        ),
        migrations.CreateModel(
            name='ArticleEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('created', 'Created'), ('submitted', 'Submitted for review'), ('changes_requested', 'Changes requested'), ('approved', 'Approved'), ('published', 'Published'), ('scheduled', 'Scheduled'), ('withdrawn', 'Withdrawn'), ('corrected', 'Correction added'), ('reverted', 'Reverted to an earlier revision')], max_length=30)),
                ('from_status', models.CharField(blank=True, choices=[('draft', 'Draft'), ('in_review', 'In review'), ('changes_requested', 'Changes requested'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], max_length=20)),
                ('to_status', models.CharField(blank=True, choices=[('draft', 'Draft'), ('in_review', 'In review'), ('changes_requested', 'Changes requested'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], max_length=20)),
                ('note', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='articles.article')),
            ],
            options={
                'verbose_name': 'workflow event',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Author',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120, verbose_name='display name')),
                ('slug', models.SlugField(max_length=120, unique=True)),
                ('bio', models.TextField(blank=True, verbose_name='short bio')),
                ('photo', models.ImageField(blank=True, upload_to='authors/', validators=[images.validators.validate_image_upload])),
                ('user', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='author_profile', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Byline',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bylines', to='articles.article')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='bylines', to='articles.author')),
            ],
            options={
                'ordering': ['position', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='article',
            name='authors',
            field=models.ManyToManyField(related_name='articles', through='articles.Byline', to='articles.author'),
        ),
        migrations.CreateModel(
            name='Correction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(help_text='What was wrong and what is right now, as readers will read it.')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='articles.article')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='RelatedPin',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='related_pins', to='articles.article')),
                ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pinned_in', to='articles.article', verbose_name='story')),
            ],
            options={
                'verbose_name': 'pinned story',
                'ordering': ['position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Tag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                ('slug', models.SlugField(allow_unicode=True, max_length=100, unique=True, verbose_name='slug')),
            ],
            options={
                'ordering': ['name'],
                'constraints': [models.UniqueConstraint(django.db.models.functions.text.Lower('name'), name='articles_tag_name_ci_unique')],
            },
        ),
        migrations.CreateModel(
            name='TaggedArticle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content_object', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tagged_items', to='articles.article')),
                ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tagged_articles', to='articles.tag')),
            ],
        ),
        migrations.AddField(
            model_name='article',
            name='tags',
            field=taggit.managers.TaggableManager(blank=True, help_text='A comma-separated list of tags.', through='articles.TaggedArticle', to='articles.Tag', verbose_name='Tags'),
        ),
        migrations.AddConstraint(
            model_name='byline',
            constraint=models.UniqueConstraint(fields=('article', 'author'), name='articles_byline_unique_author'),
        ),
        migrations.AddConstraint(
            model_name='relatedpin',
            constraint=models.UniqueConstraint(fields=('article', 'target'), name='articles_relatedpin_unique_target'),
        ),
        migrations.AddConstraint(
            model_name='relatedpin',
            constraint=models.CheckConstraint(condition=models.Q(('article', models.F('target')), _negated=True), name='articles_relatedpin_not_self'),
        ),
        migrations.AddIndex(
            model_name='taggedarticle',
            index=models.Index(fields=['tag', 'content_object'], name='taggedarticle_tag_story'),
        ),
        migrations.AddConstraint(
            model_name='taggedarticle',
            constraint=models.UniqueConstraint(fields=('content_object', 'tag'), name='articles_taggedarticle_unique'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['status', 'publish_at'], name='article_status_publish'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['section', 'status', 'publish_at'], name='article_section_publish'),
        ),
    ]
