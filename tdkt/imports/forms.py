"""The upload form of an import file."""
from django import forms

from .models import ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label="Loại dữ liệu", choices=ImportKind.choices, widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                             initial=ImportKind.PEOPLE,
                             error_messages={"required": "Hãy chọn loại dữ liệu cần nhập.",
                                             "invalid_choice": "Loại dữ liệu không hợp lệ."})
    file = forms.FileField(label="Tệp Excel (.xlsx)",
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,application/vnd.openxmlformats-"
                                                                            "officedocument.spreadsheetml.sheet"}),
                           error_messages={"required": "Hãy chọn tệp Excel cần nhập.",
                                           "empty": "Tệp rỗng.",
                                           "invalid": "Tệp tải lên không hợp lệ."})
