/** "k***@example.dk": enough for an operator to match a complaint, not a mailing list. */
export function maskEmail(email: string | null | undefined): string {
  if (!email) {
    return "(no email)"
  }
  const [local, domain] = email.split("@")
  return domain ? `${local.slice(0, 1)}***@${domain}` : "***"
}
