"""The REST API (django-ninja): routers of each app, token or session authentication."""
from ninja import NinjaAPI

api = NinjaAPI(title="TĐKT API", version="1", urls_namespace="api")
