import { ALL, LISTS, decide, entityOf, idsOf, productTag } from "../invalidation-rules"

describe("entityOf", () => {
  it("takes the part before the action of a two-part name", () => {
    expect(entityOf("product.updated")).toBe("product")
    expect(entityOf("product-variant.updated")).toBe("product-variant")
  })

  it("takes the part before the action of a name with a module prefix", () => {
    expect(entityOf("inventory.inventory-level.updated")).toBe("inventory-level")
    expect(entityOf("a.b.c.d")).toBe("c")
  })

  it("gives back a name without a dot whole", () => {
    expect(entityOf("product")).toBe("product")
    expect(entityOf("")).toBe("")
  })
})

describe("idsOf", () => {
  it("reads one id from { id }", () => {
    expect(idsOf({ id: "prod_1" })).toEqual(["prod_1"])
  })

  it("reads every id from { id: [...] }", () => {
    expect(idsOf({ id: ["prod_1", "prod_2"] })).toEqual(["prod_1", "prod_2"])
  })

  it("reads the ids of a list of { id }", () => {
    expect(idsOf([{ id: "prod_1" }, { id: "prod_2" }])).toEqual(["prod_1", "prod_2"])
  })

  it("reads the ids of a list whose items hold lists of ids", () => {
    expect(idsOf([{ id: ["a", "b"] }, { id: "c" }])).toEqual(["a", "b", "c"])
  })

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a string", "prod_1"],
    ["a number", 42],
    ["an object without id", { product_id: "prod_1" }],
    ["an empty id", { id: "" }],
    ["a numeric id", { id: 7 }],
    ["an id object", { id: { id: "prod_1" } }],
    ["an empty list", []],
    ["a list of junk", [null, undefined, 3, "x", { id: null }, { id: [1, null, ""] }]],
  ])("finds no id in %s", (_, data) => {
    expect(idsOf(data)).toEqual([])
  })

  it("keeps the string ids and skips the junk beside them", () => {
    expect(idsOf([{ id: "a" }, null, { id: 3 }, { id: ["b", 4, ""] }, "c"])).toEqual(["a", "b"])
  })
})

describe("decide", () => {
  it.each([
    "cart.updated",
    "order.placed",
    "customer.created",
    "auth.password_reset",
    "payment.captured",
    "order.fulfillment_created",
    "promotion.updated",
  ])("ignores %s, which no anonymous catalogue answer shows", (eventName) => {
    expect(decide(eventName, { id: "x_1" })).toEqual({ kind: "ignore" })
  })

  it.each([
    "cart.address.created",
    "cart.line-item.updated",
    "order.order-line-item-tax-line.created",
    "order.order-shipping-method.created",
    "payment.payment-session.created",
    "customer.customer-address.updated",
    "promotion.promotion-rule.created",
    "notification.notification.created",
    "fulfillment.address.created",
    "fulfillment.fulfillment.updated",
    "shipment.created",
    "delivery.created",
  ])("ignores %s, an event of a checkout or a fulfilment", (eventName) => {
    expect(decide(eventName, { id: "x_1" })).toEqual({ kind: "ignore" })
  })

  it.each(["fulfillment.shipping-profile.updated", "stock_location.stock-location-address.updated"])(
    "drops everything on %s, which a client may ask for with a product",
    (eventName) => {
      expect(decide(eventName, { id: "x_1" })).toEqual({ kind: "drop", tags: [ALL], reason: eventName })
    }
  )

  it.each(["LinkCartPaymentCollection.attached", "LinkOrderCart.attached", "LinkOrderPaymentCollection.detached"])(
    "ignores %s, a link with a side outside the catalogue",
    (eventName) => {
      expect(decide(eventName, [{ id: "link_1" }])).toEqual({ kind: "ignore" })
    }
  )

  it.each([
    ["LinkProductSalesChannel.attached", { id: undefined }],
    ["LinkProductVariantPriceSet.detached", { id: "link_1" }],
    ["LinkPublishableApiKeySalesChannel.attached", { id: undefined }],
  ])("drops everything on %s, whose data names no product", (eventName, data) => {
    expect(decide(eventName, data)).toEqual({ kind: "drop", tags: [ALL], reason: eventName })
  })

  it("ignores an uncatalogued entity even without ids", () => {
    expect(decide("cart.created", undefined)).toEqual({ kind: "ignore" })
  })

  it("drops the lists and the product's pages when a product changes", () => {
    expect(decide("product.updated", { id: "prod_1" })).toEqual({
      kind: "drop",
      tags: [LISTS, productTag("prod_1")],
      reason: "product.updated",
    })
  })

  it("drops the lists and the pages of every product a product event names", () => {
    const decision = decide("product.deleted", [{ id: "prod_1" }, { id: "prod_2" }])
    expect(decision).toMatchObject({ kind: "drop", tags: [LISTS, "product:prod_1", "product:prod_2"] })
  })

  it("drops everything when a product event names no product", () => {
    expect(decide("product.updated", {})).toEqual({
      kind: "drop",
      tags: [ALL],
      reason: "product.updated without ids",
    })
    expect(decide("product.created", undefined)).toMatchObject({ kind: "drop", tags: [ALL] })
  })

  it.each([
    ["product-variant.updated", "product-variant", { id: "variant_1" }, ["variant_1"]],
    ["inventory-level.updated", "inventory-level", { id: ["ilev_1", "ilev_2"] }, ["ilev_1", "ilev_2"]],
    ["reservation-item.created", "reservation-item", [{ id: "resitem_1" }], ["resitem_1"]],
  ])("looks up the products behind %s", (eventName, entity, data, ids) => {
    expect(decide(eventName, data)).toEqual({ kind: "lookup", entity, ids, reason: eventName })
  })

  it.each(["region.updated", "price-list.created", "translation.updated", "some.brand-new.event"])(
    "drops everything on %s, which no rule knows",
    (eventName) => {
      expect(decide(eventName, { id: "x_1" })).toEqual({ kind: "drop", tags: [ALL], reason: eventName })
    }
  )

  it.each(["product-variant.updated", "inventory-level.updated", "reservation-item.created"])(
    "drops everything when %s names nothing to look up",
    (eventName) => {
      expect(decide(eventName, { product_id: "prod_1" })).toEqual({ kind: "drop", tags: [ALL], reason: eventName })
      expect(decide(eventName, [])).toMatchObject({ kind: "drop", tags: [ALL] })
    }
  )
})
