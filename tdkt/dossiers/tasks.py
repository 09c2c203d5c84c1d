"""The dossiers' background jobs (run by `tdkt worker`, see tdkt.core.jobs)."""
from django_tasks import task


@task()
def render_documents(dossier_id: int, base_url: str | None = None) -> dict:
    """Render and sign what is missing of an issued decision: the decision (PDF, Word) and its
    certificates. Run again after an interruption, it makes only what is still missing."""
    from .models import Dossier
    from .services.issuance import generate_documents

    return generate_documents(Dossier.objects.select_related("decision").get(pk=dossier_id), base_url=base_url)
