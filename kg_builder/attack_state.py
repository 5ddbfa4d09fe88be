"""What an article has told so far about its attacks: the state the reader's decisions share.

``extract.ArticleReader`` reads mentions in order; each decision (``attack_time``, ``attack_places``,
``attack_figures``, ``attack_coref``) reads and updates these states, and takes them as an argument
(``AttacksRead``) so that it can be tested on a short text without the reader.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .attacks import Cluster, Mention
from .layout import Sentence
from .types import Figure, TimeValue


@dataclass
class AttackState:
    """What the article has said so far about one attack."""

    cluster: Cluster
    time: TimeValue | None = None
    time_rank: int = 9  # 0 body sentence, 1 caption, 2 headline
    place: str | None = None
    place_detail: str | None = None
    killed: Figure | None = None
    killed_rank: int = 9
    injured: Figure | None = None
    injured_rank: int = 9
    targets: list[str] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)
    background: bool = False
    last_sentence: int = -1
    key: str = ""
    parent: "AttackState | None" = None  # the series a part-by-place belongs to
    reported: TimeValue | None = None  # the day an official reported it, for an attack told with no date
    place_own: bool = False  # the place was named inside a mention ("the attack on a school in Khost")
    target_heads: set[str] = field(default_factory=set)  # lemmas of what was hit ("academy", "checkpoint")
    summary: bool = False  # "two attacks" whose parts the article tells one by one: the parts are the attacks


@dataclass
class AttacksRead:
    """The attacks read so far in reading order, which attack each trigger token was read as, and the
    attack being told (the last one of the story's own, not one recalled for context)."""

    attacks: list[AttackState] = field(default_factory=list)
    by_token: dict[int, AttackState] = field(default_factory=dict)
    current: AttackState | None = None

    def body_attacks(self) -> list[AttackState]:
        """The story's own attacks first told in the body (not in a caption or the headline)."""
        return [a for a in self.attacks if not a.background and not a.cluster.first.caption
                and not a.cluster.first.headline]

    def new_in(self, sentence: Sentence) -> list[Mention]:
        """Mentions of this sentence already read that started an attack."""
        return [a.cluster.first for a in self.attacks if a.cluster.first.sent == sentence.span]

    def told_in(self, sentence: Sentence) -> bool:
        """Whether a mention of this sentence has been read as an attack already."""
        return any(a.last_sentence == sentence.index for a in self.attacks)
