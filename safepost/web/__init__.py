"""The web app for people: server-rendered pages (Jinja2) with htmx for the live parts.
All assets ship in the package; nothing is loaded from a CDN."""
