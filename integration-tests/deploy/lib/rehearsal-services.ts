import { medusaRssMiB, pollHealth, type Tracked } from "../../helpers/processes"
import type { Infrastructure } from "./rehearsal-infrastructure"
import { figures } from "./rehearsal-record"
import { copy, SERVER_PORT, serverEnv, serverFile, tracker } from "./rehearsal-setting"

// The last phase: the server with its start command and port (the worker runs since the migration phase), its
// healthcheck polled as Railway polls it.

/** Starts the server and waits for its healthcheck; records its boot time and both services' memory. */
export async function startServer(infrastructure: Infrastructure, worker: Tracked): Promise<Tracked> {
  // `exec`: the start command itself is the process Railway signals.
  const server = tracker.start("server", `exec ${serverFile.deploy.startCommand}`, {
    cwd: copy,
    env: serverEnv(infrastructure),
  })
  const serverHealthy = await pollHealth(
    server,
    `http://127.0.0.1:${SERVER_PORT}${serverFile.deploy.healthcheckPath}`,
    serverFile.deploy.healthcheckTimeout
  )
  figures["server boot to healthy (s)"] = Math.round(serverHealthy)
  figures["server RSS after boot (MiB)"] = medusaRssMiB(server.pid)
  figures["worker RSS after boot (MiB)"] = medusaRssMiB(worker.pid)
  return server
}
