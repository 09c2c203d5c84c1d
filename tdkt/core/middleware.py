"""Request guards shared by every page.

`BoundedIds`: a URL's integer parameter (`<int:pk>`, `<int:unit_id>`, `<int:year>` …) beyond what a
database column can hold answers 404 before the view runs. Django's `int` converter accepts any run of
digits, and a lookup through a foreign key with 99999999999999999999 made SQLite raise OverflowError
(a 500) where a missing record must answer 404. The bound is PostgreSQL's `bigint`, the widest id.
"""
from django.http import Http404

ID_MAX = 2**63 - 1


class BoundedIds:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        values = list(view_args) + list(view_kwargs.values())
        if any(isinstance(v, int) and not isinstance(v, bool) and not -ID_MAX <= v <= ID_MAX for v in values):
            raise Http404("Không có bản ghi này.")
        return None
