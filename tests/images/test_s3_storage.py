"""Media in object storage: with MEDIA_S3_* set, uploads, renditions and deletions go to an S3
bucket, pages link the bucket's URLs without asking it anything, and application servers in
different working directories serve the same media.

The bucket is moto's standalone S3-compatible server (`moto_server`), started by this module on
127.0.0.1:8121 over plain HTTP.
"""

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from uuid import uuid4

import boto3
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from storages.backends.s3 import S3Storage

from articles.demo_images import hero_jpeg
from images.embed import library_figure_html
from images.models import Image
from images.renditions import planned
from newsroom.settings.base import media_origins, media_storage
from tests.factories import ArticleFactory, ImageFactory

ROOT = Path(__file__).resolve().parents[2]
S3_PORT = 8121
ENDPOINT = f"http://127.0.0.1:{S3_PORT}"
# moto accepts any credentials; these only have to be the same everywhere.
CREDENTIALS = {"MEDIA_S3_ACCESS_KEY_ID": "newsroom-test", "MEDIA_S3_SECRET_ACCESS_KEY": "newsroom-test-secret"}
CHOOSER = {"HTTP_X_IMAGE_CHOOSER": "1"}
URL_IN_PAGE = re.compile(r"(?:src|srcset)=\"([^\"]+)\"")


def _wait_for_port(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server for port {port} exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
        finally:
            connection.close()
    raise RuntimeError(f"nothing answered on port {port} within {timeout} s")


def _stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3-compatible server on 127.0.0.1:8121, for this module's tests."""
    with socket.socket() as probe:  # another server there would answer in its place
        if probe.connect_ex(("127.0.0.1", S3_PORT)) == 0:
            raise RuntimeError(f"port {S3_PORT} is taken: stop what listens there")
    moto_server = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen([str(moto_server), "-H", "127.0.0.1", "-p", str(S3_PORT)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(S3_PORT, process)
        yield ENDPOINT
    finally:
        _stop(process)


@pytest.fixture
def s3(s3_server):
    """A boto3 client of the S3 server, as the operator's tools would see the bucket."""
    return boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1",
                        aws_access_key_id=CREDENTIALS["MEDIA_S3_ACCESS_KEY_ID"],
                        aws_secret_access_key=CREDENTIALS["MEDIA_S3_SECRET_ACCESS_KEY"])


@pytest.fixture
def media_env(s3):
    """The MEDIA_S3_* environment of a new, empty bucket whose objects anyone may read (the
    operator's bucket policy: the site sends no ACL)."""
    bucket = f"media-{uuid4().hex[:12]}"
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}]}))
    return {"MEDIA_S3_BUCKET": bucket, "MEDIA_S3_ENDPOINT_URL": ENDPOINT, "MEDIA_S3_REGION": "us-east-1",
            **CREDENTIALS}


@pytest.fixture
def bucket_media(settings, media_env):
    """The site's media in that bucket, as MEDIA_S3_* configures it; returns the bucket's name."""
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(media_env)}
    return media_env["MEDIA_S3_BUCKET"]


@pytest.fixture
def s3_requests(bucket_media):
    """Every request the site's storage sends to S3, as (method, path), in order."""
    sent = []
    default_storage.connection.meta.client.meta.events.register(
        "before-send.s3", lambda request, **kwargs: sent.append((request.method, request.url.split("?")[0])))
    return sent


@pytest.fixture
def editor_client(client, editor):
    """A client signed in as an editor."""
    client.force_login(editor)
    return client


def keys(s3, bucket):
    return {item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}


def urls_in(page):
    return {part.split()[0] for found in URL_IN_PAGE.findall(page) for part in found.split(",")}


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def jpeg_upload(name="DSC_0001.jpg", size=(800, 600)):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, hero_jpeg(name, size), "image/jpeg")


# The settings -----------------------------------------------------------------------------


def test_without_a_bucket_media_stay_on_the_local_disk_and_the_csp_adds_no_origin():
    assert media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert media_origins({"MEDIA_S3_ENDPOINT_URL": ENDPOINT}) == []


def test_a_bucket_gets_public_unsigned_urls_no_acl_no_overwrite_and_a_years_caching():
    storage = media_storage({"MEDIA_S3_BUCKET": "news-media", "MEDIA_S3_LOCATION": "media", **CREDENTIALS})

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "news-media", "location": "media", "querystring_auth": False, "default_acl": None,
        "file_overwrite": False, "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        "access_key": "newsroom-test", "secret_key": "newsroom-test-secret",
        "custom_domain": "news-media.s3.amazonaws.com", "url_protocol": "https:",
    }


