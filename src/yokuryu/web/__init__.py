"""The web: search in any script, person pages, the camp map, review, estimates, the JSON
API and OpenRefine reconciliation — every surface through one privacy layer.

`create_app(archive, settings)` builds the FastAPI application; `yokuryu serve` runs it.
"""

from yokuryu.web.app import create_app
from yokuryu.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
