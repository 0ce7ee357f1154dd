import { storefrontAddressList } from "../../../../config/storefront"
import { clientAddressOf, countedAddress, type StorefrontTrust } from "../client-address"

const SECRET = "s".repeat(40)
const TRUST: StorefrontTrust = { secret: SECRET, addresses: storefrontAddressList(["10.0.0.0/8", "fd12::/16"]) }

describe("countedAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2::a", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
  ])("counts %s as %s", (address, counted) => {
    expect(countedAddress(address)).toBe(counted)
  })
})

describe("clientAddressOf", () => {
  const request = (ip: string, headers: Record<string, string> = {}) => ({ ip, headers })

  it("takes the connection's address from anyone it does not trust, whatever they claim", () => {
    expect(clientAddressOf(request("203.0.113.7", { "x-shopper-address": "198.51.100.1" }), TRUST)).toEqual({
      shared: false,
      address: "203.0.113.7",
    })
    expect(
      clientAddressOf(
        request("203.0.113.7", { "x-storefront-secret": "s".repeat(39), "x-shopper-address": "198.51.100.1" }),
        TRUST
      )
    ).toEqual({ shared: false, address: "203.0.113.7" })
  })

  it("takes the shopper's address from a storefront with the secret, grouping IPv6 by /64", () => {
    const headers = { "x-storefront-secret": SECRET, "x-shopper-address": "2001:db8:5:6::99" }
    expect(clientAddressOf(request("192.0.2.10", headers), TRUST)).toEqual({
      shared: false,
      address: "2001:db8:5:6::/64",
    })
  })

  it("takes the shopper's address from a storefront calling from a trusted network", () => {
    expect(clientAddressOf(request("fd12:aa::3", { "x-shopper-address": "198.51.100.1" }), TRUST)).toEqual({
      shared: false,
      address: "198.51.100.1",
    })
  })

  it("counts a trusted storefront that names no shopper, or no valid one, as a shared address", () => {
    expect(clientAddressOf(request("10.1.2.3"), TRUST)).toEqual({ shared: true, address: "10.1.2.3" })
    expect(clientAddressOf(request("10.1.2.3", { "x-shopper-address": "not-an-ip" }), TRUST)).toEqual({
      shared: true,
      address: "10.1.2.3",
    })
  })

  it("trusts no secret when the shop set none", () => {
    const noSecret: StorefrontTrust = { addresses: storefrontAddressList([]) }
    expect(
      clientAddressOf(
        request("192.0.2.10", { "x-storefront-secret": "", "x-shopper-address": "198.51.100.1" }),
        noSecret
      )
    ).toEqual({ shared: false, address: "192.0.2.10" })
  })
})
