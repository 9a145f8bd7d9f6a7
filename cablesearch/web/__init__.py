"""`cablesearch serve`: a read-only web workbench over the search API.

A thin shell, as the CLI is: request parameters in (named as the CLI's options), pages
rendered on the server by Jinja2 (every cable string escaped), and a JSON API that answers
exactly what `cablesearch search --format json` prints.

    from cablesearch.web import create_app
    app = create_app("index")        # any ASGI server; `cablesearch serve` uses uvicorn
"""

from cablesearch.web.app import create_app

__all__ = ["create_app"]
