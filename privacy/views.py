from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import rules, services
from .forms import CloseAccountForm, ConsentForm
from .models import Consent, DataExport, ErasureRequest


def notice(request):
    current = services.current_notice()
    return render(request, "privacy/notice.html", {"notice": current})


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "after_login"


@login_required
def consent(request):
    current = services.current_notice()
    if current is None or not services.needs_consent(request.user):
        return redirect(_next(request))
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_consent(user=request.user, notice=current)
        return redirect(_next(request))
    return render(request, "privacy/consent.html", {
        "notice": current, "form": form, "next": _next(request)})


@login_required
@never_cache
def my_data(request):
    return _my_data_page(request, CloseAccountForm())


@login_required
@require_POST
def request_copy(request):
    services.request_export(user=request.user)
    messages.success(request, _("We are preparing a copy of your data. It will be listed here when it is ready."))
    return redirect("privacy:my_data")


@login_required
def download_copy(request, token):
    export = get_object_or_404(DataExport, token=token)
    if not rules.can_download_export(request.user, export) or not default_storage.exists(export.file.name):
        raise Http404
    response = FileResponse(default_storage.open(export.file.name, "rb"), as_attachment=True,
                            filename=f"my-data-{export.requested_at:%Y%m%d}.zip", content_type="application/zip")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def close_account(request):
    form = CloseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_erasure(user=request.user)
        messages.success(request, _("Your request is with the secretariat. We will tell you when it is done."))
        return redirect("privacy:my_data")
    return _my_data_page(request, form)


def _my_data_page(request, close_form):
    return render(request, "privacy/my_data.html", {
        "exports": DataExport.objects.filter(user=request.user)[:5], "close_form": close_form,
        "consents": Consent.objects.filter(user=request.user).select_related("notice"),
        "erasure": ErasureRequest.objects.filter(user=request.user, done_at=None).first()})
