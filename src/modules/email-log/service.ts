import type { Logger, ProviderSendNotificationDTO, ProviderSendNotificationResultsDTO } from "@medusajs/framework/types"
import { AbstractNotificationProviderService, MedusaError } from "@medusajs/framework/utils"
import { maskEmail } from "../../lib/mask-email"

export interface EmailLogOptions {
  /** Also write the message's text (development: read the email in the terminal). */
  show_body?: boolean
}

/**
 * The email channel when no email service is configured: writes each email
 * to the log instead of sending it. Unlike Medusa's local provider, which
 * logs the recipient and the template data as they are, it names the
 * recipient masked (k***@example.dk) and logs the body only when asked, so a
 * production worker without SendGrid writes no customer data to its logs.
 * Medusa marks its notification rows "success"; the shop counts them as not
 * sent (src/lib/confirmation-record.ts), so the email goes out for real once
 * a provider is configured.
 */
export default class EmailLogNotificationService extends AbstractNotificationProviderService {
  static identifier = "email-log"

  private readonly logger: Logger
  private readonly showBody: boolean

  constructor({ logger }: { logger: Logger }, options: EmailLogOptions = {}) {
    super()
    this.logger = logger
    this.showBody = options.show_body === true
  }

  async send(notification: ProviderSendNotificationDTO): Promise<ProviderSendNotificationResultsDTO> {
    if (!notification) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "No notification information provided")
    }
    const subject = notification.content?.subject ?? notification.template
    this.logger.info(
      `email (not sent, SENDGRID_API_KEY not set): to ${maskEmail(notification.to)}, subject "${subject}"`
    )
    if (this.showBody && notification.content?.text) {
      this.logger.info(`email body:\n${notification.content.text}`)
    }
    return {}
  }
}
