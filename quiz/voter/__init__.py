"""What a voter gives, free of Flask: their answers (``answers``), the one reading of answers
sent all at once (``parsing``: the score API, the browser-side quiz and the embed), and the
quiz's steps (``steps``: answer, back, next, the overview, the end) that the main quiz and
the embedded one both take. Below scoring: the matching reads answers, never the reverse.
"""
