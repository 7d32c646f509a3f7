"""A case summary someone typed shows as text: no pictures or links that reach another server."""

from werkboek.markup import user_markdown_html


def test_a_case_summary_renders_no_images_or_outside_links_and_no_raw_html():
    shown = user_markdown_html(
        "Zie ![foto](https://tracker.example/p.png) en [dit](https://elders.example) "
        "**samen** <img src=https://tracker.example/q.png>"
    )
    assert "tracker.example/p.png" not in shown and "elders.example" not in shown
    assert "<img" not in shown and "<a " not in shown
    assert "foto" in shown and "dit" in shown and "<strong>samen</strong>" in shown
    assert "&lt;img" in shown  # typed HTML is shown as text
