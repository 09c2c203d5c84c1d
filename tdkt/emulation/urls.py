"""Pages of the emulation app: movements, blocks and clusters, registrations, covenants, scoring."""
app_name = "emulation"
urlpatterns: list = []
