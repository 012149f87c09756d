"""Page furniture: the lines a news or web page puts around an article that are not part of it.

Bylines, time stamps, share and subscribe prompts, "Advertisement", copyright lines, photo credits,
"Related:" links, editor's notes. Readers of every format drop them as whole lines or paragraphs,
so they never reach a card. Each rule only matches a short line that is nothing but furniture: a
long paragraph that happens to start with "By" or mention a photo is prose and is kept.
"""

from __future__ import annotations

import re

# A line of furniture is short; the limit keeps the rules away from real paragraphs.
FURNITURE_MAX_WORDS = 15
# Captions run longer ("Photo: firefighters at the scene on Monday"), and credits longer still.
CAPTION_MAX_WORDS = 25
NOTE_MAX_WORDS = 40
# Editor's notes at the very start or end of an article may be a few sentences long.
EDGE_NOTE_MAX_WORDS = 80

_I = re.IGNORECASE
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAYS = (
    "mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?"
    "|sun(?:day)?"
)
_ZONES = "a\\.?m\\.?|p\\.?m\\.?|[ecmp][sd]?t|utc|gmt|bst|cet|cest|ist|jst|kst|hkt|sgt|aest|aedt|wib"
# One token of a time stamp: "3:45", "PM", "EST", "Mon", "March", "4,", "2024", "10.45", "hours", "ago".
_DATE_TOKEN = re.compile(
    rf"^(?:\d{{1,4}}(?:[:.]\d{{2}})?(?:st|nd|rd|th)?|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}|{_MONTHS}|{_DAYS}"
    rf"|{_ZONES}|at|on|ago|hours?|hrs?|minutes?|mins?|days?|weeks?|yesterday|today)\.?$",
    _I,
)
_DATE_WORD = re.compile(rf"^(?:{_MONTHS}|{_DAYS}|yesterday|today|ago)\.?$|\d", _I)
_STAMP_PREFIX = re.compile(
    r"^(?:(?:last\s+)?(?:updated|modified|edited|reviewed)|(?:first\s+|originally\s+)?(?:published|posted)"
    r"|dated?|created)(?:\s+on)?\s*[:|]?\s*",
    _I,
)

_ROLE = (
    r"(?:writer|reporter|correspondent|editor|columnist|journalist|contributor|producer|photographer"
    r"|critic|author|staff|desk|bureau chief|analyst)s?"
)
# Lowercase words that may appear in a byline among the capitalised names.
_BYLINE_WORD_LIST = (
    "and & in for at of with de del della der den di du da la le van von bin al y staff special "
    "senior chief contributing associate political science health business foreign"
)
_BYLINE_WORDS = frozenset(_BYLINE_WORD_LIST.split())
_NAME_WORD = re.compile(r"^[(\"“‘']?(?:[A-Z][\w'’.-]*|[A-Z]\.)[)\"”’',;:|]*$")
# "By Jane Doe", "Story by ...": a capital B, since "by the time ..." starts many wrapped lines.
_BYLINE_START = re.compile(
    r"^\(?(?:(?:[Ss]tory|[Ww]ords|[Tt]ext|[Ww]ritten|[Rr]eported|[Cc]ompiled|[Ii]nterview|[Aa]nalysis"
    r"|[Pp]hotos?|[Pp]hotographs?)\s+by|By|BY)\s+"
)
# Reuters and others credit at the end: "Reporting by Jane Doe; Editing by John Roe".
_CREDIT_START = re.compile(
    r"^\(?(?:additional\s+)?(?:reporting|writing|editing|graphics|fact[- ]checking)"
    r"(?:\s*(?:,|and|&)\s*(?:reporting|writing|editing|graphics))*\s+by\s+",
    _I,
)
_NAME_AND_ROLE = re.compile(
    rf"^(?P<name>[^,|–—]{{3,60}})\s*[,|–—]\s*(?P<role>[\w '’.-]{{0,40}}\b{_ROLE})\.?$", _I
)

