"""Built-in text tables of the overlays: clickbait captions and panel colours, and the names, captions and chat
lines procedural screenshot frames draw from."""

from __future__ import annotations

#: default phrases of overlay_random_text_with_background (multiaug's own list)
CLICKBAIT_PHRASES = (
    "You won't believe what happened next", "This changes everything", "Doctors hate this trick",
    "Wait for it...", "Nobody expected this", "The truth finally revealed", "Watch till the end",
    "This is not a drill", "Only 1% will notice this", "Share before it's deleted", "Breaking: it's official",
    "I can't stop laughing", "Why did nobody tell me?", "Life hack you need today", "Read this twice",
    "They tried to hide this", "Mind = blown", "Before vs after", "Tag someone who needs this",
    "This aged well", "Limited time only!", "Experts are speechless", "POV: you finally get it",
    "It only gets better", "Number 7 will shock you",
)
#: panel colours overlay_random_text_with_background draws from when ``box_color`` is None
PANEL_COLORS = ((0, 0, 0), (255, 255, 255), (229, 57, 53), (255, 214, 0), (30, 136, 229), (67, 160, 71),
                (142, 36, 170), (255, 112, 67))
