"""The records Tend stores: people, what happened with them, and the user's strategy.

Every record carries a stable id, ``updated_at`` and, once deleted, a ``deleted_at``
tombstone, so that two copies of the data can be merged record by record without
resurrecting or losing anything. Derived facts (last contact, what is
due, layer counts, favour balance) are never stored: they are computed from these.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import Annotated, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

RecordId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]


def comparable_name(name: str) -> str:
    """A name as compared: two names that differ only in capitals or spacing are one."""
    return " ".join(name.split()).casefold()


# A group path: "Work / Acme / Platform team" is a subgroup of "Work / Acme" (P3).
GroupPath = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class Layer(StrEnum):
    """How close a tie is: the nested circles of roughly 5, 15, 50 and 150 (P1)."""

    INNER = "inner"
    CLOSE = "close"
    ACTIVE = "active"
    WIDER = "wider"

    @property
    def label(self) -> str:
        return LAYER_LABELS[self]

    @property
    def capacity(self) -> int:
        return LAYER_CAPACITY[self]

    @property
    def is_strong(self) -> bool:
        """The two inner circles: people who would vouch for you (P7)."""
        return self in (Layer.INNER, Layer.CLOSE)


LAYER_LABELS: dict[Layer, str] = {
    Layer.INNER: "Inner circle",
    Layer.CLOSE: "Close friends & allies",
    Layer.ACTIVE: "Active network",
    Layer.WIDER: "Wider network",
}
LAYER_CAPACITY: dict[Layer, int] = {
    Layer.INNER: 5,
    Layer.CLOSE: 15,
    Layer.ACTIVE: 50,
    Layer.WIDER: 150,
}


class Sphere(StrEnum):
    """Which side of life a tie belongs to (P2)."""

    PERSONAL = "personal"
    PROFESSIONAL = "professional"
    BOTH = "both"


class InteractionKind(StrEnum):
    """What happened, from the lightest touch to the most significant step (P12)."""

    TOUCH = "touch"
    MESSAGE = "message"
    CALL = "call"
    MEETING = "meeting"
    FAVOUR = "favour"
    ASK = "ask"
    COLLABORATION = "collaboration"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS: dict[InteractionKind, str] = {
    InteractionKind.TOUCH: "Light touch (shared something, congratulated)",
    InteractionKind.MESSAGE: "Message or email",
    InteractionKind.CALL: "Call",
    InteractionKind.MEETING: "Met in person or by video",
    InteractionKind.FAVOUR: "Helped with something",
    InteractionKind.ASK: "Asked for something",
    InteractionKind.COLLABORATION: "Proposed working together",
}


class Record(BaseModel):
    """What every stored record has, so storage and merging can treat them alike."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # The id is stored in the record's key, not its value (core.storage.codec).
    id: RecordId
    # Aware times only: records from devices in different time zones must compare.
    updated_at: AwareDatetime
    deleted_at: AwareDatetime | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def tombstone(self, now: datetime) -> Self:
        """This record deleted as of now: kept, marked, so a merge carries the deletion."""
        return self.model_copy(update={"deleted_at": now, "updated_at": now})


class Contact(Record):
    """A person in the user's network."""

    name: Name
    given_name: ShortText = ""
    family_name: ShortText = ""
    call_them: ShortText = ""
    # The rest of the structured name, as address books keep it (vCard's N), so an
    # export gives back what was imported: "Dr." / "Jane" "Q." "Doe" / "PhD".
    name_prefix: ShortText = ""
    additional_names: ShortText = ""
    name_suffix: ShortText = ""
    nickname: ShortText = ""
    how_met: ShortText = ""
    title: ShortText = ""
    company: ShortText = ""
    department: ShortText = ""
    emails: tuple[ShortText, ...] = ()
    phones: tuple[ShortText, ...] = ()
    # Web pages, the LinkedIn profile among them.
    websites: tuple[ShortText, ...] = ()
    # Postal addresses, each as one text (lines separated by newlines).
    addresses: tuple[ShortText, ...] = ()
    # Family and others named in an address book: "spouse: Maria Lima" (label, then name).
    related: tuple[ShortText, ...] = ()
    notes: Note = ""
    groups: tuple[GroupPath, ...] = ()
    layer: Layer = Layer.ACTIVE
    sphere: Sphere | None = None
    weak_tie: bool = False
    introduced_by: RecordId | None = None
    targets: tuple[RecordId, ...] = ()
    triaged: bool = False
    shortlist: bool = False
    interval_days: Annotated[int, Field(ge=1, le=730)] | None = None
    archived: bool = False
    added_on: date
    known_since: date | None = None

    @property
    def work(self) -> str:
        """The work line shown under a name: "Head of Data · Acme"."""
        return " · ".join(part for part in (self.title, self.company) if part)


