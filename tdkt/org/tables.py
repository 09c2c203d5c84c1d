"""The list of people (search results, a unit's members): sorting and one page of rows.

Rendered by a plain template rather than django-tables2: the person search is the busiest page and
the per-cell machinery of a generic table cost more than the query itself (bench foundation).
Sorting by name uses the Vietnamese sort key.
"""
from django.core.paginator import Paginator

PAGE_SIZE = 25

SORTS = {
    "full_name": ("sort_key", "id"),
    "birth_date": ("birth_date", "sort_key", "id"),
    "unit": ("unit__sort_key", "sort_key", "id"),
    "position": ("position", "sort_key", "id"),
}
COLUMNS = [("full_name", "Họ và tên"), ("birth_date", "Ngày sinh"), ("gender", "Giới tính"),
           ("position", "Chức vụ"), ("unit", "Đơn vị")]


def person_listing(request, queryset) -> dict:
    """Context for `org/_person_table.html`: the sorted page of people and the sort links."""
    sort = request.GET.get("sort", "full_name")
    key = sort.lstrip("-")
    if key not in SORTS:
        sort, key = "full_name", "full_name"
    order = SORTS[key]
    if sort.startswith("-"):
        order = tuple(f"-{field}" for field in order)
    paginator = Paginator(queryset.order_by(*order), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    columns = [{"key": k, "label": label, "sortable": k in SORTS,
                "active": key == k, "descending": sort.startswith("-"),
                "next": f"-{k}" if sort == k else k} for k, label in COLUMNS]
    return {"page": page, "paginator": paginator, "columns": columns, "sort": sort}
