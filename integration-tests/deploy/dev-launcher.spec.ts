/**
 * `npm run dev`, the README's first quick-start command, as a newcomer runs it:
 * no DATABASE_URL and no REDIS_URL, so it starts an embedded PostgreSQL,
 * migrates, sets up the store and an admin user, and runs `medusa develop`.
 * Ctrl-C (SIGINT to the whole process group, as a terminal sends it) stops
 * Medusa and the database; a second run reuses the data.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ProcessTracker, signalGroup, type Tracked } from "../helpers/processes"
import { freePort, portAnswers } from "../helpers/redis-server"
import { groupAlive } from "../../scripts/lib/process-groups"

jest.setTimeout(10 * 60 * 1000)

const REPO = join(__dirname, "..", "..")
const work = mkdtempSync(join(tmpdir(), "beauty-dev-"))
// The embedded server runs as the OS user "postgres" when the test runs as root.
chmodSync(work, 0o755)
const tracker = new ProcessTracker(work)
process.on("exit", () => tracker.killAllNow())

const httpPort = freePort()
const databasePort = freePort()
const dataDir = join(work, "postgres")

function devEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extra,
    PORT: String(httpPort),
    EMBEDDED_POSTGRES_PORT: String(databasePort),
    EMBEDDED_POSTGRES_DIR: dataDir,
  }
  // A developer's shell: no test-runner mode, nothing configured.
  const configured = ["DATABASE_URL", "REDIS_URL", "MEDUSA_ADMIN_EMAIL", "MEDUSA_ADMIN_PASSWORD", "STRIPE_API_KEY"]
  for (const name of ["NODE_ENV", ...configured, "STRIPE_WEBHOOK_SECRET", "TEST_STRIPE_API_URL"]) {
    delete env[name]
  }
  return env
}

async function waitForOutput(dev: Tracked, pattern: RegExp, timeoutSeconds: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutSeconds * 1000
  while (Date.now() < deadline) {
    const match = dev.output().match(pattern)
    if (match) {
      return match
    }
    if (dev.child.exitCode !== null) {
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(
    `npm run dev did not print ${pattern} within ${timeoutSeconds} s; its output:\n${dev.output().slice(-4000)}`
  )
}

interface Session {
  key: string
  login: { email: string; password: string }
}

/** Starts `npm run dev` and waits until the summary is printed and Medusa listens. */
async function startDev(
  name: string,
  timeoutSeconds: number,
  extra: Record<string, string> = {}
): Promise<{ dev: Tracked; session: Session }> {
  const dev = tracker.start(name, "exec npm run dev", { cwd: REPO, env: devEnvironment(extra) })
  const [, email, password] = await waitForOutput(dev, /Log in as: +(\S+) \/ (\S+)/, timeoutSeconds)
  const [, key] = await waitForOutput(dev, /x-publishable-api-key: (pk_\w+)/, 10)
  await waitForOutput(dev, /Server is ready on port/, 120)
  return { dev, session: { key, login: { email, password } } }
}

/**
 * Ctrl-C in the terminal: SIGINT to the whole foreground process group. npm
 * ends itself with the same signal once its script has stopped, as a shell
 * expects of an interrupted program; what the launcher did is in its output.
 */
async function pressCtrlC(dev: Tracked): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  signalGroup(dev.pid, "SIGINT")
  const exited = await Promise.race([
    dev.exited,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 60_000)),
  ])
  if (!exited) {
    throw new Error(`npm run dev did not stop within 60 s of Ctrl-C; its output:\n${dev.output().slice(-3000)}`)
  }
  return exited
}

async function storeProductCount(key: string): Promise<{ status: number; count: number }> {
  const response = await fetch(`http://localhost:${httpPort}/store/products?limit=1`, {
    headers: { "x-publishable-api-key": key },
  })
  const body = (await response.json()) as { count?: number }
  return { status: response.status, count: body.count ?? 0 }
}

async function adminLoginStatus(login: Session["login"]): Promise<number> {
  const response = await fetch(`http://localhost:${httpPort}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(login),
  })
  return response.status
}

describe("npm run dev on a machine with nothing configured", () => {
  let first: Session

  afterAll(async () => {
    await tracker.stopAll()
    rmSync(work, { recursive: true, force: true })
  })

  it("serves the seeded store, the admin login and the dashboard from an embedded PostgreSQL", async () => {
    const { dev, session } = await startDev("dev-first", 420)
    first = session
    expect(dev.output()).toContain(`initialising an embedded PostgreSQL in ${dataDir}`)
    expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true)

    const products = await storeProductCount(session.key)
    expect(products.status).toBe(200)
    expect(products.count).toBeGreaterThan(0)
    expect(await adminLoginStatus(session.login)).toBe(200)
    expect(await adminLoginStatus({ ...session.login, password: "not-the-password" })).toBe(401)

    const dashboard = await fetch(`http://localhost:${httpPort}/app`)
    expect(dashboard.status).toBe(200)
    expect(await dashboard.text()).toMatch(/<div id="(medusa|root)"/)

    expect(await pressCtrlC(dev)).toEqual({ code: null, signal: "SIGINT" })
    expect(dev.output()).toContain("[dev] SIGINT: stopping Medusa")
    expect(dev.output()).toContain("[dev] stopping the embedded PostgreSQL")
    expect(dev.output()).not.toContain("[dev] error")
    expect(groupAlive(dev.pid)).toBe(false)
    expect(await portAnswers(databasePort)).toBe(false)
    expect(await portAnswers(httpPort)).toBe(false)
  })

  it("reuses the database on the next run: the same key and admin, nothing set up twice", async () => {
    expect(first).toBeDefined()
    const { dev, session } = await startDev("dev-second", 240)
    expect(dev.output()).not.toContain("initialising an embedded PostgreSQL")
    expect(session.key).toBe(first.key)
    expect((await storeProductCount(session.key)).status).toBe(200)
    expect(await adminLoginStatus(session.login)).toBe(200)
    expect(await pressCtrlC(dev)).toEqual({ code: null, signal: "SIGINT" })
    expect(dev.output()).not.toContain("[dev] error")
    expect(groupAlive(dev.pid)).toBe(false)
    expect(await portAnswers(databasePort)).toBe(false)
  })

  it("takes Stripe card and MobilePay payments against the fake Stripe API with DEV_FAKE_STRIPE=true", async () => {
    const { dev, session } = await startDev("dev-fake-stripe", 240, { DEV_FAKE_STRIPE: "true" })
    expect(dev.output()).toContain("Stripe payments go to the fake Stripe API on http://127.0.0.1:12111")
    // The seed offers Stripe in both regions once it is configured, next to the manual provider in development.
    for (const region of ["Danmark", "EU"]) {
      expect(dev.output()).toContain(`payment providers of region "${region}": pp_system_default, pp_stripe_stripe`)
    }
    const demo = (pay: string) =>
      tracker.run(
        `checkout-demo-${pay}`,
        `npm run checkout-demo -- ${session.key} http://localhost:${httpPort} --pay ${pay}`,
        {
          cwd: REPO,
          env: devEnvironment(),
        }
      )
    const card = await demo("card")
    expect([card.code, card.output]).toEqual([0, expect.stringMatching(/card payment authorised\n.*order #\d+ placed/)])
    const mobilePay = await demo("mobilepay")
    expect([mobilePay.code, mobilePay.output]).toEqual([
      0,
      expect.stringMatching(/Stripe's webhook completed the cart\norder #\d+ placed/),
    ])
    expect(await pressCtrlC(dev)).toEqual({ code: null, signal: "SIGINT" })
    expect(await portAnswers(12111)).toBe(false)
  })
})
