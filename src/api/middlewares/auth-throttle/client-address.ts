import { timingSafeEqual } from "node:crypto"
import { isIP, type BlockList } from "node:net"

/**
 * Where a login attempt comes from, as the throttle counts it.
 *
 * Medusa trusts one proxy (`trust proxy` 1), so `req.ip` is the address Railway's edge saw. For a browser that
 * calls the Store API itself that is the shopper. The official Next.js storefront logs customers in from a
 * server action instead: the backend then sees the storefront's server, the same address for every customer. A
 * storefront the shop trusts tells the backend who the shopper is (docs/security.md):
 *
 * - it sends `x-storefront-secret: <STOREFRONT_SECRET>`, or it calls from an address in STOREFRONT_ADDRESSES
 *   (a private network, a static egress address);
 * - and `x-shopper-address: <the shopper's IP>`, which it read from its own platform's proxy.
 *
 * `x-shopper-address` from anyone else is ignored: it is a header any client can write.
 */
export const STOREFRONT_SECRET_HEADER = "x-storefront-secret"
export const SHOPPER_ADDRESS_HEADER = "x-shopper-address"

export interface StorefrontTrust {
  /** The shared secret a trusted storefront sends, if the shop set one. */
  secret?: string
  /** Addresses and networks trusted storefronts call from. */
  addresses: BlockList
}

export type ClientAddress =
  /** One client: the shopper's own address, from the connection or from a trusted storefront. */
  | { shared: false; address: string }
  /** A trusted storefront that named no shopper: every customer behind it shares this address. */
  | { shared: true; address: string }

/**
 * The address as the throttle counts it: an IPv4 address as is (an IPv4-mapped IPv6 one as the IPv4 it is),
 * an IPv6 address as its /64, the smallest network a provider hands one customer, so an attacker cannot get a
 * fresh count from each of the 2^64 addresses of their own network. Anything else is kept as the text it was.
 */
export function countedAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]
  if (isIP(address) !== 6) return address
  return `${expandIpv6(address).slice(0, 4).join(":")}::/64`
}

/** The eight groups of an IPv6 address, each without leading zeros ("2001:db8::1" → 2001,db8,0,0,0,0,0,1). */
function expandIpv6(address: string): string[] {
  const [head, tail] = address.toLowerCase().split("%")[0].split("::")
  const part = (text: string | undefined) => (text ? text.split(":") : [])
  const left = part(head)
  const right = part(tail)
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
  return groups.map((group) => (group.includes(".") ? group : parseInt(group, 16).toString(16)))
}

/** Whether two secrets are equal, in time that does not depend on where they differ. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function isTrustedStorefront(ip: string, secretHeader: unknown, trust: StorefrontTrust): boolean {
  if (trust.secret && typeof secretHeader === "string" && sameSecret(secretHeader, trust.secret)) return true
  const family = isIP(ip)
  return family !== 0 && trust.addresses.check(ip, family === 6 ? "ipv6" : "ipv4")
}

/** The request's fields this reads (a MedusaRequest has them). */
export interface AddressedRequest {
  ip?: string
  socket?: { remoteAddress?: string }
  headers: Record<string, string | string[] | undefined>
}

export function clientAddressOf(req: AddressedRequest, trust: StorefrontTrust): ClientAddress {
  const ip = req.ip ?? req.socket?.remoteAddress ?? ""
  if (!isTrustedStorefront(ip, req.headers[STOREFRONT_SECRET_HEADER], trust)) {
    return { shared: false, address: countedAddress(ip) }
  }
  const shopper = String(req.headers[SHOPPER_ADDRESS_HEADER] ?? "").trim()
  if (isIP(shopper)) return { shared: false, address: countedAddress(shopper) }
  return { shared: true, address: countedAddress(ip) }
}
