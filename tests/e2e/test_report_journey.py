import pytest
from playwright.sync_api import expect

from comments.models import CommentReport
from tests.factories import ArticleFactory, CommentFactory


@pytest.mark.django_db(transaction=True)
def test_an_anonymous_reader_reports_a_comment_by_keyboard_and_is_thanked(live_server, page):
    story = ArticleFactory(headline="Ferry timetable changes from May")
    comment = CommentFactory(content_object=story, user_name="Loud Larry", comment="Buy cheap watches at my shop!")

    page.goto(live_server.url + story.get_absolute_url())
    page.get_by_role("link", name="Report the comment by Loud Larry").click()
    expect(page.get_by_role("heading", name="Report this comment")).to_be_visible()
    expect(page.get_by_text("Buy cheap watches at my shop!")).to_be_visible()

    # Other without a note: the form says what is missing and keeps the choice.
    page.get_by_role("radio", name="Spam").focus()
    page.keyboard.press("Space")
    for _ in range(3):  # arrow keys move the choice: Abuse or harassment, Off-topic, Other
        page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Other")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Anything a moderator should know")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Please say in a few words what is wrong with this comment.")
    expect(page.get_by_role("radio", name="Other")).to_be_checked()
    assert not CommentReport.objects.exists()

    page.get_by_label("Anything a moderator should know").focus()
    page.keyboard.type("An advert, not a comment on the story.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Report sent")).to_be_visible()
    expect(page.get_by_text("Thank you: a moderator will look at it.")).to_be_visible()
    report = CommentReport.objects.get()
    assert (report.comment_id, report.reason, report.note, report.user) == (
        comment.pk, "other", "An advert, not a comment on the story.", None)
    page.get_by_role("link", name="Back to the comment").click()
    expect(page.get_by_text("Buy cheap watches at my shop!")).to_be_visible()  # one report does not hide it