@pytest.mark.parametrize("environ", [
    {"MEDIA_S3_ENDPOINT_URL": ENDPOINT},
    {"MEDIA_S3_ENDPOINT_URL": "https://objects.example.net/", "MEDIA_S3_LOCATION": "site"},
    {"MEDIA_S3_ENDPOINT_URL": ENDPOINT, "MEDIA_S3_CUSTOM_DOMAIN": "media.example.org", "MEDIA_S3_URL_PROTOCOL": "https"},
    {"MEDIA_S3_REGION": "eu-west-2"},
    {},
])
def test_the_csp_allows_the_origin_the_storage_links_files_at(environ):
    """media_origins and django-storages agree, whichever settings name the bucket's address."""
    environ = {"MEDIA_S3_BUCKET": "news-media", **CREDENTIALS, **environ}
    url = S3Storage(**media_storage(environ)["OPTIONS"]).url("images/a.jpg")

    (origin,) = media_origins(environ)
    assert url.startswith(f"{origin}/") and url.endswith("/images/a.jpg")
    # Without a custom domain the link is the one boto3 would give (path style at an endpoint).
    if "MEDIA_S3_CUSTOM_DOMAIN" not in environ and "MEDIA_S3_ENDPOINT_URL" in environ:
        location = environ.get("MEDIA_S3_LOCATION")
        assert url == f"{environ['MEDIA_S3_ENDPOINT_URL'].rstrip('/')}/news-media/{location + '/' if location else ''}images/a.jpg"


def test_an_unknown_url_protocol_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="MEDIA_S3_URL_PROTOCOL"):
        media_storage({"MEDIA_S3_BUCKET": "news-media", "MEDIA_S3_URL_PROTOCOL": "ftp"})


# One application server -------------------------------------------------------------------


@pytest.mark.django_db
def test_an_upload_in_the_admin_lands_in_the_bucket_with_every_rendition(editor_client, bucket_media, s3,
                                                                        s3_requests, settings):
    upload = jpeg_upload()
    response = editor_client.post(reverse("admin:images_image_chooser_upload"),
                                  {"file": upload, "alt_text": "Two cranes"}, **CHOOSER)

    assert response.status_code == 200
    image = Image.objects.get()
    assert keys(s3, bucket_media) == {image.file.name, *(r.name for r in planned(image))}
    stored = s3.get_object(Bucket=bucket_media, Key=image.file.name)
    assert stored["Body"].read() == hero_jpeg("DSC_0001.jpg", (800, 600))
    assert stored["CacheControl"] == "public, max-age=31536000, immutable"
    assert stored["ContentType"] == "image/jpeg"
    assert not (Path(settings.MEDIA_ROOT) / image.file.name).exists()
    # The original: a name check and its upload; each rendition the same; nothing read back.
    assert sorted({method for method, _ in s3_requests}) == ["HEAD", "PUT"]
    assert len(s3_requests) == 2 * (1 + len(planned(image)))


@pytest.mark.django_db
def test_a_story_page_links_the_bucket_and_asks_it_nothing_cold_or_warm(client, bucket_media, s3, s3_requests):
    hero, inline = ImageFactory(size=(1600, 900)), ImageFactory(size=(1000, 600))
    story = ArticleFactory(hero=hero, body=f"<p>One.</p>{library_figure_html(inline)}")
    stored = keys(s3, bucket_media)
    s3_requests.clear()

    cold = client.get(story.get_absolute_url())
    warm = client.get(story.get_absolute_url())

    assert (cold["X-Page-Cache"], warm["X-Page-Cache"]) == ("miss", "hit")
    assert s3_requests == []
    links = {url for url in urls_in(cold.content.decode()) if url.endswith((".jpg", ".webp"))}
    prefix = f"{ENDPOINT}/{bucket_media}/"
    assert links and all(url.startswith(prefix) and url[len(prefix):] in stored for url in links)
    assert {hero.rendition("original").url, inline.rendition("original").url} <= links
    assert fetch(hero.rendition("social").url)[:3] == b"\xff\xd8\xff"  # a JPEG, from the bucket


