"""Crisis numbers as a Markdown list, for the help page (`{{ crisis_numbers("text") }}`).

The guide and the handouts show the same services through the Jinja partial
`overrides/partials/site/crisis-numbers.html`; both take every number from `CrisisHelp`.
"""

from __future__ import annotations

from typing import Literal

from wtiw.core.plain_text import escape_markdown
from wtiw.crisis.numbers import CrisisHelp, Service


def _links(
    service: Service, only: Literal["call", "text"] | None, *, sentence: bool = False
) -> str:
    """The service's call and text links, joined with "or" (in the links' language).

    `sentence`: the links start a sentence, so the first link's words start with a capital.
    """
    actions = [a for a in service.actions if only is None or a.kind == only]
    if not actions:
        raise ValueError(f"the service `{service.id}` has no `{only}` number")
    labels = [action.label for action in actions]
    if sentence:
        labels[0] = labels[0][:1].upper() + labels[0][1:]
    return f" {actions[0].words.or_} ".join(
        f"[{escape_markdown(label)}]({action.href})"
        for label, action in zip(labels, actions, strict=True)
    )


def markdown_list(
    crisis: CrisisHelp,
    name: str,
    *,
    where: bool = True,
    only: Literal["call", "text"] | None = None,
) -> str:
    """The list `name` as Markdown bullets, one per service, with its call and text links.

    The list sits in a `wtiw-crisis-list` block (md_in_html), which print.css sets in columns.

    For example "- UK: Shout, [text SHOUT to 85258](sms:85258)."

    `where=False` leaves out the country (for a section that already names it); `only`
    shows just the call or just the text links.
    """
    if name not in crisis.lists:
        known = ", ".join(sorted(crisis.lists))
        raise ValueError(f"{crisis.lists_file} has no list `{name}` (it has: {known})")
    lines = []
    for service in crisis.lists[name]:
        # Without a place or a name, the links start the line.
        links = _links(service, only, sentence=not where and not service.name)
        if service.note:
            links = f"{links} ({escape_markdown(service.note)})"
        # Data is content: escaped, so a name can never become a link or markup.
        service_name = escape_markdown(service.name)
        named = f"{service_name}, {links}" if service.name else links
        if where:
            lines.append(f"- {escape_markdown(service.where)}: {named}.")
        elif service.name:
            lines.append(f"- **{service_name}:** {links}.")
        else:
            lines.append(f"- {links}.")
    # In a block of its own, so print can set the short lines in two columns.
    return '<div class="wtiw-crisis-list" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n"
