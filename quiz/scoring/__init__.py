"""Scoring: a voter's answers against the catalogue, for one voter or a whole class.

No Flask here. matching holds the scoring rule in numpy; answers, voters and results turn
a voter's answers into its inputs and its output into what pages and the API show.
"""