@pytest.mark.django_db
def test_deleting_an_image_in_the_admin_deletes_its_file_and_renditions_from_the_bucket(
        editor_client, bucket_media, s3, django_capture_on_commit_callbacks):
    image, kept = ImageFactory(), ImageFactory()
    assert len(keys(s3, bucket_media)) == 2 * (1 + len(planned(image)))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = editor_client.post(reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"})
    assert response.status_code == 302 and len(keys(s3, bucket_media)) == 2 * (1 + len(planned(image)))
    for callback in callbacks:  # the deletion commits
        callback()

    assert keys(s3, bucket_media) == {kept.file.name, *(r.name for r in planned(kept))}


@pytest.mark.django_db
def test_a_deletion_rolled_back_keeps_the_files(bucket_media, s3, django_capture_on_commit_callbacks):
    image = ImageFactory()
    before = keys(s3, bucket_media)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image.delete()
    # The test's transaction is rolled back: the callbacks are never run.

    assert len(callbacks) == 1 and keys(s3, bucket_media) == before


# Two application servers -------------------------------------------------------------------

SEED = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore

user = get_user_model().objects.create_user("photodesk", "photodesk@example.org", is_staff=True)
user.groups.add(Group.objects.get(name="Editor"))
store = SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
print(json.dumps({"session": store.session_key}))
"""

STORY = """
import json, sys
from django.utils import timezone
from articles.models import Article, Author, Byline, Section
from images.models import Image

image = Image.objects.get()
section = Section.objects.create(name="Harbour", slug="harbour")
story = Article.objects.create(
    headline="Cranes come down", slug="cranes-come-down", section=section, hero=image,
    standfirst="The last two cranes left the quay.", body="<p>They went by barge.</p>",
    status=Article.Status.PUBLISHED, publish_at=timezone.now() - timezone.timedelta(hours=1),
)
Byline.objects.create(article=story, author=Author.objects.create(name="Ada Holm", slug="ada-holm"), position=1)
print(json.dumps({"path": story.get_absolute_url(), "file": image.file.name}))
"""


def _multipart(fields, files):
    boundary = uuid4().hex
    body = b""
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    for name, (filename, content, content_type) in files.items():
        body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                 f"Content-Type: {content_type}\r\n\r\n").encode() + content + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class AppServer:
    """`manage.py runserver` of this checkout, started in its own working directory."""

    def __init__(self, port, env):
        self.port, self.env = port, env
        self.cwd = tempfile.mkdtemp(prefix=f"newsroom-app-{port}-")
        self.process = None

    def manage(self, *args, stdin=None):
        result = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=self.cwd, env=self.env,
                                input=stdin, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def shell(self, code):
        """Run `code` in `manage.py shell`; returns the JSON it printed last."""
        return json.loads(self.manage("shell", stdin=code).strip().splitlines()[-1])

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=self.cwd, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for_port(self.port, self.process, timeout=60)

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            connection.close()


@pytest.fixture
def app_servers(media_env, tmp_path):
    """Two application servers on 127.0.0.1:8122 and :8123, each in its own temporary working
    directory, sharing one SQLite file and the bucket (MEDIA_S3_*)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDIA_", "DJANGO_", "DATABASE_"))}
    env.update(media_env, DJANGO_SETTINGS_MODULE="newsroom.settings.test",
               DATABASE_URL=f"sqlite:///{tmp_path / 'newsroom.sqlite3'}")
    servers = [AppServer(8122, env), AppServer(8123, env)]
    servers[0].manage("migrate", "--noinput")
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            if server.process:
                _stop(server.process)
            shutil.rmtree(server.cwd, ignore_errors=True)


def test_an_image_uploaded_through_one_server_is_served_by_the_other(app_servers, media_env, s3):
    first, second = app_servers
    assert first.cwd != second.cwd
    session = first.shell(SEED)["session"]
    token = uuid4().hex  # CSRF: the cookie and the header agree
    cookies = f"sessionid={session}; csrftoken={token}"
    original = hero_jpeg("two-servers", (1200, 800))
    body, content_type = _multipart({"alt_text": "Two cranes on a barge"},
                                    {"file": ("cranes.jpg", original, "image/jpeg")})

    status, _, _ = first.request("POST", reverse("admin:images_image_chooser_upload"), body, {
        "Cookie": cookies, "X-CSRFToken": token, "Content-Type": content_type, "X-Image-Chooser": "1",
        "Referer": f"http://127.0.0.1:{first.port}/admin/", "Host": f"127.0.0.1:{first.port}"})
    assert status == 200
    story = second.shell(STORY)

    pages = [server.request("GET", story["path"], headers={"Host": f"127.0.0.1:{server.port}"})
             for server in app_servers]
    (status_1, headers_1, page_1), (status_2, headers_2, page_2) = pages
    assert status_1 == status_2 == 200
    links = {url for url in urls_in(page_1) if url.endswith((".jpg", ".webp"))}
    assert links and links == {url for url in urls_in(page_2) if url.endswith((".jpg", ".webp"))}
    bucket = media_env["MEDIA_S3_BUCKET"]
    prefix = f"{ENDPOINT}/{bucket}/"
    stored = keys(s3, bucket)
    assert story["file"] in stored and all(url[len(prefix):] in stored for url in links)
    assert fetch(f"{prefix}{story['file']}") == original
    assert all(fetch(url) for url in links)
    for headers in (headers_1, headers_2):
        img_src = re.search(r"img-src ([^;]*)", headers["Content-Security-Policy"]).group(1).split()
        assert ENDPOINT in img_src


@pytest.mark.django_db
def test_the_feed_gives_each_heros_size_without_asking_the_bucket(client, bucket_media, s3_requests):
    stories = [ArticleFactory(hero=ImageFactory()) for _ in range(3)]
    s3_requests.clear()

    feed = client.get(reverse("articles:feed")).content.decode()

    assert s3_requests == []
    for story in stories:
        size = default_storage.size(story.hero.file.name)
        assert f'<enclosure length="{size}" type="image/jpeg" url="{story.hero.file.url}"' in feed
