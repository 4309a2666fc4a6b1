"""The moderation desk in Chromium: by keyboard alone, at 390 px, and without JavaScript."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Commenter, ModerationDecision, ModerationReason, ReaderComment, WatchedWord
from tests.factories import ArticleFactory, CommentFactory

DESK = "/admin/comments/moderation/"
Reason = ModerationReason.Code


def sign_in(page, live_server, user):
    page.goto(live_server.url + DESK)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw")  # UserFactory's password
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Moderation desk", level=1)).to_be_visible()
    page.wait_for_load_state("load")  # styles and scripts in place before anything is measured or pressed


def queue_of_five(story):
    """Five held comments, the riskiest first in the queue: Ana, Ben, Chloé, Dev, Eli."""
    WatchedWord.objects.create(word="casino")
    now = timezone.now()
    comments = []
    for n, (name, text, codes) in enumerate([
        ("Ana", "Best casino bonus here", [Reason.WATCHED_WORD, Reason.LINKS]),
        ("Ben", "Win at the casino tonight", [Reason.WATCHED_WORD]),
        ("Chloé", "The harbour plan forgets cyclists.", [Reason.LINKS]),
        ("Dev", "Will the ferry timetable change?", []),
        ("Eli", "Good to see the council listen.", []),
    ]):
        comment = CommentFactory(content_object=story, is_public=False, user_name=name, comment=text,
                                 user_email=f"{name.lower()}@example.org", ip_address=f"192.0.2.{n + 10}",
                                 submit_date=now - timedelta(minutes=10 - n))
        for code in codes:
            ModerationReason.objects.create(comment=comment, code=code)
        comments.append(comment)
    return comments


def expect_focus_on(page, comment):
    """Wait until the keyboard focus is in the card of `comment`."""
    page.wait_for_function(
        "id => document.activeElement?.closest('[data-card]')?.id === id", arg=f"card-{comment.pk}", timeout=5000
    )


@pytest.mark.django_db(transaction=True)
def test_a_moderator_clears_a_queue_by_keyboard_removes_undoes_and_bans(live_server, page, browser, moderator):
    story = ArticleFactory(headline="Harbour plan unveiled")
    ana, ben, chloe, dev, eli = queue_of_five(story)
    sign_in(page, live_server, moderator)
    announce = page.locator("#desk-announce")

    # The riskiest comment comes first, with its card focused; ? lists the shortcuts.
    cards = page.locator("article[data-card]")
    expect(cards).to_have_count(5)
    expect(cards.first.get_by_role("heading")).to_have_text("Comment by Ana")
    expect(cards.first.locator("mark").first).to_have_text("casino")
    expect_focus_on(page, ana)
    page.keyboard.press("?")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_be_visible()
    for key, does in [("j", "Next comment"), ("a", "Approve the comment"), ("u", "Undo your last decision")]:
        expect(help_dialog.get_by_role("row").filter(has_text=does).locator("kbd")).to_have_text(key)
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()

    # j and k move between cards.
    page.keyboard.press("j")
    expect_focus_on(page, ben)
    page.keyboard.press("k")
    expect_focus_on(page, ana)

    # Ban Ana first (by email and address), from her card's own buttons, by keyboard.
    cards.first.get_by_label("a ban also covers the address 192.0.2.10").check()
    cards.first.get_by_role("button", name="Ban ana@example.org").press("Enter")
    expect(announce).to_contain_text("Banned: ana@example.org and the address 192.0.2.10")
    assert Commenter.objects.get(email="ana@example.org").status == Commenter.Status.BANNED
    expect_focus_on(page, ana)  # her card, updated in place, once htmx has settled it

    # Remove Ana's comment: r opens the reasons, an arrow picks one, Enter confirms (3 keys).
    page.locator(f"#card-{ana.pk}").focus()
    page.keyboard.press("r")
    expect(page.get_by_role("group", name="Why remove the comment by Ana?")).to_be_visible()
    page.keyboard.press("ArrowDown")  # the second reason: abuse or harassment
    page.keyboard.press("Enter")
    expect(announce).to_have_text("Removed comment by Ana. 4 left.")
    assert ModerationDecision.objects.get(comment=ana).reason == "abuse"
    expect_focus_on(page, ben)  # the focus moved on

    # u undoes it: Ana's comment is back in Pending, as it was (not public, not removed).
    page.keyboard.press("u")
    expect(announce).to_have_text("Undone: the comment by Ana is back where it was. 5 left.")
    ana.refresh_from_db()
    assert (ana.is_public, ana.is_removed) == (False, False)
    expect(page.locator(f"#card-{ana.pk}")).not_to_have_attribute("data-decided", "")
    expect_focus_on(page, ana)

    # Keys typed in a field do nothing.
    page.keyboard.press("r")
    note = page.locator(f"#remove-{ana.pk}").get_by_label("Note (optional)")
    expect(note).to_be_visible()
    note.focus()
    page.keyboard.type("a j u")
    expect(note).to_have_value("a j u")
    expect(announce).to_have_text("Undone: the comment by Ana is back where it was. 5 left.")
    page.keyboard.press("Escape")  # closes the reasons
    expect(note).to_be_hidden()

    # Then the queue is cleared: one key a decision, the focus moving on each time.
    page.locator(f"#card-{ana.pk}").focus()
    for left, name in [(4, "Ana"), (3, "Ben"), (2, "Chloé"), (1, "Dev"), (0, "Eli")]:
        page.keyboard.press("a")
        expect(announce).to_have_text(f"Approved comment by {name}. {left} left.")
    expect(page.locator("#desk-queues a[aria-current=page] .desk-count")).to_have_text("0")
    assert ReaderComment.objects.pending().count() == 0

    # Ana is banned: her next comment is refused.
    reader = browser.new_context().new_page()
    reader.goto(live_server.url + story.get_absolute_url())
    reader.get_by_role("textbox", name="Your comment").fill("Another bonus for you")
    reader.get_by_label("Your name").fill("Ana")
    reader.get_by_label("Your email address").fill("ana@example.org")
    reader.get_by_role("button", name="Send comment").click()
    expect(reader.get_by_text("You can no longer comment on this site.")).to_be_visible()
    assert not ReaderComment.objects.filter(comment="Another bonus for you").exists()
    reader.context.close()


@pytest.mark.django_db(transaction=True)
def test_at_390_px_cards_stack_and_buttons_are_big_enough_to_tap(live_server, browser, moderator):
    # A long headline: the story filter lists it whole, and must still fit the screen.
    story = ArticleFactory(headline="Harbour plan unveiled after a winter of public meetings on the waterfront")
    queue_of_five(story)
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    sign_in(page, live_server, moderator)

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    boxes = page.evaluate("""[...document.querySelectorAll('article[data-card]')].map(card => {
        const box = card.getBoundingClientRect();
        return {x: box.left, y: box.top + window.scrollY, width: box.width, height: box.height};
    })""")  # in the page's coordinates, all at once
    assert len(boxes) == 5
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= 390 for box in boxes)
    assert all(earlier["y"] + earlier["height"] <= later["y"] for earlier, later in zip(boxes, boxes[1:], strict=False))
    targets = page.evaluate("""[...document.querySelectorAll('article[data-card] button, #desk-queues a')]
        .filter(target => target.offsetParent !== null)
        .map(target => ({name: target.textContent.trim(), ...target.getBoundingClientRect().toJSON()}))""")
    assert len(targets) >= 5 * 5 + 4  # approve, remove, trust, pre-moderate, ban on each card; the queues
    for target in targets:
        assert target["height"] >= 44 and target["width"] >= 44, target["name"]

    # Tapping works as well as keys.
    page.locator("article[data-card]").first.get_by_role("button", name="Approve comment by Ana").tap()
    expect(page.locator("#desk-announce")).to_have_text("Approved comment by Ana. 4 left.")
    context.close()


@pytest.mark.django_db(transaction=True)
def test_without_javascript_every_decision_is_a_form_and_a_redirect(live_server, browser, moderator):
    story = ArticleFactory(headline="Harbour plan unveiled")
    ana, ben, *_ = queue_of_five(story)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, moderator)

    card = page.locator(f"#card-{ana.pk}")
    card.get_by_label("spam").check()
    card.get_by_label("Note (optional)").fill("Casino ads")
    card.get_by_role("button", name="Remove comment by Ana").click()
    expect(page.get_by_text("Removed comment by Ana. 4 left.")).to_be_visible()
    expect(page.locator(f"#card-{ana.pk}")).to_have_count(0)

    page.get_by_role("button", name="Undo your last decision").click()
    expect(page.get_by_text("Undone: the comment by Ana is back where it was. 5 left.")).to_be_visible()
    page.locator(f"#card-{ben.pk}").get_by_role("button", name="Approve comment by Ben").click()
    expect(page.get_by_text("Approved comment by Ben. 4 left.")).to_be_visible()
    assert list(ModerationDecision.objects.order_by("pk").values_list("action", flat=True)) == [
        "removed", "undone", "approved",
    ]
    context.close()
