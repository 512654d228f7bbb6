# Frontend Service Dockerfile, fixed: a supported Node.js, the lock file,
# only what the build needs, a non-root user.
FROM node:24-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY src/ ./src/
RUN npm run build
USER node
EXPOSE 80
CMD ["npm", "start"]
