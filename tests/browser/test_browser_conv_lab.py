"""The Convolution lab in a real browser: step through the lesson's example and read the pooled map."""

import re

from playwright.sync_api import expect

from tools.app_server import open_page, wait_for_idle


def pool_arithmetic(page) -> str:
    return page.locator('[data-testid="stCode"]').last.inner_text().strip()


def pooled_cells(page) -> list[str]:
    """The numbers written in the pooled map's cells (plotly draws them as SVG text)."""
    texts = page.locator(".st-key-pool_fig_output g.heatmaplayer text")
    return [t.strip() for t in texts.all_text_contents() if t.strip()]


def test_lesson_example_pools_to_4_3_4_3(page, app_url):
    open_page(page, app_url, "conv_lab")
    assert page.get_by_role("heading", name="Convolution lab").is_visible()
    # Convolution: step forward once; the identity kernel copies the grid's second value, 2.
    page.locator(".st-key-conv_forward button").click()
    wait_for_idle(page)
    assert page.locator('[data-testid="stCode"]').first.inner_text().strip().endswith("= 2")

    pooled = []
    for step in range(4):
        if step:
            page.locator(".st-key-pool_forward button").click()
            wait_for_idle(page)
            page.wait_for_function(
                "n => [...document.querySelectorAll('.st-key-pool_fig_output g.heatmaplayer text')]"
                ".filter(t => t.textContent.trim()).length >= n", arg=step + 1)
        pooled.append(pool_arithmetic(page).rsplit("= ", 1)[1])
    assert pooled == ["4", "3", "4", "3"]
    assert pooled_cells(page) == ["4", "3", "4", "3"]
    assert page.get_by_text("Step 4 of 4").is_visible()


def test_play_moves_through_the_steps_on_its_own(page, app_url):
    open_page(page, app_url, "conv_lab")
    step = page.locator(".st-key-conv_step input[type=range]")
    assert step.input_value() == "1"
    page.locator(".st-key-conv_play button").click()
    page.wait_for_function(
        "() => Number(document.querySelector('.st-key-conv_step input[type=range]').value) >= 3",
        timeout=30_000)
    page.locator(".st-key-conv_play button").click()  # pause
    wait_for_idle(page)
    stopped_at = int(step.input_value())
    page.wait_for_timeout(2500)
    assert int(step.input_value()) == stopped_at


def test_typing_a_bad_cell_explains_it_and_fixing_it_recovers(page, app_url):
    open_page(page, app_url, "conv_lab")
    page.get_by_text("My own grid", exact=True).click()
    wait_for_idle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    header = row_height = 35  # the grid editor's default header and row heights (px)

    def type_into(row: int, col: int, text: str) -> None:
        """Select the cell, open its text box with Enter, replace the text, commit with Enter."""
        page.mouse.click(box["x"] + box["width"] * (col - 0.5) / 5, box["y"] + header + row_height * (row - 0.5))
        page.keyboard.press("Enter")
        editor = page.locator("textarea.gdg-input")
        editor.fill(text)
        editor.press("Enter")
        page.wait_for_timeout(500)
        wait_for_idle(page)

    type_into(2, 3, "abc")
    alert = page.locator('[data-testid="stAlert"]')
    expect(alert.first).to_contain_text("Row 2, column 3: “abc” is not a number", timeout=20_000)
    assert page.locator('[data-testid="stCode"]').count() == 0
    type_into(2, 3, "9")
    expect(alert).to_have_count(0, timeout=20_000)
    # The 9 now wins the first 3x3 pooling window.
    expect(page.locator('[data-testid="stCode"]').last).to_have_text(re.compile(r"= 9\s*$"))
