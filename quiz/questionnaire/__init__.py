"""The parties' questionnaire: each party answers the statements itself, the editor reviews
and approves, and approved answers leave as content files (statements/parties/<id>.toml).

The quiz never reads positions from here: only the exported, reviewed files are content.
No Flask in this package. Its tables live in the one database of the app (quiz.events.db:
one engine, one migration history).
"""
