from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prize_portal.downloads import private_file
from prize_portal.ids import parse_id

from . import rules, sections, services
from .phases import edition_phase
from .forms import ApplicationForm, ProfileForm
from .models import ApplicantProfile, Application, Attachment, Category


def home(request):
    edition = services.current_edition()
    categories = edition.categories.all() if edition else []
    return render(request, "applications/home.html", {
        "edition": edition, "categories": categories, "phase": edition_phase(edition) if edition else None})


def about(request):
    return render(request, "applications/about.html", {"edition": services.current_edition()})


def _own_application(request, pk):
    """The signed-in applicant's own application, or 404 — never someone else's."""
    return get_object_or_404(rules.own_applications(request.user).select_related("edition", "category", "applicant"),
                             pk=pk)


def _readable_application(request, pk):
    application = get_object_or_404(Application.objects.select_related("edition", "category", "applicant"), pk=pk)
    if not rules.can_read_application(request.user, application):
        raise Http404
    return application


@login_required
def dashboard(request):
    profile = ApplicantProfile.objects.filter(user=request.user).first()
    edition = services.current_edition()
    applications = (rules.own_applications(request.user).select_related("edition", "category", "applicant")
                    .order_by("-edition__year", "-created_at"))
    rows = [{"application": a, "status": rules.applicant_status_label(a),
             "deadline": services.deadline_for(applicant=a.applicant, edition=a.edition)} for a in applications]
    offers = []
    if edition and profile:
        for category in edition.categories.all():
            allowed, reason = services.entry_check(applicant=profile, category=category)
            nominate, nominate_reason = (services.entry_check(applicant=profile, category=category, is_nomination=True)
                                         if category.accepts_nominations else (False, ""))
            offers.append({"category": category, "allowed": allowed, "reason": reason, "nominate": nominate,
                           # Each refusal says its own reason; the same one (a deadline) is said once.
                           "nominate_reason": nominate_reason if nominate_reason != reason else ""})
    deadline = services.deadline_for(applicant=profile, edition=edition) if edition and profile else (
        edition.closes_at if edition else None)
    return render(request, "applications/dashboard.html", {
        "profile": profile, "edition": edition, "rows": rows, "offers": offers, "deadline": deadline})


@login_required
def profile(request):
    instance = ApplicantProfile.objects.filter(user=request.user).first()
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=instance)
        if form.is_valid():
            profile = form.save(commit=False)
            profile.user = request.user
            profile.save()
            messages.success(request, _("Your profile is saved."))
            return redirect("applications:dashboard")
    else:
        form = ProfileForm(instance=instance, initial={} if instance else {"contact_email": request.user.email})
    return render(request, "applications/profile.html", {"form": form})


@login_required
@require_POST
def start(request):
    profile = ApplicantProfile.objects.filter(user=request.user).first()
    if profile is None:
        messages.error(request, _("Complete your applicant profile before you apply."))
        return redirect("applications:profile")
    category = Category.objects.filter(pk=parse_id(request.POST.get("category", ""))).first()
    if category is None:
        messages.error(request, _("That category does not exist. Please choose one from the list."))
        return redirect("applications:dashboard")
    try:
        application = services.start_application(
            applicant=profile, category=category, is_nomination=request.POST.get("nomination") == "1")
    except services.ApplicationError as error:
        messages.error(request, str(error))
        return redirect("applications:dashboard")
    return redirect("applications:edit", pk=application.pk)


@login_required
def edit(request, pk):
    application = _own_application(request, pk)
    if not application.is_editable:
        return redirect("applications:detail", pk=application.pk)
    if request.method == "POST" and not request.POST and not request.FILES and not request.unreadable_file_names:
        # No fields at all (a script, an aborted upload): nothing to save, and nothing to wipe.
        return HttpResponseBadRequest(_("The form arrived empty, so nothing was changed. Please try again."))
    form = ApplicationForm(request.POST or None, request.FILES or None, instance=application)
    if request.method == "POST":
        form.is_valid()
        # Save every valid field first, so nothing typed is lost whatever else goes wrong.
        services.save_draft(application=application, changes=form.section_changes())
        # A "Remove" click posts the whole form: remove first (room for new files), then add what was chosen,
        # and re-render on any error rather than redirect, so a typed value or a refused file is never lost.
        if "remove_attachment" in request.POST:
            _remove_attachment(request, application, request.POST["remove_attachment"])
        for name in request.unreadable_file_names:
            form.add_error("new_attachments", _(
                "“%(name)s” was not added: its name could not be read (it is not in UTF-8, which happens with files "
                "named on some older systems). Rename the file, for example without accents, and choose it again.")
                % {"name": name})
        for uploaded in form.cleaned_data.get("new_attachments") or []:
            try:
                services.add_attachment(application=application, uploaded_file=uploaded)
            except ValidationError as error:
                form.add_error("new_attachments", error)
        if form.errors:
            messages.error(request, _("Your draft was saved, but some things need your attention below."))
        elif "remove_attachment" in request.POST:
            return _back_to_section(application, "links-and-attachments")
        elif "submit" in request.POST:
            return _submit(request, application, form)
        else:
            messages.success(request, _("Draft saved."))
            # Back to the section the applicant was in: its own Save button, or the one last edited (a11y.js).
            return _back_to_section(application, request.POST.get("save"), request.POST.get("section"))
    return _render_edit(request, application, form)


