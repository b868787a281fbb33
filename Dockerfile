# The geokg API image used by docker-compose.yml (Neo4j runs in its own container).
FROM node:20-slim AS js
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
COPY graph ./graph
COPY api ./api
COPY loaders ./loaders
COPY cli ./cli
COPY samples ./samples
RUN pip install --no-cache-dir -c requirements.lock .
COPY --from=js /src/node_modules ./node_modules
ENV GEOKG_API_HOST=0.0.0.0 GEOKG_API_PORT=8000
EXPOSE 8000
CMD ["geokg", "serve", "--host", "0.0.0.0", "--port", "8000"]