_SHORT_PATTERNS = [
    re.compile(p, _I)
    for p in (
        r"^(?:continue|keep) reading\b.*$",
        r"^read (?:more|next|the full (?:story|article|report)|the rest)\b.*$",
        r"^(?:click|tap) here\b.*$",
        r"^share(?:\s+(?:this|the))?(?:\s+(?:article|story|page|post|link))?"
        r"(?:\s+(?:on|via|to|with)\s+[\w ]{1,30})?\s*:?$",
        r"^(?:(?:facebook|twitter|x|linkedin|e-?mail|whatsapp|reddit|pinterest|print|copy link|messenger"
        r"|telegram|share|tweet|comments?|save|bluesky|threads)\b[\W_]*){2,12}$",
        r"^(?:tweet|comments?|print|e-?mail this (?:article|story))$",
        r"^(?:subscribe|sign up|register|join)\b.{0,80}\b(?:newsletter|subscri\w*|updates|inbox|free"
        r"|mailing list|today|now|alerts)\b.*$",
        r"^(?:subscribe|sign up|already a subscriber|get (?:our|the) [\w ]{0,30}newsletter)\b.*$",
        r"^(?:follow|like) (?:us|@\w+)\b.*$",
        r"^(?:advertisement|advert|ad|sponsored(?: content| post| by .*)?|paid (?:content|post)|promoted"
        r"|story continues(?: below)?(?: (?:this )?(?:advertisement|ad))?|scroll (?:down )?to continue.*"
        r"|skip (?:to (?:main )?content|advertisement|ad)|listen to (?:this )?(?:article|story).*"
        r"|\d{1,2} min(?:ute)?s? (?:read|listen))$",
        r"^(?:related|related (?:articles?|stories|story|content|coverage|links|reading|posts?|topics|news"
        r"|videos?)|more on (?:this|the) (?:story|topic)|recommended(?: for you| reading| stories)?"
        r"|most (?:read|popular|viewed)|you (?:may|might) (?:also )?like|trending(?: now)?|top stories"
        r"|more stories|watch|video)"
        r"(?:\s*[:|›»>–—-].*)?$",
        r"^(?:©|\(c\)\s|copyright\b|all rights reserved\b).*$",
        r"^.{0,120}\ball rights reserved\.?$",
        r"^(?:getty images|shutterstock|alamy(?: stock photo)?|istock(?:photo)?|ap photo\b.*|afp\b.*|epa\b.*"
        r"|file (?:photo|image)|stock (?:photo|image))$",
        r"^(?:sources?|references?)\s*:\s*.+$",
    )
]
# Captions: "Photo: ...", "Image credit: NASA", "(Photo by Jane Doe / Getty Images)".
_CAPTION_PATTERNS = [
    re.compile(p, _I)
    for p in (
        r"^[\[(]?(?:photo(?:graph)?s?|image|picture|illustration|graphic|video|credit|caption)(?:\s+credits?)?"
        r"\s*[:|]\s*.+$",
        r"^[\[(]?(?:photo(?:graph)?|image|picture|illustration)s?\s+(?:by|courtesy|credit|via)\b.+$",
    )
]
# Credits and notes on where the article came from.
_NOTE_PATTERNS = [
    re.compile(p, _I)
    for p in (
        r"^.{0,200}(?:/|\bvia\s+|\bfor\s+|\(|\bcredit:\s*)(?:getty images|afp|ap|reuters|epa(?:-efe)?"
        r"|shutterstock|alamy|bloomberg|nurphoto|unsplash|istock|sipa|zuma(?: press)?|pa(?: images| media)?"
        r"|wire ?image)"
        r"(?: via [\w ]+)?[)\]]?\.?$",
        r"^(?:this|the) (?:article|story|piece|post|interview|essay|report|column)\s+(?:was|is|has been|first"
        r"|originally|appeared)\b.*\b(?:published|appeared|adapted|republished|syndicated|reproduced|updated"
        r"|produced in partnership)\b.*$",
        r"^an? (?:earlier |shorter |longer )?version of this (?:article|story|piece)\b.*$",
    )
]
_EDGE_NOTE = re.compile(
    r"^[\[(]?(?:editor['’]?s['’]? note|note from the editors?|update[ds]?|correction|clarification)"
    r"(?:\s*\([^)]{0,40}\))?"  # "Update (March 5):"
    rf"(?:,?\s+(?:on\s+|at\s+)?(?:\d|(?:{_MONTHS}|{_DAYS})\b)[\w ,.]{{0,25}}?)?"  # "Updated March 5, 2024:"
    r"\s*(?::|[—–-]\s)",
    _I,
)
_AUTHOR_BIO = re.compile(
    rf"^(?:[A-Z][\w'’.-]*\s+){{1,4}}(?:is|was) (?:a|an|the)\b.{{0,120}}\b{_ROLE}\b"
    # "Jane Doe writes about family life.", "Tom Lee writes a weekly column for the paper."
    r"|^(?:[A-Z][\w'’.-]*\s+){1,4}writes (?:about|on|for|a|an|the|regularly|weekly|often)\b"
    r"[^.!?]{0,100}[.!?]?$"
    # "Ann Cole is a former teacher and writes a fortnightly column on family life."
    r"|^(?:[A-Z][\w'’.-]*\s+){1,4}(?:is|was)\b[^.!?]{0,120}\bwrites (?:a|an|the|about|for|on)\b"
    r"[^.!?]{0,80}[.!?]?$",
    re.DOTALL,
)
_SEPARATOR = re.compile(r"\s+[|·•]\s+")


