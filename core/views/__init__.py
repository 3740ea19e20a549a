"""What each route shows: view models from the rules, rendered by Jinja2 templates.

``router.view_for`` maps a route to its view; ``render`` holds the template environment
(autoescape on) that the build also uses to prerender the first page. Views never
import actions.
"""
