import type { Env } from "./env"
import { ConfigError, configWarning, type ConfigWarning } from "./errors"
import type { ModuleDeclaration } from "./redis"

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
 */
export interface NotificationSettings {
  module: ModuleDeclaration
  email: "sendgrid" | "log"
  summary: string
  warnings: ConfigWarning[]
}

const EMAIL_ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

/**
 * `sendsEmail`: this process runs subscribers (worker or shared mode), so the
 * production warning about logged-only emails is shown where it matters.
 */
export function notificationSettings(
  env: Pick<Env, "SENDGRID_API_KEY" | "SENDGRID_FROM">,
  { production, sendsEmail }: { production: boolean; sendsEmail: boolean }
): NotificationSettings {
  // Paths in `resolve` are relative to the project root, which is
  // .medusa/server in a build (src/modules/email-log is compiled there).
  const apiKey = env.SENDGRID_API_KEY
  if (!apiKey) {
    if (env.SENDGRID_FROM) {
      throw new ConfigError("SENDGRID_API_KEY", "is required when SENDGRID_FROM is set (or unset SENDGRID_FROM to log emails instead)")
    }
    return {
      module: notificationModule([
        localProvider(["feed"]),
        {
          resolve: "./src/modules/email-log",
          id: "email-log",
          options: { channels: ["email"], show_body: !production },
        },
      ]),
      email: "log",
      summary: "notifications: emails are written to the log (SENDGRID_API_KEY not set); admin feed on",
      warnings:
        production && sendsEmail
        ? [
            configWarning(
              "SENDGRID_API_KEY is not set: order confirmations are only written to the worker's log, no customer gets an email",
              "set SENDGRID_API_KEY and SENDGRID_FROM (a sender verified in SendGrid) on the worker service"
            ),
          ]
        : [],
    }
  }
  if (!env.SENDGRID_FROM) {
    throw new ConfigError("SENDGRID_FROM", "is required when SENDGRID_API_KEY is set: a sender address verified in SendGrid, e.g. ordre@beauty-shop.dk")
  }
  if (!EMAIL_ADDRESS.test(env.SENDGRID_FROM)) {
    throw new ConfigError("SENDGRID_FROM", `must be an email address such as ordre@beauty-shop.dk (got "${env.SENDGRID_FROM}")`)
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