class Interaction(Record):
    """One time the user was in touch with a contact: where, what about (P9)."""

    contact_id: RecordId
    on: date
    kind: InteractionKind = InteractionKind.MESSAGE
    where: ShortText = ""
    note: Note = ""
    # A day the user guessed ("a few months ago", on Start), not one they logged: Tend
    # counts from it but never states it to the day.
    estimated: bool = False


class FavourDirection(StrEnum):
    GIVEN = "given"
    RECEIVED = "received"


class Favour(Record):
    """Help that changed hands, the ledger behind "give first" (P13)."""

    contact_id: RecordId
    direction: FavourDirection
    what: Name
    on: date


class DateKind(StrEnum):
    BIRTHDAY = "birthday"
    WORK_ANNIVERSARY = "work_anniversary"
    CUSTOM = "custom"
    NEWS = "news"

    @property
    def recurs(self) -> bool:
        """Birthdays and anniversaries come back every year; news happens once."""
        return self is not DateKind.NEWS


# How a form names each kind of date; a sentence says it with ``core.rules.dates.KIND_WORDS``.
DATE_KIND_LABELS: dict[DateKind, str] = {
    DateKind.BIRTHDAY: "Birthday",
    DateKind.WORK_ANNIVERSARY: "Work anniversary",
    DateKind.CUSTOM: "Another yearly date",
    DateKind.NEWS: "News (new job, promotion…)",
}

class ImportantDate(Record):
    """A date worth a light touch: a birthday, an anniversary, or news like a new job (P11).

    ``year`` is optional for recurring dates (many people share a birthday, not an age).
    """

    contact_id: RecordId
    kind: DateKind
    label: ShortText = ""
    month: Annotated[int, Field(ge=1, le=12)]
    day: Annotated[int, Field(ge=1, le=31)]
    year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    # News is not always good news (an operation, a lay-off): only the user can say.
    good_news: bool = False


class TargetKind(StrEnum):
    CLIENTS = "clients"
    PARTNERS = "partners"
    HIRES = "hires"
    INVESTORS = "investors"
    MENTORS = "mentors"
    EMPLOYERS = "employers"
    OTHER = "other"


class TargetNetwork(Record):
    """A network the user wants to grow, and why those people would want them (P5)."""

    name: Name
    kind: TargetKind = TargetKind.OTHER
    value_proposition: Note = ""
    research: Note = ""
    active: bool = True


class AgendaRank(IntEnum):
    """How pressing a Today item is, most pressing first (``core.rules.agenda`` says why)."""

    FRESH = 0       # a follow-up that only works while it is fresh (P10)
    ON_THE_DAY = 1  # a date today, a planned step, a confirmation, a thank-you
    DUE = 2         # past the keep-in-touch interval, a reconnect, a first or undated step
    THIS_WEEK = 3   # dates later this week and recent news
    GIVE = 4        # a chance to give first (P13)
    REVIEW = 5      # a weak tie gone cold, up for review (P4)
    SORT = 6        # people not yet sorted into target networks (P5)


class AgendaKind(StrEnum):
    """Which rule put an item on Today. A StrEnum, so a kind equals its bare name:
    templates and stored decisions compare with plain strings."""

    FOLLOW_UP = "follow_up"
    RECONNECT = "reconnect"
    CADENCE = "cadence"
    FIRST_STEP = "first_step"
    PRUNE = "prune"
    GIVE = "give"
    THANKS = "thanks"
    PLAN = "plan"
    PLAN_NEXT = "plan_next"
    PLAN_PASSED = "plan_passed"
    CONFIRM = "confirm"
    UNDATED = "undated"
    DATE_AHEAD = "date_ahead"
    DATE = "date"
    TRIAGE = "triage"

    @property
    def rank(self) -> AgendaRank:
        """Where an item of this kind stands on Today (a date not yet on its day is
        ``THIS_WEEK``: the agenda says so where it builds one)."""
        return AGENDA_RANKS[self]

    @property
    def key_prefix(self) -> str:
        """How an item's key begins: the two older spellings are kept, because skips and
        snoozes are stored under those keys."""
        return KEY_PREFIXES.get(self, self.value)


