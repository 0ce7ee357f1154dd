import { installWorkerReadiness } from "./src/health/worker-readiness"

/**
 * `medusa start` calls register() before it creates the HTTP server. This
 * project traces nothing (Medusa logs "OTEL registered" regardless); it uses
 * the hook to give the worker the same GET /health/ready as the server, so
 * Railway's healthcheck on the worker proves its database and Redis answer.
 */
export function register(): void {
  installWorkerReadiness()
}
