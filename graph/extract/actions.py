"""Actions from plan items and enumeration members: a label and a text, with their targets."""
from __future__ import annotations

from ..model import Node, Report
from ..model.facts import Action
from ..model.lexicon import Lexicon
from ..model.sentences import Sentences
from .structure import clause, modal_length
from .targets import find_targets
from .themes import themes_of


def add_action(node: Node, text: str, sents: Sentences, ex: Report, lex: Lexicon, answers: str | None = None) -> None:
    """An action from a plan item or enumeration member, with its targets."""
    label, body = label_and_body(node, text, lex)
    label = label[modal_length(label, lex.json("structure.json")):]  # 首先要健全… → 健全…
    action = Action(f"action-{len(ex.actions) + 1}", node.span, sents.at(node.title_span[0]), node.path,
                    label=label, text=body, themes=themes_of(text[node.span[0]:node.span[1]], lex), answers=answers)
    ex.actions.append(action)
    ex.targets += find_targets(action, text, sents, lex)


def label_and_body(node: Node, text: str, lex: Lexicon) -> tuple[str, str]:
    """An item's label and text: a numbered item's title and body (its title again when the
    item is one sentence); an enumeration member's first clause and the rest."""
    if node.kind == "enum":
        (a, b), (c, d) = clause(node, text, lex.json("structure.json")["clause_stops"])
        return text[a:b], text[c:d].strip() or text[a:b]
    body = text[node.body_span[0]:node.body_span[1]].strip()
    return node.title, body or node.title
