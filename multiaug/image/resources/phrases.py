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

# --- procedural screenshot frames (kernels/screenshot.py draws from these) ----------------------------------------
#: first names of the invented users
FIRST_NAMES = ("luna", "max", "nova", "kai", "zoe", "leo", "mia", "sam", "ivy", "ray", "ada", "eli", "noor", "yuki",
               "omar", "lena", "tariq", "sofia", "jun", "aria")
#: their last names
LAST_NAMES = ("park", "silva", "khan", "novak", "moreau", "tanaka", "okafor", "berg", "rossi", "diaz", "kim", "haas")
#: words that end user handles
HANDLE_TAGS = ("travels", "eats", "daily", "photo", "art", "fit", "vibes", "studio", "life", "world", "clicks",
               "journal")
#: post captions ({noun}, {adj}, {adj2}, {e} filled in)
FEED_CAPTIONS = ("Sunday {noun} with the best crew {e}", "Can't believe this {noun} is real {e}",
                 "{adj} mood today {e}", "Throwback to that {adj} {noun}", "New {noun} just dropped {e}{e}",
                 "Who else needs a {noun} like this?", "POV: the {noun} hits different {e}",
                 "{adj} days, {adj2} nights", "Found the perfect {noun} {e}", "Not me posting another {noun}",
                 "Weekend plans: {noun}, repeat", "This {noun} though {e}")
#: nouns of the captions
CAPTION_NOUNS = ("brunch", "sunset", "view", "road trip", "coffee", "project", "weekend", "playlist", "walk", "dinner")
#: adjectives of the captions
CAPTION_ADJECTIVES = ("Golden", "Cozy", "Wild", "Lazy", "Bright", "Quiet", "Perfect", "Chaotic", "Sunny", "Rainy")
#: emoji of the captions
CAPTION_EMOJI = ("✨", "🔥", "😍", "🙌", "😂", "🌅", "☕", "💯", "🎉", "❤️")
#: chat messages
CHAT_LINES = ("are you coming tonight?", "look at this!!", "omg", "haha yes", "send me the pics", "where was that?",
              "on my way", "so good", "wait what", "miss you guys")
#: names of the invented apps
APP_BRANDS = ("Friendly", "Snapgram", "Pixelgram", "Chatter", "Sharely")
