from gonghui.core.models import AccessLog


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def log_access(*, request, action: str, subject, org=None, label: str = "") -> AccessLog:
    return AccessLog.objects.create(
        user=request.user,
        action=action,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        subject_label=label or str(subject),
        org=org,
        ip_address=client_ip(request),
        path=request.path[:255],
    )
