import type { Env } from "./env"
import { ConfigError, configWarning, type ConfigWarning } from "./errors"
import type { ModuleDeclaration } from "./modules"

/**
 * Where notifications go. Two channels:
 *   email  order confirmations to customers
 *   feed   the admin dashboard's notification bell (the low-stock report)
 *
 * Email goes through SendGrid when SENDGRID_API_KEY is set, otherwise
 * src/modules/email-log writes each message to the log (recipient masked;
 * the text too, in development only). Why SendGrid: it is the
 * email provider Medusa itself ships and maintains
 * (`@medusajs/medusa/notification-sendgrid`, already inside @medusajs/medusa,
 * so no extra dependency and no provider code of ours), and it sends over an
 * HTTPS API: Railway restricts outbound SMTP on its lower plans, so an
 * SMTP-based mailer would time out there. The feed channel always stays on
 * the local provider, as in Medusa's default configuration.
 *
 * A production process that sends email (worker or shared mode) refuses to
 * start with neither SendGrid nor EMAIL_LOG_ONLY=true: a forgotten key would
 * otherwise leave every customer without a confirmation, noticed only by the
 * customers. A logged confirmation is recorded as not sent
 * (src/workflows/steps/previous-order-confirmations.ts), so
 * `npm run send-confirmations` can send it once a provider is set.
 */
export interface NotificationSettings {
  module: ModuleDeclaration
  email: "sendgrid" | "log"
  summary: string
  warnings: ConfigWarning[]
}

/** The provider id of src/modules/email-log: its rows never count as sent. */
export const EMAIL_LOG_PROVIDER_ID = "email-log"

const EMAIL_ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

/**
 * `sendsEmail`: this process runs subscribers (worker or shared mode), so the
 * production rules about logged-only emails apply where emails are sent.
 */
export function notificationSettings(
  env: Pick<Env, "SENDGRID_API_KEY" | "SENDGRID_FROM" | "EMAIL_LOG_ONLY">,
  { production, sendsEmail }: { production: boolean; sendsEmail: boolean }
): NotificationSettings {
  // Paths in `resolve` are relative to the project root, which is
  // .medusa/server in a build (src/modules/email-log is compiled there).
  const apiKey = env.SENDGRID_API_KEY
  if (!apiKey) {
    if (env.SENDGRID_FROM) {
      throw new ConfigError(
        "SENDGRID_API_KEY",
        "is required when SENDGRID_FROM is set (or unset SENDGRID_FROM to log emails instead)"
      )
    }
    const logOnPurpose = env.EMAIL_LOG_ONLY === true
    if (production && sendsEmail && !logOnPurpose) {
      throw new ConfigError(
        "SENDGRID_API_KEY",
        "a production worker needs an email provider: set SENDGRID_API_KEY and SENDGRID_FROM, or EMAIL_LOG_ONLY=true to log confirmations on purpose (they are recorded as not sent)"
      )
    }
    return {
      module: notificationModule([
        localProvider(["feed"]),
        {
          resolve: "./src/modules/email-log",
          id: EMAIL_LOG_PROVIDER_ID,
          options: { channels: ["email"], show_body: !production },
        },
      ]),
      email: "log",
      summary: `notifications: emails are written to the log and recorded as not sent (${logOnPurpose ? "EMAIL_LOG_ONLY=true" : "SENDGRID_API_KEY not set"}); admin feed on`,
      warnings:
        production && sendsEmail
          ? [
              configWarning(
                "EMAIL_LOG_ONLY=true: order confirmations are only written to the worker's log (recorded as not sent), no customer gets an email",
                "set SENDGRID_API_KEY and SENDGRID_FROM (a sender verified in SendGrid) on the worker service, unset EMAIL_LOG_ONLY, then send the logged ones with npm run send-confirmations"
              ),
            ]
          : [],
    }
  }
  // Both at once is a contradiction an operator makes while switching over;
  // refusing it makes them say which one they mean, instead of the shop
  // guessing (sending would surprise whoever set the flag, logging would
  // leave customers without the email the key was set for).
  if (env.EMAIL_LOG_ONLY === true) {
    throw new ConfigError(
      "EMAIL_LOG_ONLY",
      "is true while SENDGRID_API_KEY is set: unset EMAIL_LOG_ONLY to send through SendGrid, or unset SENDGRID_API_KEY to only log"
    )
  }
  if (!env.SENDGRID_FROM) {
    throw new ConfigError(
      "SENDGRID_FROM",
      "is required when SENDGRID_API_KEY is set: a sender address verified in SendGrid, e.g. ordre@beauty-shop.dk"
    )
  }
  if (!EMAIL_ADDRESS.test(env.SENDGRID_FROM)) {
    throw new ConfigError(
      "SENDGRID_FROM",
      `must be an email address such as ordre@beauty-shop.dk (got "${env.SENDGRID_FROM}")`
    )
  }
  return {
    module: notificationModule([
      localProvider(["feed"]),
      {
        resolve: "@medusajs/medusa/notification-sendgrid",
        id: "sendgrid",
        options: { channels: ["email"], api_key: apiKey, from: env.SENDGRID_FROM },
      },
    ]),
    email: "sendgrid",
    summary: `notifications: emails through SendGrid from ${env.SENDGRID_FROM}; admin feed on`,
    warnings: [],
  }
}

function localProvider(channels: string[]) {
  return {
    resolve: "@medusajs/medusa/notification-local",
    id: "local",
    options: { name: "Local Notification Provider", channels },
  }
}

function notificationModule(providers: Array<Record<string, unknown>>): ModuleDeclaration {
  return { resolve: "@medusajs/medusa/notification", options: { providers } }
}
