import { STRIPE_PROVIDER_ID as STRIPE } from "../../../../config/payments"
import { MANUAL_PROVIDER_ID, regionProviders } from "../payments"

describe("regionProviders", () => {
  it("leaves a region as it is without Stripe", () => {
    expect(regionProviders([MANUAL_PROVIDER_ID], { stripe: false, production: true })).toEqual([MANUAL_PROVIDER_ID])
  })

  it("adds Stripe next to the manual provider outside production", () => {
    expect(regionProviders([MANUAL_PROVIDER_ID], { stripe: true, production: false })).toEqual([
      MANUAL_PROVIDER_ID,
      STRIPE,
    ])
  })

  it("offers only Stripe in production, so no order is placed without payment", () => {
    expect(regionProviders([MANUAL_PROVIDER_ID], { stripe: true, production: true })).toEqual([STRIPE])
    expect(regionProviders([MANUAL_PROVIDER_ID, STRIPE], { stripe: true, production: true })).toEqual([STRIPE])
  })

  it("keeps other providers an admin added and adds Stripe once", () => {
    expect(regionProviders(["pp_other", STRIPE], { stripe: true, production: true })).toEqual(["pp_other", STRIPE])
  })
})
