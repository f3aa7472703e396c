"""The web face: blueprints, forms, templating, security headers, errors, static files and
the voter's session. Everything that knows about Flask lives here."""
