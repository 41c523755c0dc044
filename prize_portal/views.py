from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from accounts.roles import is_secretariat
from evaluation.rules import is_judge


@login_required
def after_login(request):
    """Send each person to where their work is: the admin, their reviews, or their applications."""
    if is_secretariat(request.user):
        return redirect("admin:index")
    if is_judge(request.user):
        return redirect("evaluation:dashboard")
    return redirect("applications:dashboard")
