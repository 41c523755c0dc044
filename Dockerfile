# The portal's image: gunicorn for the web, the same image runs Celery worker and beat.
#   docker build -t prize-portal .
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=prize_portal.settings.production \
    PORTAL_VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/var/media

# WeasyPrint's libraries (Pango, HarfBuzz subset); gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
# (pyproject.toml lists no packages of its own: `pip install .` installs the dependencies.)
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .

# Static files are collected at build time and served by WhiteNoise; the key is
# a throwaway used only for this step (production settings refuse the dev key).
RUN PYTHON=python bash scripts/i18n.sh --compile \
    && SECRET_KEY=build-time-collectstatic-only python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 --home-dir /app portal \
    && mkdir -p /app/var/media \
    && chown -R portal:portal /app/var

USER portal
EXPOSE 8000

CMD ["gunicorn", "prize_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
