"""The imports app's background job: writing a large checked file (run by `tdkt worker`)."""
from django_tasks import task


@task()
def commit_import(job_id: int, batch_id: int) -> str:
    """Write a checked batch for the job's owner, all rows or none (services.commit_batch). Run again
    after an interruption, a batch already written is reported as it is, never written twice."""
    from tdkt.core import jobs

    from .models import BatchStatus, ImportBatch
    from .services import commit_batch

    with jobs.running(job_id) as job:
        batch = ImportBatch.objects.get(pk=batch_id, created_by=job.owner)
        jobs.report(job, 0, batch.data_rows, f"Đang kiểm tra lại và ghi {batch.data_rows} dòng (ghi tất cả hoặc không dòng nào)")
        if batch.status != BatchStatus.COMMITTED:
            batch = commit_batch(job.owner, batch)
        if batch.status == BatchStatus.COMMITTED:
            jobs.finish(job, commit_message(batch), result_url=batch.get_absolute_url())
        else:
            jobs.fail(job, batch.message or "Không ghi được tệp; chưa có dòng nào được lưu.",
                      result_url=batch.get_absolute_url())
        return batch.status


def commit_message(batch) -> str:
    what = "cá nhân" if batch.kind == "people" else "khen thưởng"
    extra = f", {batch.decisions_created} quyết định mới" if batch.decisions_created else ""
    return f"Đã ghi {batch.created_count} {what}{extra} từ tệp “{batch.original_name}”."
