// Fault-drill fixture, preloaded into the worker by worker-killed.spec.ts through NODE_OPTIONS (--require): the
// built shop's email-log provider takes SEND_MS to send each notification, so the drill can kill the worker while
// a confirmation is on its way (its row is written "pending" before the provider is called). Production code has
// no such delay; only this file, loaded only by that drill, adds it.
//
// NODE_OPTIONS reaches every Node process the start script spawns (npm, scripts/start.mjs, the migration wait);
// only `medusa start` loads the provider, so only there is it slowed.
const { join } = require("node:path")

const SEND_MS = 4_000
const PROVIDER = join(__dirname, "..", "..", "..", ".medusa", "server", "src", "modules", "email-log", "service.js")

// The built shop's CLI, as scripts/start.mjs spawns it (.bin/medusa, a link to @medusajs/cli/cli.js).
const isMedusaStart = /[\\/](medusa|cli\.js)$/.test(process.argv[1] ?? "") && process.argv[2] === "start"

if (isMedusaStart) {
  const EmailLog = require(PROVIDER).default
  const send = EmailLog.prototype.send
  EmailLog.prototype.send = async function slowSend(notification) {
    await new Promise((resolve) => setTimeout(resolve, SEND_MS))
    return send.call(this, notification)
  }
}

module.exports = { SEND_MS }
