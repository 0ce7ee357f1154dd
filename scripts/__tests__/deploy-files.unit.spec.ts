/**
 * The deploy files cannot drift apart: .railway/deploy.json is the source of
 * truth, and railway.toml, railway.worker.toml, nixpacks.toml, railpack.json,
 * the IaC file .railway/railway.ts and package.json are checked against it
 * and against Railway's and Railpack's published schemas, whose copies live in
 * .railway/schemas (refreshed by npm run refresh-schemas).
 */
import { createHash } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import Ajv from "ajv"
import Ajv2020 from "ajv/dist/2020"
import { createRailwayContext, project } from "railway/iac"
import { parseToml } from "../../integration-tests/helpers/toml"
import program from "../../.railway/railway"
import settings from "../../.railway/deploy.json"

const ROOT = join(__dirname, "..", "..")
const SCHEMAS = join(ROOT, ".railway", "schemas")

const read = (path: string) => readFileSync(join(ROOT, path), "utf8")
const readToml = (path: string) => parseToml(read(path)) as Record<string, any>
const packageJson = JSON.parse(read("package.json"))

function schema(name: string): object {
  const path = join(SCHEMAS, name)
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: restore it from git or run npm run refresh-schemas`)
  }
  return JSON.parse(readFileSync(path, "utf8"))
}

function validate(ajv: Ajv | Ajv2020, schemaName: string, data: unknown): string[] {
  const check = ajv.compile(schema(schemaName))
  return check(data) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)
}

type Service = "server" | "worker"
const SERVICES: Service[] = ["server", "worker"]

/** What a service's config file must say, derived from deploy.json. */
function expectedConfigFile(name: Service) {
  const own = settings.services[name] as { startCommand: string; preDeployCommand?: string; healthcheckPath: string }
  return {
    build: {
      builder: settings.build.builder,
      buildCommand: settings.build.buildCommand,
      watchPatterns: settings.build.watchPatterns,
    },
    deploy: {
      startCommand: own.startCommand,
      ...(own.preDeployCommand ? { preDeployCommand: [own.preDeployCommand] } : {}),
      healthcheckPath: own.healthcheckPath,
      ...settings.deploy,
    },
  }
}

async function evaluateIac() {
  const definition = await program(createRailwayContext({ environment: "production", command: "plan" }), project)
  const byName = (name: string) => definition.resources!.find((r: any) => r.name === name) as any
  return { definition, server: byName("server"), worker: byName("worker"), redis: byName("Redis") }
}

/** Every shell command each deploy file asks Railway to run. */
function allDeployCommands(): Array<{ where: string; command: string }> {
  const commands: Array<{ where: string; command: string }> = []
  for (const name of SERVICES) {
    const file = settings.services[name].configFile
    const toml = readToml(file)
    commands.push({ where: `${file} build`, command: toml.build.buildCommand })
    commands.push({ where: `${file} start`, command: toml.deploy.startCommand })
    for (const c of toml.deploy.preDeployCommand ?? []) {
      commands.push({ where: `${file} preDeploy`, command: c })
    }
  }
  const nixpacks = readToml("nixpacks.toml")
  for (const phase of Object.keys(nixpacks.phases)) {
    for (const c of nixpacks.phases[phase].cmds) {
      commands.push({ where: `nixpacks.toml ${phase}`, command: c })
    }
  }
  commands.push({ where: "deploy.json install", command: settings.build.installCommand })
  return commands
}

describe("railway.toml and railway.worker.toml", () => {
  it.each(SERVICES)("the %s file validates against Railway's schema", (name) => {
    const ajv = new Ajv({ allErrors: true, strict: false })
    expect(validate(ajv, "railway.schema.json", readToml(settings.services[name].configFile))).toEqual([])
  })

  it.each(SERVICES)("the %s file says exactly what .railway/deploy.json says", (name) => {
    const { $schema: _schema, ...toml } = readToml(settings.services[name].configFile)
    expect(toml).toEqual(expectedConfigFile(name))
  })

  it("points both healthchecks at the readiness endpoint", () => {
    expect(readToml("railway.worker.toml").deploy.healthcheckPath).toBe("/health/ready")
    expect(readToml("railway.toml").deploy.healthcheckPath).toBe("/health/ready")
  })

  it("gives server and worker different start commands and only the server a migration", () => {
    const server = readToml("railway.toml")
    const worker = readToml("railway.worker.toml")
    expect(server.deploy.startCommand).not.toEqual(worker.deploy.startCommand)
    expect(server.deploy.preDeployCommand).toEqual(["npm run migrate"])
    expect(worker.deploy.preDeployCommand).toBeUndefined()
  })

  it("the schema check itself rejects a wrong builder (guards the validator)", () => {
    const ajv = new Ajv({ allErrors: true, strict: false })
    expect(validate(ajv, "railway.schema.json", { build: { builder: "nixpacks" } })).not.toEqual([])
  })
})

describe("railpack.json and nixpacks.toml", () => {
  it("railpack.json validates against Railpack's schema", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    expect(validate(ajv, "railpack.schema.json", JSON.parse(read("railpack.json")))).toEqual([])
  })

  it("nixpacks.toml installs with npm ci and builds with npm run build", () => {
    const nixpacks = readToml("nixpacks.toml")
    expect(nixpacks.phases.install.cmds).toEqual([settings.build.installCommand])
    expect(nixpacks.phases.build.cmds).toEqual([settings.build.buildCommand])
  })
})

describe("the Infrastructure as Code file (.railway/railway.ts)", () => {
  it("declares Redis, the server and the worker", async () => {
    const { definition } = await evaluateIac()
    expect(definition.resources!.map((r: any) => r.name).sort()).toEqual(["Redis", "server", "worker"])
  })

  it.each(SERVICES)("builds and deploys the %s with the settings of .railway/deploy.json", async (name) => {
    const iac = await evaluateIac()
    const expected = expectedConfigFile(name)
    expect(iac[name].build).toEqual(expected.build)
    expect(iac[name].deploy).toEqual(expected.deploy)
  })

  it("runs the pre-deploy migration on the server only", async () => {
    const { server, worker } = await evaluateIac()
    expect(server.deploy.preDeployCommand).toEqual(["npm run migrate"])
    expect(worker.deploy.preDeployCommand).toBeUndefined()
    expect(server.deploy.startCommand).not.toEqual(worker.deploy.startCommand)
  })

  it.each(SERVICES)(
    "gives the %s every variable production requires, by reference, no secret literal",
    async (name) => {
      const iac = await evaluateIac()
      const variables = iac[name].variables
      expect(variables.MEDUSA_WORKER_MODE).toEqual({ type: "literal", value: name })
      expect(variables.REDIS_URL).toEqual({ type: "reference", resource: "database.Redis", output: "REDIS_URL" })
      for (const shared of ["DATABASE_URL", "JWT_SECRET", "COOKIE_SECRET", "STORE_CORS", "ADMIN_CORS", "AUTH_CORS"]) {
        expect([shared, variables[shared]]).toEqual([shared, { type: "sharedReference", name: shared }])
      }
      // Left to the start scripts: as a service variable it would reach the
      // build too, where npm then skips the devDependencies the build needs.
      expect(variables.NODE_ENV).toBeUndefined()
    }
  )

  it("gives DATABASE_MIGRATION_URL to the service that migrates", async () => {
    const { server } = await evaluateIac()
    expect(server.variables.DATABASE_MIGRATION_URL).toEqual({ type: "sharedReference", name: "DATABASE_MIGRATION_URL" })
  })
})

describe("the schema copies in .railway/schemas", () => {
  it.each(["railway.schema.json", "railpack.schema.json"])("%s is the copy its README records (sha256)", (name) => {
    const sha256 = createHash("sha256")
      .update(readFileSync(join(SCHEMAS, name)))
      .digest("hex")
    const row = read(".railway/schemas/README.md")
      .split("\n")
      .find((line) => line.startsWith(`| ${name} |`))
    expect(row).toContain(`\`${sha256}\``)
  })
})

