"""The eligibility app's background job (run by `tdkt worker`, see tdkt.core.jobs)."""
from django_tasks import task


@task()
def run_eligibility(run_id: int) -> dict:
    """Evaluate a batch run. A run already finished is left as it is: a worker that died after the
    results were committed, its job then run again, writes nothing twice."""
    from .batch import run_batch
    from .models import EligibilityRun, RunStatus

    run = EligibilityRun.objects.get(pk=run_id)
    if run.status == RunStatus.DONE:
        return {"total": run.total, "eligible": run.eligible}
    run = run_batch(run)
    return {"total": run.total, "eligible": run.eligible}
