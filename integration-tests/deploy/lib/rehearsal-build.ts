import { execFileSync } from "node:child_process"
import { cpSync, mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import type { Infrastructure } from "./rehearsal-infrastructure"
import { expectSuccess } from "./rehearsal-output"
import { figures } from "./rehearsal-record"
import { copy, REPO, serverFile, serviceEnv, settings, tracker } from "./rehearsal-setting"

// The second phase: Railway's build. A clean clone, then the install and build commands of the deploy files (never
// repeated here), with the server service's variables.

/** Copies the repository and installs and builds in the copy; records how long each took. */
export async function buildLikeRailway(infrastructure: Infrastructure): Promise<void> {
  copyRepository()
  const buildEnv = serviceEnv(infrastructure, { MEDUSA_WORKER_MODE: settings.services.server.workerMode })
  const install = await tracker.run("install", settings.build.installCommand, { cwd: copy, env: buildEnv })
  expectSuccess(install)
  figures["install (s)"] = Math.round(install.seconds)
  const build = await tracker.run("build", serverFile.build.buildCommand, { cwd: copy, env: buildEnv })
  expectSuccess(build)
  figures["build (s)"] = Math.round(build.seconds)
}

/** Copies what git would check out (tracked and new, not ignored), like Railway's clone. */
function copyRepository(): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO,
    encoding: "utf8",
  })
    .split("\0")
    .filter(Boolean)
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true })
    try {
      cpSync(join(REPO, file), join(copy, file))
    } catch {
      // deleted in the working tree but still in the index
    }
  }
}
