import { BlockList, isIP } from "node:net"
import { ConfigError } from "./errors"

/**
 * A storefront the shop trusts to name the shopper behind a server-side request (docs/security.md): one that
 * sends STOREFRONT_SECRET in `x-storefront-secret`, or calls from an address in STOREFRONT_ADDRESSES. Its
 * `x-shopper-address` header is then the address the login throttle counts.
 */
export interface StorefrontTrustSettings {
  storefrontSecret?: string
  storefrontAddresses: string[]
}

/** Shorter secrets can be guessed; 32 characters is what `openssl rand -hex 16` prints. */
export const STOREFRONT_SECRET_MIN_LENGTH = 32

export function storefrontSecret(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (value.length < STOREFRONT_SECRET_MIN_LENGTH || /\s/.test(value)) {
    throw new ConfigError(
      "STOREFRONT_SECRET",
      `must be at least ${STOREFRONT_SECRET_MIN_LENGTH} characters without spaces; make one with: openssl rand -hex 32`
    )
  }
  return value
}

const ADDRESSES_EXAMPLE = "list addresses or networks, e.g. 10.0.0.0/8,fd12::/16,203.0.113.7"

/** The entries of STOREFRONT_ADDRESSES, each checked: an IP address or a network in CIDR notation. */
export function storefrontAddressEntries(value: string | undefined): string[] {
  if (value === undefined) return []
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
  storefrontAddressList(entries)
  return entries
}

/**
 * Addresses and networks (`10.0.0.0/8`, `fd12::/16`, `203.0.113.7`) as a BlockList; a bad entry is a
 * ConfigError naming it.
 */
export function storefrontAddressList(entries: readonly string[]): BlockList {
  const list = new BlockList()
  for (const entry of entries) {
    const [address, bits, extra] = entry.split("/")
    const family = isIP(address)
    if (!family || extra !== undefined) {
      throw new ConfigError("STOREFRONT_ADDRESSES", `"${entry}" is not an IP address or network; ${ADDRESSES_EXAMPLE}`)
    }
    const type = family === 6 ? "ipv6" : "ipv4"
    if (bits === undefined) {
      list.addAddress(address, type)
      continue
    }
    const most = family === 6 ? 128 : 32
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > most) {
      throw new ConfigError(
        "STOREFRONT_ADDRESSES",
        `"${entry}" has no valid prefix length (0-${most}); ${ADDRESSES_EXAMPLE}`
      )
    }
    list.addSubnet(address, Number(bits), type)
  }
  return list
}

/** The operator's line: whom the throttle believes about the shopper's address. */
export function storefrontTrustSummary({ storefrontSecret, storefrontAddresses }: StorefrontTrustSettings): string {
  const sources = [
    ...(storefrontSecret ? ["requests with STOREFRONT_SECRET"] : []),
    ...(storefrontAddresses.length ? [`requests from ${storefrontAddresses.join(", ")}`] : []),
  ]
  return sources.length
    ? `trusted storefront: x-shopper-address taken from ${sources.join(" and ")}`
    : "trusted storefront: none (STOREFRONT_SECRET unset); a server-side storefront's customers share its address (docs/security.md)"
}
