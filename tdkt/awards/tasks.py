"""The awards app's background job: a long award list exported to Excel (run by `tdkt worker`)."""
import io

from django_tasks import task


@task()
def export_awards(job_id: int, query: str) -> int:
    """The award list filtered by `query`, as its owner may see it, into the job's file."""
    from tdkt.core import clock, jobs

    from .views import award_workbook, filtered_awards_for

    with jobs.running(job_id) as job:
        filterset = filtered_awards_for(job.owner, query)
        if not filterset.is_valid():
            jobs.fail(job, "Bộ lọc không hợp lệ: " + "; ".join(
                f"{filterset.form.fields[f].label}: {' '.join(e)}" for f, e in filterset.errors.items()))
            return 0
        total = filterset.qs.count()
        jobs.report(job, 0, total, "Đang ghi các dòng vào tệp Excel")
        wb = award_workbook(filterset.qs, progress=lambda n: jobs.report(job, n))
        buffer = io.BytesIO()
        wb.save(buffer)
        jobs.finish(job, f"Đã xuất {total:,} dòng khen thưởng.".replace(",", "."), data=buffer.getvalue(),
                    download_name=f"khen-thuong-{clock.today():%Y%m%d}.xlsx", result_url=f"/khen-thuong/?{query}")
        return total
