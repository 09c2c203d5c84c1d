"""Forms of the award pages."""
from django import forms


class RevocationForm(forms.Form):
    act_number = forms.CharField(label="Số văn bản thu hồi", max_length=50,
                                 error_messages={"required": "Phải ghi số văn bản thu hồi."})
    act_date = forms.DateField(label="Ngày văn bản (dd/mm/yyyy)", input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                               error_messages={"required": "Phải ghi ngày văn bản.",
                                               "invalid": "Ngày văn bản không hợp lệ (dd/mm/yyyy)."})
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Phải ghi lý do thu hồi."})
