"""Excel import pages (people, award history)."""
app_name = "imports"
urlpatterns: list = []