AGENDA_RANKS: dict[AgendaKind, AgendaRank] = {
    AgendaKind.FOLLOW_UP: AgendaRank.FRESH,
    AgendaKind.DATE: AgendaRank.ON_THE_DAY,
    AgendaKind.PLAN: AgendaRank.ON_THE_DAY,
    AgendaKind.PLAN_NEXT: AgendaRank.ON_THE_DAY,
    AgendaKind.PLAN_PASSED: AgendaRank.ON_THE_DAY,
    AgendaKind.CONFIRM: AgendaRank.ON_THE_DAY,
    AgendaKind.THANKS: AgendaRank.ON_THE_DAY,
    AgendaKind.RECONNECT: AgendaRank.DUE,
    AgendaKind.CADENCE: AgendaRank.DUE,
    AgendaKind.FIRST_STEP: AgendaRank.DUE,
    AgendaKind.UNDATED: AgendaRank.DUE,
    AgendaKind.DATE_AHEAD: AgendaRank.THIS_WEEK,
    AgendaKind.GIVE: AgendaRank.GIVE,
    AgendaKind.PRUNE: AgendaRank.REVIEW,
    AgendaKind.TRIAGE: AgendaRank.SORT,
}
KEY_PREFIXES: dict[AgendaKind, str] = {AgendaKind.FOLLOW_UP: "followup",
                                       AgendaKind.FIRST_STEP: "first"}


class BackupReminder(StrEnum):
    """How often Today may ask for a backup (``core.rules.backups``)."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    NEVER = "never"


class Settings(Record):
    """The user's tuning of the rules; one record, id ``settings``."""

    prune_after_days: Annotated[int, Field(ge=90, le=400)] = 180
    date_lead_days: Annotated[int, Field(ge=0, le=60)] = 7
    last_backup_on: date | None = None
    remind_backup: BackupReminder = BackupReminder.MONTHLY
    # "Not now" on Today's backup line: quiet until this day.
    backup_quiet_until: date | None = None
    # The first day Tend took turns with the people stored here (``core.rules.turns``):
    # whoever's turn had already passed then waits at the back of their line.
    turns_since: date | None = None


class AgendaDecision(Record):
    """The user snoozed or skipped one agenda item; the id is the item's key. A pair of
    possible duplicates the user said are two people is skipped the same way, for good,
    under the pair's key (``core.rules.duplicates.distinct_key``)."""

    until: date | None = None
    skipped: bool = False


DEFAULT_QUESTIONS: tuple[str, ...] = (
    "How did you get to where you are now?",
    "What pitfalls would you warn someone like me about?",
    "If you were starting today, what would you do first?",
    "Who else should I talk to?",
)


class Plan(Record):
    """Why / what / what's next for one relationship (P14), with research (P15).

    One plan per contact: its id is the contact's id. It holds exactly one next step;
    marking a step done requires naming the following one, so the relationship always
    has somewhere to go.
    """

    contact_id: RecordId
    why: Note = ""
    give: Note = ""
    get: Note = ""
    reach_reason: ShortText = ""
    research: Note = ""
    questions: tuple[ShortText, ...] = DEFAULT_QUESTIONS
    next_step: ShortText = ""
    next_kind: InteractionKind = InteractionKind.MEETING
    next_on: date | None = None
    active: bool = True
    # When the next step as it stands (its text, kind and date) was written, so editing
    # the rest of the plan is no new step (``core.rules.planner.step_written``). Plans
    # stored before Tend kept it have none: their ``updated_at`` stands in.
    step_written_at: AwareDatetime | None = None


class Pitch(Record):
    """The user's own answer to "what do you do?" (P16); one record, id ``pitch``."""

    one_liner: ShortText = ""
    distinctive: ShortText = ""
    how_i_help: ShortText = ""
    looking_for: ShortText = ""
