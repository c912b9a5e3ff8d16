# A small image with vodops: python:3.12-slim and 17 MB of vodops and its dependencies.
#   docker build -t vodops . && docker run --rm vodops --version
# Manifests are mounted at /manifests (the working directory); credentials come from the
# environment (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY). `vodops watch --metrics-port 9100
# --metrics-host 0.0.0.0` serves Prometheus metrics on the exposed port.

FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY vodops ./vodops
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN useradd --create-home --uid 10001 vodops
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER 10001
WORKDIR /manifests
EXPOSE 9100
ENTRYPOINT ["vodops"]
CMD ["--help"]