def _words(text: str) -> list[str]:
    return text.split()


def _is_time_stamp(text: str) -> bool:
    """ "Updated 3:45 PM EST, Mon March 4, 2024", "Published 12 May 2023", or a bare date line."""
    prefix = _STAMP_PREFIX.match(text)
    rest = text[prefix.end() :] if prefix else text
    tokens = [t.strip(",;()[]") for t in rest.split()]
    tokens = [t for t in tokens if t and t not in "-–—|·•"]
    if not tokens or not all(_DATE_TOKEN.match(t) for t in tokens):
        return False
    if prefix:
        return any(_DATE_WORD.search(t) for t in tokens)
    # A bare date: it needs a month or a weekday, and must not be the start of a sentence ("On 4 May").
    return tokens[0].casefold() not in ("on", "at") and any(
        _DATE_WORD.match(t) and not t[0].isdigit() for t in tokens
    )


def _names_only(text: str) -> bool:
    """Whether the words are names (capitalised) joined by "and", commas or a role ("Staff Writer")."""
    words = _words(text)
    if not words or words[-1].casefold() in _BYLINE_WORDS:
        return False  # "Jane Doe and": the line goes on
    for word in words:
        bare = word.strip("()\"“”‘’',;:|/")
        if not bare or bare.casefold() in _BYLINE_WORDS or re.fullmatch(_ROLE, bare, _I):
            continue
        if not _NAME_WORD.match(word):
            return False
    return True


def _credited_names(text: str) -> bool:
    """ "Editing by John Roe" or "John Roe": one part of a credit line."""
    start = _CREDIT_START.match(text) or _BYLINE_START.match(text)
    return _names_only(text[start.end() :] if start else text)


def _is_byline(text: str) -> bool:
    """ "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Jane Doe, Staff Writer", Reuters credits."""
    if _BYLINE_START.match(text) or _CREDIT_START.match(text):
        # "Reporting by Jane Doe; Editing by John Roe": each part names who did what.
        parts = re.split(r"\s*;\s*", text.strip().rstrip(".").strip("()"))
        return all(_credited_names(part) for part in parts if part)
    match = _NAME_AND_ROLE.match(text)
    return match is not None and _names_only(match.group("name")) and _names_only(match.group("role"))


def _is_part_furniture(text: str) -> bool:
    words = len(_words(text))
    if words <= FURNITURE_MAX_WORDS and (
        _is_time_stamp(text) or _is_byline(text) or any(p.match(text) for p in _SHORT_PATTERNS)
    ):
        return True
    if words <= CAPTION_MAX_WORDS and any(p.match(text) for p in _CAPTION_PATTERNS):
        return True
    return words <= NOTE_MAX_WORDS and (
        any(p.match(text) for p in _NOTE_PATTERNS)
        or (_CREDIT_START.match(text) is not None and _is_byline(text))
    )


def is_furniture(text: str) -> bool:
    """Whether a whole line or paragraph is page furniture: a byline, a time stamp, "Share this", ...

    A line made of furniture pieces ("Jane Doe | Updated 4 March 2024") is furniture as well.
    """
    text = " ".join(text.split())
    if not text or len(_words(text)) > NOTE_MAX_WORDS or text.count("(") != text.count(")"):
        return False  # an open bracket: a piece of a sentence broken across lines
    if _is_part_furniture(text):
        return True
    parts = [p for p in _SEPARATOR.split(text) if p.strip()]
    return len(parts) > 1 and all(_is_part_furniture(p) or _names_only(p) for p in parts)


def is_edge_note(text: str) -> bool:
    """An editor's note, update, correction or author biography: furniture at an article's start or end."""
    text = " ".join(text.split())
    if len(_words(text)) > EDGE_NOTE_MAX_WORDS:
        return False
    return bool(_EDGE_NOTE.match(text) or _AUTHOR_BIO.match(text))
