"""Text a learner typed, made safe for each place the app shows it: one helper per markup language.

Nicknames, run names, class names and example-set names travel to other learners' screens (the
class view on the projector, the leaderboard, chart legends, the lesson report). Each kind of
markup reads some characters as instructions: Markdown turns ``![x](http://...)`` into a remote
picture and ``:red[...]`` into colour, HTML and Plotly's labels read ``<b>``/``<a href>`` as tags.
Whatever a learner types must arrive as the very characters they typed, so every learner text
goes through the helper of the markup it lands in:

- :func:`markdown` for ``st.markdown``, ``st.table`` cells, widget labels and messages;
- :func:`html` for HTML pages (the lesson report);
- :func:`plotly` for chart titles, legends, axis labels and hover text.

Plain-text places (``st.dataframe`` cells, ``st.selectbox`` options, ``st.code``) need none.
"""

from __future__ import annotations

import html as _html

# Inline Markdown starts only at these: code, emphasis, links and pictures, HTML and entities,
# strikethrough, maths, Streamlit's :directives[...], table cells, headings. Escaping just them
# keeps ordinary names (``shirt.png``, ``Rina-2``) as they are.
_MARKDOWN_SPECIAL = {char: "\\" + char for char in "\\`*_[]<>~$&:|#!"}


def markdown(text) -> str:
    """``text`` with every character that can start inline Markdown backslash-escaped (CommonMark's
    own escape, which also stops Streamlit's ``:color[...]`` directives and bare-URL links) and line
    breaks turned into spaces.

    Example:
        >>> print(markdown("**hi** :red[x]"))
        \\*\\*hi\\*\\* \\:red\\[x\\]
    """
    flat = " ".join(str(text).splitlines())
    return "".join(_MARKDOWN_SPECIAL.get(char, char) for char in flat)


def html(text) -> str:
    """``text`` for an HTML page: ``&``, ``<``, ``>`` and both quote marks as entities."""
    return _html.escape(str(text), quote=True)


def plotly(text) -> str:
    """``text`` for Plotly's labels, which read a few HTML tags (``<b>``, ``<br>``, ``<a href>``...)
    and entities: ``&``, ``<`` and ``>`` as entities, so Plotly shows them as typed."""
    return _html.escape(str(text), quote=False)


def plotly_all(texts) -> list[str]:
    """:func:`plotly` of each text (a chart's class names)."""
    return [plotly(text) for text in texts]
