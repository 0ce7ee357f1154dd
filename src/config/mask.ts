/**
 * Secrets never reach a log line or an error message. Connection URLs are the
 * usual leak (`postgres://user:password@host`), so every URL we print goes
 * through maskUrl, and free text through maskSecretsInText.
 */

const MASK = "***"

/** Replaces the password of a URL (if any) with ***; tolerates unparsable input. */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw)
    if (url.password) {
      url.password = MASK
    }
    return url.toString()
  } catch {
    // A mistyped URL (`postgres//user:pw@host`) has no scheme for the text
    // pattern to anchor on: mask whatever sits between a colon and an @.
    return maskSecretsInText(raw).replace(/:([^:@\s/]+)@/g, `:${MASK}@`)
  }
}

/** Masks `scheme://user:password@` sequences anywhere in a text. */
export function maskSecretsInText(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)([^@\s]+)(@)/gi, `$1${MASK}$3`)
}
