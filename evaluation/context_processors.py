"""``is_judge`` for templates (the "My reviews" link in the navigation). Lazy: the query runs only on pages that
ask, once per request."""
from django.utils.functional import SimpleLazyObject


def reviewer(request):
    from .rules import is_judge

    return {"is_judge": SimpleLazyObject(lambda: is_judge(request.user))}