def _back_to_section(application, *candidates):
    url = reverse("applications:edit", kwargs={"pk": application.pk})
    known = sections.slugs(application)
    slug = next((candidate for candidate in candidates if candidate in known), None)
    return redirect(f"{url}#section-{slug}" if slug else url)


def _render_edit(request, application, form):
    deadline = services.deadline_for(applicant=application.applicant, edition=application.edition)
    form_sections = sections.sections(application, form)
    complete, total = sections.progress(form_sections)
    return render(request, "applications/edit.html", {
        "application": application, "form": form, "deadline": deadline,
        "attachments": application.attachments.all(), "sections": form_sections,
        "complete": complete, "total": total,
    })


def _submit(request, application, form):
    problems = services.completeness_errors(application)
    for field, message in problems.items():
        form.add_error(field if field in form.fields else None, message)
    if not problems:
        try:
            application = services.submit_application(application=application, user=request.user)
        except services.ApplicationError as error:
            messages.error(request, str(error))
            return redirect("applications:edit", pk=application.pk)
        messages.success(request, _("Thank you. Your application %(reference)s has been submitted; a confirmation "
                                    "email is on its way.") % {"reference": application.reference})
        return redirect("applications:detail", pk=application.pk)
    messages.error(request, _("Your draft was saved. It cannot be submitted yet: see the notes next to each section."))
    return _render_edit(request, application, form)


@login_required
def detail(request, pk):
    application = _readable_application(request, pk)
    if rules.can_edit_application(request.user, application):
        return redirect("applications:edit", pk=application.pk)
    return render(request, "applications/detail.html", {
        "application": application, "status_label": rules.applicant_status_label(application),
        "is_owner": rules.is_owner(request.user, application),
        "show_private": rules.can_see_contact_details(request.user, application),
        "can_withdraw": rules.can_withdraw_application(request.user, application),
        "can_reopen": rules.can_reopen_application(request.user, application),
    })


@login_required
@require_POST
def reopen(request, pk):
    application = _own_application(request, pk)
    try:
        services.reopen_application(application=application, user=request.user)
    except services.ApplicationError as error:
        messages.error(request, str(error))
        return redirect("applications:detail", pk=application.pk)
    messages.warning(request, _("Application %(reference)s is open for edits. It is NOT submitted until you submit it "
                                "again before the deadline.") % {"reference": application.reference})
    return redirect("applications:edit", pk=application.pk)


@login_required
def pdf(request, pk):
    from .pdf import pdf_for_download

    application = _readable_application(request, pk)
    data = pdf_for_download(application, show_private=rules.can_see_contact_details(request.user, application))
    if data is None:  # a worker is rendering it: this page reloads until it is ready
        return render(request, "applications/pdf_preparing.html", {"application": application}, status=202)
    response = HttpResponse(data, content_type="application/pdf")
    name = application.reference or f"draft-{application.pk}"
    return private_file(response, filename=f"{name}.pdf")


@login_required
def withdraw(request, pk):
    application = _own_application(request, pk)
    if request.method == "POST":
        try:
            services.withdraw_application(application=application, user=request.user,
                                          reason=request.POST.get("reason", "")[:2000])
        except services.ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The application has been withdrawn. It is kept in your list, marked withdrawn."))
        return redirect("applications:dashboard")
    return render(request, "applications/withdraw.html", {
        "application": application, "under_evaluation": application.status in services.UNDER_EVALUATION})


@login_required
def attachment(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("application__applicant"), pk=pk)
    if not rules.can_read_attachment(request.user, attachment):
        raise Http404
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    return private_file(response, filename=attachment.original_name, inline=request.GET.get("download") != "1")


def _remove_attachment(request, application, attachment_id):
    attachment = application.attachments.filter(pk=parse_id(attachment_id)).first()
    if attachment is not None:
        services.remove_attachment(attachment=attachment)
        messages.success(request, _("Draft saved; “%(name)s” was removed.") % {"name": attachment.original_name})


def confirm_nomination(request, token):
    application = get_object_or_404(Application.objects.select_related("applicant", "category"),
                                    nominee_token=token, is_nomination=True)
    if request.method == "POST":
        services.confirm_nomination(application=application)
        messages.success(request, _("Thank you: you have confirmed your nomination."))
    return render(request, "applications/confirm_nomination.html", {"application": application})
