import pytest

from tests.factories import ArticleFactory, CommentFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_public_and_admin_pages_run_under_the_csp_without_violations(live_server, page):
    story = ArticleFactory(tags=["NATO"])
    CommentFactory(content_object=story, is_public=False, user_name="Held", comment="Waiting at the desk.")
    UserFactory(username="chief", is_staff=True, is_superuser=True)
    violations = []
    page.on(
        "console",
        lambda message: violations.append((page.url, message.text)) if "Content Security Policy" in message.text else None,
    )

    public = ["/", story.get_absolute_url(), story.section.get_absolute_url(), "/tag/nato/",
              story.byline_authors[0].get_absolute_url(), "/no-such-page/"]
    for path in public:
        page.goto(live_server.url + path)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    for path in ["/admin/", "/admin/articles/article/", "/admin/articles/article/add/",
                 f"/admin/articles/article/{story.pk}/change/", "/admin/comments/moderation/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    # The moderation desk's htmx swaps (an approval by keyboard) stay within the policy too.
    page.keyboard.press("a")
    page.get_by_text("Approved comment by Held. 0 left.").first.wait_for()
    page.goto(live_server.url + f"/admin/articles/article/{story.pk}/change/")

    assert page.get_by_role("heading", name="Change article").is_visible()
    assert violations == []
