"""Sharing a result without its answers: the signed token a link carries (``token``), the
preview card drawn from it (``card``), what the results page offers and says the link
reveals (``offer``), and two results side by side (``comparison``). Free of Flask: the web
layer gives the secret, the URLs and the translations."""