describe("commands and versions", () => {
  it("every command in every deploy file is the install command or an existing npm script", () => {
    const problems = allDeployCommands()
      .map(({ where, command }) => {
        if (command === "npm ci --include=dev") {
          return undefined
        }
        const script = command.match(/^npm run ([\w:-]+)$/)?.[1]
        if (!script) {
          return `${where}: "${command}" is not of the form "npm run <script>"`
        }
        return packageJson.scripts[script] ? undefined : `${where}: npm script "${script}" does not exist`
      })
      .filter(Boolean)
    expect(problems).toEqual([])
    expect(allDeployCommands().length).toBeGreaterThanOrEqual(8)
  })

  it("the Node major agrees everywhere", () => {
    const major = settings.node
    const versions = {
      ".nvmrc": read(".nvmrc").trim(),
      "engines.node (lower bound major)": packageJson.engines.node.match(/>=\s*(\d+)/)?.[1],
      "engines.node (upper bound)": packageJson.engines.node.match(/<\s*(\d+)/)?.[1],
      "nixpacks.toml": readToml("nixpacks.toml").variables.NIXPACKS_NODE_VERSION,
      "railpack.json": JSON.parse(read("railpack.json")).packages.node,
      ".ci/run NODE_PIN": read(".ci/run").match(/NODE_PIN="(\d+)\./)?.[1],
    }
    expect(versions).toEqual({
      ".nvmrc": major,
      "engines.node (lower bound major)": major,
      "engines.node (upper bound)": String(Number(major) + 1),
      "nixpacks.toml": major,
      "railpack.json": major,
      ".ci/run NODE_PIN": major,
    })
  })
})
