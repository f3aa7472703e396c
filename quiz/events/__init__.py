"""School events: the only data the app stores (events and their anonymous responses).

No Flask here: db holds the engine and migrations, models the tables, service the rules.
"""
