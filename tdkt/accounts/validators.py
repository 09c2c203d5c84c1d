"""Django's minimum-length validator with its message in Vietnamese (Django's vi catalogue leaves
this plural message untranslated; the other three validators are translated)."""
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự."

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short",
                                  params={"min_length": self.min_length})

    def get_help_text(self):
        return f"Mật khẩu phải có ít nhất {self.min_length} ký tự."
