"""Form helpers shared by the apps: Vietnamese date fields, Bootstrap classes, service errors."""
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from .years import date_problem

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class VnDateField(forms.DateField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}))
        super().__init__(*args, **kwargs)
        label = str(self.label or "Ngày")
        self.error_messages["invalid"] = f"{label}: ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy."
        self.error_messages["required"] = f"{label}: không được để trống."
        self.validators.append(self._in_range)

    def _in_range(self, value):
        problem = date_problem(value, str(self.label or "Ngày"))
        if problem:
            raise ValidationError(problem, code="date_range")


class StyledForm(forms.Form):
    """Adds Bootstrap classes and Vietnamese 'required' messages naming the field. Fields that
    depend on the user (units in their scope) are added by `add_fields`."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.add_fields(user)
        style(self)

    def add_fields(self, user):
        pass


def style(form):
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")
        if "required" not in field.error_messages or "This field" in str(field.error_messages["required"]) \
                or "Trường này" in str(field.error_messages["required"]):
            field.error_messages["required"] = f"{field.label}: không được để trống."


def run_service(form, service, *args, **kwargs):
    """Call a service; its field errors land on the form's fields (or the form itself), and a refusal
    of this particular change on the form too. Returns the service's result, or None when it refused."""
    try:
        return service(*args, **kwargs)
    except PermissionDenied as exc:
        # The page was allowed but this particular change is not (e.g. lifting a unit to the top).
        form.add_error(None, str(exc) or "Bạn không có quyền thực hiện thay đổi này.")
        return None
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return None


def error_text(errors) -> str:
    """Every message of a ValidationError, or of a form's errors, as one line for a flash message."""
    if isinstance(errors, ValidationError):
        groups = errors.message_dict.values() if hasattr(errors, "error_dict") else [errors.messages]
    else:
        groups = errors.values()
    return " ".join(m for msgs in groups for m in msgs)
