from django.conf import settings


def portal(request):
    return {"CONTACT_EMAIL": settings.CONTACT_EMAIL, "SITE_URL": settings.SITE_URL}
