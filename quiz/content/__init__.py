"""Content: a programme's text becomes pledges, and statements/ becomes a validated Catalogue.

No Flask here. The flow: programme text -> pledges (programme, programme_parser) ->
statements and parties' positions (loader, catalogue) -> editorial rules (editorial,
weighting) -> the immutable Catalogue the rest of the app reads.
"""
