# One image for the API, the worker and the one-shot migration job.
FROM python:3.11-slim
ARG TORCH_INDEX_URL=""
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 SMM_HOME=/data
WORKDIR /app
COPY pyproject.toml README.md constraints.txt ./
COPY core ./core
COPY agents ./agents
COPY graphs ./graphs
COPY policies ./policies
COPY simulator ./simulator
COPY workflows ./workflows
COPY api ./api
COPY evals ./evals
COPY fixtures ./fixtures
# torch is pinned to the CPU build, everything else by constraints.txt (the versions the classifier was fitted
# with); point TORCH_INDEX_URL at a CPU wheel index to avoid CUDA wheels.
RUN pip install --no-cache-dir ${TORCH_INDEX_URL:+--extra-index-url "$TORCH_INDEX_URL"} torch==2.13.0 \
 && pip install --no-cache-dir -c constraints.txt .
RUN useradd --system --uid 10001 smm && mkdir -p /data && chown smm /data
USER smm
EXPOSE 8000
CMD ["smm", "api", "--host", "0.0.0.0", "--port", "8000"]
