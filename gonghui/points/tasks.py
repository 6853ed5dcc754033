from django_tasks import task

from gonghui.core.schedule import every


@every(days=1)
@task()
def expire_points_and_coins():
    from gonghui.points.services.catalogue import orders_expire
    from gonghui.points.services.expiry import expire_due

    return {"entries": expire_due(), "orders": orders_expire()}
