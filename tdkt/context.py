"""Template context shared by every page: the user's role, the navigation, and the glossary terms the
forms' "?" hints name (templates/help/_hint.html)."""
from tdkt.core.choices import Role
from tdkt.core.scope import can_write, profile_of, role_of
from tdkt.help import TERMS


def navigation(request):
    user = getattr(request, "user", None)
    role = role_of(user) if user else None
    profile = profile_of(user) if role else None
    unread = 0
    if role:
        from tdkt.dossiers.models import Notification

        unread = Notification.objects.visible_to(user).filter(read_at__isnull=True).count()
    return {"tdkt_role": role, "tdkt_profile": profile, "tdkt_can_write": bool(user and can_write(user)),
            "tdkt_unread": unread, "tdkt_is_admin": role == Role.ADMIN,
            "tdkt_is_office": role in (Role.ADMIN, Role.OFFICER), "tdkt_terms": TERMS}
