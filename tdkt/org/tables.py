"""The list of people (search results, a unit's members): sorting and one page of rows.

Rendered by a plain template rather than django-tables2: the person search is the busiest page and
the per-cell machinery of a generic table cost more than the query itself (bench foundation).
Sorting by name uses the Vietnamese sort key.
"""
from django.core.paginator import Paginator
from django.utils.functional import cached_property

PAGE_SIZE = 25

SORTS = {
    "full_name": ("sort_key", "id"),
    "birth_date": ("birth_date", "sort_key", "id"),
    "unit": ("unit__sort_key", "sort_key", "id"),
    "position": ("position", "sort_key", "id"),
}
COLUMNS = [("full_name", "Họ và tên"), ("birth_date", "Ngày sinh"), ("gender", "Giới tính"),
           ("position", "Chức vụ"), ("unit", "Đơn vị")]


# The search counts at most this many matches: an exact count of a common name ("nguyen van") reads
# the whole register on every keystroke; past it the page says "more than" and offers the first pages.
SEARCH_COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` rows (`capped` tells whether there are more)."""

    def __init__(self, *args, cap: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.cap = cap
        self.capped = False

    @cached_property
    def count(self):
        n = self.object_list[: self.cap + 1].count()
        self.capped = n > self.cap
        return min(n, self.cap)


def person_listing(request, queryset, count_cap: int | None = None) -> dict:
    """Context for `org/_person_table.html`: the sorted page of people and the sort links (with
    `count_cap`, at most that many are counted and paged)."""
    sort = request.GET.get("sort", "full_name")
    key = sort.lstrip("-")
    if key not in SORTS:
        sort, key = "full_name", "full_name"
    order = SORTS[key]
    if sort.startswith("-"):
        order = tuple(f"-{field}" for field in order)
    queryset = queryset.order_by(*order)
    paginator = (CappedPaginator(queryset, PAGE_SIZE, cap=count_cap) if count_cap
                 else Paginator(queryset, PAGE_SIZE))
    page = paginator.get_page(request.GET.get("page"))
    columns = [{"key": k, "label": label, "sortable": k in SORTS,
                "active": key == k, "descending": sort.startswith("-"),
                "next": f"-{k}" if sort == k else k} for k, label in COLUMNS]
    return {"page": page, "paginator": paginator, "columns": columns, "sort": sort}
