"""``{% load certificates %}{% my_certificates %}``: a signed-in user's certificates, for pages of other
apps (the applicant's dashboard) that must not import ceremonies."""
from django import template

from ceremonies import rules

register = template.Library()


@register.inclusion_tag("ceremonies/_my_certificates.html", takes_context=True)
def my_certificates(context):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return {"certificates": list(rules.own_certificates(user)) if user is not None else []}
